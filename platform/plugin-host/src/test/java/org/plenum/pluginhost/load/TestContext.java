package org.plenum.pluginhost.load;

import java.lang.reflect.Proxy;
import java.text.MessageFormat;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import org.plenum.api.PluginContext;
import org.plenum.api.PluginDescriptor;

/**
 * The least {@link PluginContext} a fixture plugin needs: its descriptor and a logger that records
 * lines. Everything else throws, so a fixture that reaches for more fails loudly.
 */
final class TestContext {

    final List<String> logged = new CopyOnWriteArrayList<>();
    final PluginContext context;

    TestContext(PluginDescriptor descriptor) {
        System.Logger logger = new RecordingLogger(descriptor.id().value(), logged);
        context = (PluginContext) Proxy.newProxyInstance(TestContext.class.getClassLoader(), new Class<?>[] {PluginContext.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "descriptor" -> descriptor;
                    case "logger" -> logger;
                    case "toString" -> "test context of " + descriptor.id();
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException("the test context has no " + method.getName() + "()");
                });
    }

    private record RecordingLogger(String name, List<String> lines) implements System.Logger {

        @Override
        public String getName() {
            return name;
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            lines.add(level + " " + msg);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            lines.add(level + " " + (params == null || params.length == 0 ? format : MessageFormat.format(format, params)));
        }
    }
}
