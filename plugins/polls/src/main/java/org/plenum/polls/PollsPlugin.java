package org.plenum.polls;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;
import org.plenum.api.Plugin;
import org.plenum.api.PluginContext;
import org.plenum.api.PluginDescriptor;
import org.plenum.api.http.Caller;
import org.plenum.api.http.HttpProblemException;
import org.plenum.api.http.HttpResponse;
import org.plenum.api.json.JsonObject;
import org.plenum.api.room.RoomInfo;
import org.plenum.api.room.RoomModuleFactory;
import org.plenum.api.ui.UiContribution;
import org.plenum.api.ui.UiMount;
import org.plenum.api.ui.UiSlot;

/**
 * The quick polls plugin: a {@link PollsModule} in every room of tenants that enable it, and the route
 * {@code GET /api/v1/plugins/polls/rooms/{roomId}/polls} with the results of the room's closed polls for
 * callers who may see the room.
 *
 * <p>Settings (per tenant): {@code participantsMayCreate} (default false) lets participants with an account
 * create polls, not only moderators.
 */
public final class PollsPlugin implements Plugin {

    /** The plugin id: the namespace of its messages and its URL segment. */
    public static final String ID = "polls";

    private static final PluginDescriptor DESCRIPTOR = PluginDescriptor.builder(ID, buildVersion())
            .name("Quick polls")
            .description("Quick single- or multiple-choice polls in a meeting: anonymous or named, results live or when it"
                    + " closes, an optional time limit.")
            .requires("[1.0,2.0)")
            .settingsSchema(JsonObject.parse("""
                    {"type": "object",
                     "properties": {"participantsMayCreate": {"type": "boolean", "default": false,
                                    "description": "Participants with an account may create polls, not only moderators"}},
                     "additionalProperties": false}"""))
            // the side panel of the web client: src/main/resources/ui/polls.js
            .ui(new UiContribution("ui", "polls.js", List.of(new UiMount(UiSlot.SIDE_PANEL, "polls-panel"))))
            .build();

    private final PollArchive archive = new PollArchive();

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void start(PluginContext context) {
        context.roomModules(RoomModuleFactory.always(room -> new PollsModule(room, archive)));
        context.http().get("/rooms/{roomId}/polls", request -> {
            Caller caller = request.requireCaller();
            RoomInfo info = context.rooms().find(request.pathParameter("roomId"), caller)
                    .orElseThrow(() -> HttpProblemException.notFound("no such room, or you may not see it"));
            return HttpResponse.ok(JsonObject.of("roomId", info.roomId(), "polls", archive.closedPolls(info.tenantId(), info.roomId())));
        });
        context.logger().log(System.Logger.Level.INFO, "polls started version=" + DESCRIPTOR.version());
    }

    @Override
    public void stop() {
        archive.clear();
    }

    /** The version the build wrote into plenum-plugin.properties: the jar's version. */
    private static String buildVersion() {
        try (InputStream in = PollsPlugin.class.getResourceAsStream("plenum-plugin.properties")) {
            if (in == null) {
                throw new IllegalStateException("plenum-plugin.properties is missing beside " + PollsPlugin.class.getName());
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
