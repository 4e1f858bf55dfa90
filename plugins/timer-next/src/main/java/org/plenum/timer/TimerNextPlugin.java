package org.plenum.timer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Properties;
import org.pf4j.Extension;
import org.plenum.api.Plugin;
import org.plenum.api.PluginContext;
import org.plenum.api.PluginDescriptor;
import org.plenum.api.json.JsonObject;
import org.plenum.api.room.InboundMessage;
import org.plenum.api.room.LeaveReason;
import org.plenum.api.room.Participant;
import org.plenum.api.room.RoomContext;
import org.plenum.api.room.RoomModule;
import org.plenum.api.room.RoomModuleFactory;

/**
 * The timer plugin, next version: everything {@link TimerModule} does, plus the server's clock for clients that
 * show a countdown (their own clocks drift): every join snapshot carries {@code serverTime} (before, only while a
 * timer ran), and {@code clock} answers {@code clock} with it. Built from the timer's sources by
 * {@code plugins/timer-next} so that the tests can update a signed, running plugin to a new version.
 */
@Extension
public final class TimerNextPlugin implements Plugin {

    private static final PluginDescriptor DESCRIPTOR = PluginDescriptor.builder("timer", buildVersion())
            .name("Timer")
            .description("Countdowns and stopwatches with a title, started by moderators; participants say when they are"
                    + " ready. Tells clients the server's clock.")
            .requires("[1.0,2.0)")
            .ui(TimerUi.CONTRIBUTION)
            .build();

    /** PF4J creates extensions through a public no-argument constructor. */
    public TimerNextPlugin() {
    }

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void start(PluginContext context) {
        context.roomModules(RoomModuleFactory.always(ClockedTimer::new));
        context.logger().log(System.Logger.Level.INFO, "timer started version=" + DESCRIPTOR.version());
    }

    /** The timer module with the server's clock added. */
    static final class ClockedTimer implements RoomModule {
        private final RoomContext room;
        private final TimerModule timer;

        ClockedTimer(RoomContext room) {
            this.room = room;
            this.timer = new TimerModule(room);
        }

        @Override
        public void onMessage(InboundMessage message) {
            if (message.type().equals("clock")) {
                Fields.allowOnly(message.body(), java.util.Set.of());
                room.reply(message, "clock", JsonObject.of("serverTime", room.clock().instant().toString()));
            } else {
                timer.onMessage(message);
            }
        }

        @Override
        public Optional<JsonObject> joinSnapshot(Participant participant) {
            JsonObject snapshot = timer.joinSnapshot(participant).orElse(JsonObject.of());
            return Optional.of(snapshot.with("serverTime", room.clock().instant().toString()));
        }

        @Override
        public void onJoin(Participant participant) {
            timer.onJoin(participant);
        }

        @Override
        public void onLeave(Participant participant, LeaveReason reason) {
            timer.onLeave(participant, reason);
        }

        @Override
        public void onRoomClosing() {
            timer.onRoomClosing();
        }

        @Override
        public void onPluginStopping() {
            timer.onPluginStopping();
        }
    }

    private static String buildVersion() {
        try (InputStream in = TimerNextPlugin.class.getResourceAsStream("plenum-plugin.properties")) {
            if (in == null) {
                throw new IllegalStateException("plenum-plugin.properties is missing beside " + TimerNextPlugin.class.getName());
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
