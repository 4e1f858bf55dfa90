package org.plenum.pluginhost.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plenum.pluginhost.load.Collectability.Labelled;

/** A kept refusal must not keep the refused plugin alive: its cause is a copy. */
class PluginLoadExceptionTest {

    @TempDir
    Path jars;

    @Test
    void theCauseIsACopyWithTheOriginalsClassMessageStackAndCauses() {
        IllegalStateException root = new IllegalStateException("no database");
        RuntimeException thrown = new RuntimeException("start failed", root);
        thrown.addSuppressed(new IOException("close failed"));

        PluginLoadException refusal = new PluginLoadException("polls.jar: it failed", thrown);

        assertThat(refusal.getCause()).isInstanceOf(CopiedFailure.class)
                .hasToString("java.lang.RuntimeException: start failed")
                .hasMessage("start failed");
        assertThat(refusal.getCause().getStackTrace()).isEqualTo(thrown.getStackTrace());
        assertThat(refusal.getCause().getCause()).hasToString("java.lang.IllegalStateException: no database");
        assertThat(refusal.getCause().getSuppressed()).singleElement().hasToString("java.io.IOException: close failed");
        assertThat(((CopiedFailure) refusal.getCause()).originalClassName()).isEqualTo("java.lang.RuntimeException");
    }

    @Test
    void aCauseThatIsItsOwnCauseIsCopiedOnce() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);

        PluginLoadException refusal = new PluginLoadException("x.jar: loops", a);

        assertThat(refusal.getCause().getCause()).hasMessage("b");
        assertThat(refusal.getCause().getCause().getCause()).isNull();
    }

    @Test
    void aKeptRefusalDoesNotKeepThePluginsClassesReachable() throws Exception {
        // the fixture's constructor throws when its descriptor has an npm-style range
        Path jar = Fixtures.variant(Fixtures.pf4jHello()).descriptor("requires", "^1.0").writeTo(jars.resolve("caret.jar"));
        List<Labelled> references = new ArrayList<>();

        PluginLoadException refusal = refuse(jar, references);

        assertThat(refusal.getCause()).hasToString("java.lang.IllegalArgumentException: version '^1.0': the major part '^1' is not a number");
        assertThat(Collectability.stillReachableAfter(Duration.ofSeconds(10), references)).isEmpty();
    }

    private static PluginLoadException refuse(Path jar, List<Labelled> references) throws Exception {
        try (URLClassLoader loader = new URLClassLoader("caret", new URL[] {jar.toUri().toURL()}, PluginLoadExceptionTest.class.getClassLoader())) {
            Class<?> plugin = Class.forName("org.plenum.fixture.pf4j.HelloPlugin", true, loader);
            references.add(Labelled.of("the plugin's class loader", loader));
            references.add(Labelled.of("the plugin class", plugin));
            Throwable thrown = catchThrowable(() -> plugin.getConstructor().newInstance());
            assertThat(thrown).isInstanceOf(InvocationTargetException.class);
            return new PluginLoadException("caret.jar: creating its plugin failed", thrown.getCause());
        }
    }
}
