package org.plenum.pluginhost.load;

import java.nio.file.Path;
import java.util.List;
import java.util.jar.Manifest;
import org.plenum.pluginhost.load.Collectability.Labelled;

/** A source that notes weak references to what it loads, to prove later that it was collected. */
record RecordingSource(PluginSource delegate, List<Labelled> references) implements PluginSource {

    @Override
    public LoaderKind kind() {
        return delegate.kind();
    }

    @Override
    public boolean accepts(Manifest manifest) {
        return delegate.accepts(manifest);
    }

    @Override
    public LoadedPlugin load(Path jar) throws PluginLoadException {
        LoadedPlugin loaded = delegate.load(jar);
        references.add(Labelled.of("class loader of " + jar.getFileName(), loaded.classLoader()));
        references.add(Labelled.of("plugin of " + jar.getFileName(), loaded.plugin()));
        return loaded;
    }

    @Override
    public void close() {
        delegate.close();
    }
}
