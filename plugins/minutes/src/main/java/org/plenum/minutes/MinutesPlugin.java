package org.plenum.minutes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.plenum.api.Plugin;
import org.plenum.api.PluginContext;
import org.plenum.api.PluginDescriptor;
import org.plenum.api.event.RoomClosed;
import org.plenum.api.http.Caller;
import org.plenum.api.http.CallerRole;
import org.plenum.api.http.HttpMethod;
import org.plenum.api.http.HttpProblemException;
import org.plenum.api.http.HttpRequest;
import org.plenum.api.http.HttpResponse;
import org.plenum.api.json.JsonObject;
import org.plenum.api.room.RoomInfo;
import org.plenum.api.room.RoomModuleFactory;
import org.plenum.api.storage.SchemaMigrations;
import org.plenum.api.ui.UiContribution;
import org.plenum.api.ui.UiMount;
import org.plenum.api.ui.UiSlot;
import org.plenum.minutes.api.AgendaProvider;
import org.plenum.minutes.api.AgendaProviders;
import org.plenum.minutes.document.Actor;
import org.plenum.minutes.document.MinutesDocument;
import org.plenum.minutes.document.Revision;
import org.plenum.minutes.store.MinutesStore;

/**
 * The minutes plugin (Niederschrift): a {@link MinutesModule} in every room of tenants that enable it, the
 * {@link AgendaProviders} service, and REST routes to read minutes, their history and their PDF/A exports.
 * The rules are in {@code docs/plugins/minutes.md}.
 */
public final class MinutesPlugin implements Plugin {

    /** The plugin id: the namespace of its messages, its URL segment and its schema {@code plugin_minutes}. */
    public static final String ID = "minutes";

    private static final PluginDescriptor DESCRIPTOR = PluginDescriptor.builder(ID, buildVersion())
            .name("Niederschrift")
            .description("The minutes of a session by agenda item: attendance and vote results filled in, minute-takers edit, everyone"
                    + " reads along; full revision history; approval by chair and minute-taker gives a hashed PDF/A.")
            .requires("[1.0,2.0)")
            .migrations(new SchemaMigrations("db/minutes"))
            // the side panel "Protokoll" of the web client (ui/minutes.js, docs/plugins/minutes.md "Web client")
            .ui(new UiContribution("ui", "minutes.js", List.of(new UiMount(UiSlot.SIDE_PANEL, "minutes-panel"))))
            .build();

    private AgendaSources agendas;

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void start(PluginContext context) {
        MinutesStore store = new MinutesStore(context.storage().dataSource());
        agendas = new AgendaSources(context.services().find(AgendaProvider.class), context.logger());
        context.services().export(AgendaProviders.class, agendas);
        MinutesServices services = new MinutesServices(context.logger(), agendas, context.audit());
        context.roomModules(RoomModuleFactory.always(room -> new MinutesModule(room, store, services)));
        context.events().subscribe(RoomClosed.class, closed -> endSession(store, services, closed));
        new MinutesRoutes(context, store).register();
        context.logger().log(System.Logger.Level.INFO, "minutes started version=" + DESCRIPTOR.version());
    }

    /** When the meeting ends, the minutes of its session note the end and everyone's departure. */
    private static void endSession(MinutesStore store, MinutesServices services, RoomClosed closed) {
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                List<UUID> ids = store.documentsOf(closed.tenantId(), closed.roomId());
                if (ids.isEmpty()) {
                    return;
                }
                MinutesStore.Stored stored = store.load(closed.tenantId(), ids.getLast()).orElseThrow();
                MinutesDocument d = stored.replay();
                if (d.sessionEnded()) {
                    return;
                }
                Revision r = Revision.seal(d.id(), d.revision() + 1, java.time.Instant.now(), Actor.SYSTEM, "session_ended", JsonObject.of(),
                        d.headHash());
                store.append(List.of(r));
                return;
            } catch (MinutesStore.StaleRevisionException stale) {
                // the room module's last change landed meanwhile: read again
            } catch (SQLException e) {
                services.log().log(System.Logger.Level.WARNING, "the end of a session could not be noted in its minutes: " + e.getMessage());
                return;
            }
        }
    }

    @Override
    public void stop() {
        if (agendas != null) {
            agendas.clear();
        }
    }

    /** The version the build wrote into plenum-plugin.properties: the jar's version. */
    private static String buildVersion() {
        try (InputStream in = MinutesPlugin.class.getResourceAsStream("plenum-plugin.properties")) {
            if (in == null) {
                throw new IllegalStateException("plenum-plugin.properties is missing beside " + MinutesPlugin.class.getName());
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
