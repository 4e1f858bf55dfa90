package org.plenum.timer;

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
 * The timer plugin: a {@link TimerModule} in every room of tenants that enable it. Loaded by PF4J: the jar's
 * manifest names the plugin ({@code Plugin-Id: timer}), and this class is its extension, found through
 * {@code META-INF/extensions.idx} (written by PF4J's annotation processor). It implements
 * {@link org.plenum.api.Plugin} directly, which PF4J allows with {@code -Apf4j.ignoreExtensionPoint}.
 */
@Extension
public final class TimerPlugin implements Plugin {

    /** The plugin id: the namespace of its messages. */
    public static final String ID = "timer";

    private static final PluginDescriptor DESCRIPTOR = PluginDescriptor.builder(ID, buildVersion())
            .name("Timer")
            .description("Countdowns and stopwatches with a title (\"coffee break\"), started by moderators; participants"
                    + " say when they are ready.")
            .requires("[1.0,2.0)")
            .ui(TimerUi.CONTRIBUTION)
            .build();

    /** PF4J creates extensions through a public no-argument constructor. */
    public TimerPlugin() {
    }

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void start(PluginContext context) {
        context.roomModules(RoomModuleFactory.always(TimerModule::new));
        context.logger().log(System.Logger.Level.INFO, "timer started version=" + DESCRIPTOR.version());
    }

    /** The version the build wrote into plenum-plugin.properties: the jar's version. */
    private static String buildVersion() {
        try (InputStream in = TimerPlugin.class.getResourceAsStream("plenum-plugin.properties")) {
            if (in == null) {
                throw new IllegalStateException("plenum-plugin.properties is missing beside " + TimerPlugin.class.getName());
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
