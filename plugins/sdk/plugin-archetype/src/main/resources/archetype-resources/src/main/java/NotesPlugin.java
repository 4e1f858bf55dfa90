package ${package};

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.pf4j.Extension;
import org.plenum.api.Plugin;
import org.plenum.api.PluginContext;
import org.plenum.api.PluginDescriptor;
import org.plenum.api.room.RoomModuleFactory;

/**
 * The plugin "${pluginId}": what the host loads (PF4J finds this @Extension) and starts. It gives every room of the
 * tenants that enable it a {@link NotesModule}.
 */
@Extension
public final class NotesPlugin implements Plugin {

    /** The plugin id: the namespace of its messages, its URL segment and its database schema. */
    public static final String ID = "${pluginId}";

    private static final PluginDescriptor DESCRIPTOR = PluginDescriptor.builder(ID, buildVersion())
            .name("${pluginName}")
            .description("Shared notes in a meeting")
            .requires("[1.0,2.0)")
            .build();

    /** PF4J creates extensions through a public no-argument constructor. */
    public NotesPlugin() {
    }

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void start(PluginContext context) {
        context.roomModules(RoomModuleFactory.always(NotesModule::new));
        context.logger().log(System.Logger.Level.INFO, ID + " started");
    }

    /** The version the build wrote into plenum-plugin.properties: the jar's version. */
    private static String buildVersion() {
        try (InputStream in = NotesPlugin.class.getResourceAsStream("plenum-plugin.properties")) {
            if (in == null) {
                throw new IllegalStateException("plenum-plugin.properties is missing beside " + NotesPlugin.class.getName());
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
