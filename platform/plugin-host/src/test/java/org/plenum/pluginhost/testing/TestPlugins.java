package org.plenum.pluginhost.testing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.plenum.api.Plugin;
import org.plenum.api.PluginContext;
import org.plenum.api.PluginDescriptor;
import org.plenum.api.event.Event;
import org.plenum.api.event.RoomOpened;
import org.plenum.api.http.HttpMethod;
import org.plenum.api.http.HttpProblemException;
import org.plenum.api.http.HttpResponse;
import org.plenum.api.json.JsonObject;
import org.plenum.api.room.RoomModule;
import org.plenum.api.room.RoomModuleFactory;
import org.plenum.api.ui.UiContribution;
import org.plenum.api.ui.UiMount;
import org.plenum.api.ui.UiSlot;

/** Plugins for the host's tests, loaded from the test class path by {@link ClasspathCodeLoader}; they record what happens to them. */
public final class TestPlugins {

    private TestPlugins() {
    }

    /** What happened, in order: "greeter 1.0.0 start", "listener stop", … */
    public static final List<String> EVENTS = new CopyOnWriteArrayList<>();
    /** The last context each plugin got. */
    public static final Map<String, PluginContext> CONTEXTS = new ConcurrentHashMap<>();
    /** Runs of the greeter's repeating task. */
    public static final AtomicInteger TICKS = new AtomicInteger();
    /** Events the listener received. */
    public static final List<Event> RECEIVED = new CopyOnWriteArrayList<>();

    /** The UI files of the greeter's jar. */
    public static final Map<String, String> GREETER_UI = Map.of(
            "ui/greeter.js", "export class GreeterPanel extends HTMLElement {}\ncustomElements.define('greeter-panel', GreeterPanel);\n",
            "ui/style.css", "greeter-panel { color: green }",
            "secret/config.txt", "not for the browser");

    public static void reset() {
        EVENTS.clear();
        CONTEXTS.clear();
        TICKS.set(0);
        RECEIVED.clear();
    }

    /** A service the greeter exports to its dependents. */
    public interface Greeting {
        String greet(String name);
    }

    /** A plugin event. */
    public record Greeted(UUID tenantId, String text) implements Event {
    }

    /** Greets: room modules, routes, a service, settings, a repeating task, UI. */
    public abstract static class Greeter implements Plugin {
        private final PluginDescriptor descriptor;

        Greeter(String version) {
            descriptor = PluginDescriptor.builder("greeter", version)
                    .name("Greeter").description("says hello")
                    .requires("[1.0,2.0)")
                    .settingsSchema(JsonObject.parse("""
                            {"type": "object",
                             "properties": {"greeting": {"type": "string", "maxLength": 20, "default": "Hallo"}},
                             "additionalProperties": false}"""))
                    .ui(new UiContribution("ui", "greeter.js", List.of(new UiMount(UiSlot.SIDE_PANEL, "greeter-panel"))))
                    .build();
        }

        @Override
        public PluginDescriptor descriptor() {
            return descriptor;
        }

        @Override
        public void start(PluginContext context) {
            String v = descriptor.version().toString();
            EVENTS.add("greeter " + v + " start");
            CONTEXTS.put("greeter", context);
            context.roomModules(RoomModuleFactory.always(room -> new RoomModule() {
            }));
            context.services().export(Greeting.class, name -> context.settings(UUID.randomUUID()).getString("greeting") + " " + name);
            context.http().get("/hello", r -> HttpResponse.ok(JsonObject.of("hello", r.requireCaller().displayName(), "version", v,
                    "greeting", context.settings(r.requireCaller().tenantId()).getString("greeting"))));
            context.http().post("/echo", r -> HttpResponse.ok(r.jsonObjectBody()));
            context.http().put("/echo", r -> HttpResponse.ok(r.jsonObjectBody()));
            context.http().patch("/echo", r -> HttpResponse.ok(r.jsonObjectBody()));
            context.http().delete("/echo", r -> HttpResponse.noContent());
            context.http().put("/things/{thing}", r -> HttpResponse.ok(JsonObject.of("thing", r.pathParameter("thing"))));
            context.http().patch("/things/{thing}", r -> HttpResponse.ok(JsonObject.of("patched", r.pathParameter("thing"))));
            context.http().delete("/things/{thing}", r -> HttpResponse.noContent());
            context.http().post("/things", r -> HttpResponse.created("/things/7", JsonObject.of("thing", "7")));
            context.http().get("/teapot", r -> {
                throw HttpProblemException.conflict("the teapot is busy");
            });
            context.http().get("/broken", r -> {
                throw new IllegalStateException("a bug in the plugin");
            });
            context.http().publicRoute(HttpMethod.GET, "/public/ping", r -> HttpResponse.ok(JsonObject.of("pong", r.caller().isPresent())));
            context.scheduleRepeating(Duration.ofMillis(5), Duration.ofMillis(10), TICKS::incrementAndGet);
        }

        @Override
        public void stop() {
            EVENTS.add("greeter " + descriptor.version() + " stop");
        }
    }

    public static final class GreeterV1 extends Greeter {
        public GreeterV1() {
            super("1.0.0");
        }
    }

    public static final class GreeterV11 extends Greeter {
        public GreeterV11() {
            super("1.1.0");
        }
    }

    public static final class GreeterV2 extends Greeter {
        public GreeterV2() {
            super("2.0.0");
        }
    }

    /** A new version that does not start: an update to it must leave the old one running. */
    public static final class GreeterV12Broken extends Greeter {
        public GreeterV12Broken() {
            super("1.2.0");
        }

        @Override
        public void start(PluginContext context) {
            throw new IllegalStateException("version 1.2.0 cannot read its configuration");
        }
    }

    /** Depends on the greeter: uses its service and listens to events. */
    public static final class Listener implements Plugin {
        @Override
        public PluginDescriptor descriptor() {
            return PluginDescriptor.builder("listener", "1.0.0").name("Listener").requires("[1.0,2.0)")
                    .dependsOn("greeter", "[1.0,2.0)").build();
        }

        @Override
        public void start(PluginContext context) {
            Greeting greeting = context.services().require(Greeting.class);
            EVENTS.add("listener start " + (greeting != null));
            CONTEXTS.put("listener", context);
            context.events().subscribe(Greeted.class, RECEIVED::add);
            context.events().subscribe(RoomOpened.class, RECEIVED::add);
        }

        @Override
        public void stop() {
            EVENTS.add("listener stop");
        }
    }

    /** Declares no dependency on the greeter, so it must not see its service. */
    public static final class Stranger implements Plugin {
        @Override
        public PluginDescriptor descriptor() {
            return PluginDescriptor.builder("stranger", "1.0.0").name("Stranger").requires("[1.0,2.0)").build();
        }

        @Override
        public void start(PluginContext context) {
            CONTEXTS.put("stranger", context);
            context.events().subscribe(Greeted.class, RECEIVED::add);
        }
    }

    /** Built for an API this server does not provide. */
    public static final class FromTheFuture implements Plugin {
        @Override
        public PluginDescriptor descriptor() {
            return PluginDescriptor.builder("future", "1.0.0").name("Future").requires("[2.0,3.0)").build();
        }

        @Override
        public void start(PluginContext context) {
            EVENTS.add("future start");
        }
    }

    /** Needs a plugin that is not installed. */
    public static final class Lonely implements Plugin {
        @Override
        public PluginDescriptor descriptor() {
            return PluginDescriptor.builder("lonely", "1.0.0").name("Lonely").requires("[1.0,2.0)").dependsOn("absent", "[1.0,2.0)").build();
        }

        @Override
        public void start(PluginContext context) {
            EVENTS.add("lonely start");
        }
    }

    /** Refuses to start. */
    public static final class Grumpy implements Plugin {
        @Override
        public PluginDescriptor descriptor() {
            return PluginDescriptor.builder("grumpy", "1.0.0").name("Grumpy").requires("[1.0,2.0)").build();
        }

        @Override
        public void start(PluginContext context) throws Exception {
            throw new Exception("the moon is in the wrong phase");
        }
    }

    /** A room module only (for the tenancy matrix). */
    public static final class Counter implements Plugin {
        @Override
        public PluginDescriptor descriptor() {
            return PluginDescriptor.builder("counter", "1.0.0").name("Counter").requires("[1.0,2.0)").build();
        }

        @Override
        public void start(PluginContext context) {
            context.roomModules(room -> Optional.of(new RoomModule() {
            }));
            context.http().get("/count", r -> HttpResponse.ok(JsonObject.of("count", 1)));
        }
    }
}
