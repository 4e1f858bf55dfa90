package org.plenum.sdk.tester.example;

import java.util.concurrent.TimeUnit;
import org.plenum.api.Plugin;
import org.plenum.api.PluginContext;
import org.plenum.api.PluginDescriptor;
import org.plenum.api.http.HttpProblemException;
import org.plenum.api.http.HttpResponse;
import org.plenum.api.json.JsonObject;
import org.plenum.api.room.RoomInfo;
import org.plenum.api.room.RoomModuleFactory;

/** The quick poll as a whole plugin: descriptor, a service from a dependency, the room module and one REST route. */
public final class QuickPollPlugin implements Plugin {

    static final PluginDescriptor DESCRIPTOR = PluginDescriptor.builder("quick-poll", "1.0.0")
            .name("Quick poll")
            .description("Secret yes/no polls in a meeting, recorded in the audit log")
            .requires("[1.0,2.0)")
            .dependsOn("attendance", "[1.0,2.0)")
            .build();

    private final PluginDescriptor descriptor;

    public QuickPollPlugin() {
        this(DESCRIPTOR);
    }

    /** With another descriptor, to show what the host does with a wrong one. */
    public QuickPollPlugin(PluginDescriptor descriptor) {
        this.descriptor = descriptor;
    }

    @Override
    public PluginDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public void start(PluginContext context) {
        Eligibility eligibility = context.services().require(Eligibility.class);
        context.roomModules(RoomModuleFactory.always(room -> new QuickPoll(room, context.audit(), eligibility)));
        context.http().get("/rooms/{roomId}/poll", request -> {
            RoomInfo info = context.rooms().find(request.pathParameter("roomId"), request.requireCaller())
                    .orElseThrow(() -> HttpProblemException.notFound("no such room"));
            if (!info.live()) {
                return HttpResponse.ok(JsonObject.of("open", false));
            }
            JsonObject state = context.rooms().call(info.roomId(), QuickPoll.class, QuickPoll::publicState)
                    .toCompletableFuture().get(5, TimeUnit.SECONDS);
            return HttpResponse.ok(state);
        });
        context.logger().log(System.Logger.Level.INFO, "quick poll started");
    }
}
