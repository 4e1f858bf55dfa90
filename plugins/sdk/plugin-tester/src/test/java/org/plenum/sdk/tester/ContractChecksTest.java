package org.plenum.sdk.tester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.plenum.api.Plugin;
import org.plenum.api.PluginContext;
import org.plenum.api.PluginDescriptor;
import org.plenum.api.event.Event;
import org.plenum.api.event.ParticipantJoined;
import org.plenum.api.event.RoomClosed;
import org.plenum.api.event.RoomScopedEvent;
import org.plenum.api.http.CallerRole;
import org.plenum.api.http.HttpMethod;
import org.plenum.api.http.HttpProblemException;
import org.plenum.api.http.HttpResponse;
import org.plenum.api.json.JsonObject;
import org.plenum.api.room.InboundMessage;
import org.plenum.api.room.Participant;
import org.plenum.api.room.Role;
import org.plenum.api.room.RoomContext;
import org.plenum.api.room.RoomModule;
import org.plenum.api.room.RoomModuleFactory;
import org.plenum.api.room.RoomTimer;
import org.plenum.api.storage.SchemaMigrations;
import org.junit.jupiter.api.Test;

/** The tester enforces the SPI's rules, so that plugin bugs show up in unit tests rather than in a council session. */
class ContractChecksTest {

    /** A module whose message handler is given by the test. */
    private static PluginTester testerFor(java.util.function.BiConsumer<RoomContext, InboundMessage> onMessage) {
        return PluginTester.of("probe", room -> new RoomModule() {
            @Override
            public void onMessage(InboundMessage message) {
                onMessage.accept(room, message);
            }
        });
    }

    record Ping(UUID tenantId, String roomId, int n) implements RoomScopedEvent {
    }

    record TenantNews(UUID tenantId, String text) implements Event {
    }

    // ---- threads

    @Test
    void roomStateTouchedFromOffloadedWorkIsAFailure() {
        PluginTester tester = testerFor((room, m) -> room.offload(() -> {
            room.sendToAll("done", JsonObject.of());
            return null;
        }, (r, failure) -> room.reply(m, "failed_as_expected", JsonObject.of("error", String.valueOf(failure)))));
        SimulatedParticipant anna = tester.join("Anna", Role.MODERATOR);

        anna.send("go");

        assertThat(anna.lastReceived().type()).isEqualTo("failed_as_expected");
        assertThat(anna.lastReceived().body().getString("error")).contains("RoomContext.send was called from the plugin's executor");
    }

    @Test
    void theRoomsFixedFactsMayBeReadFromOffloadedWork() {
        PluginTester tester = testerFor((room, m) -> room.offload(() -> room.tenantId() + "/" + room.roomId() + "/" + room.pluginId(),
                (where, failure) -> room.reply(m, "where", JsonObject.of("where", where))));
        SimulatedParticipant anna = tester.join("Anna", Role.MODERATOR);

        anna.send("go");

        assertThat(anna.lastReceived().body().getString("where")).isEqualTo(tester.tenantId() + "/room-1/probe");
    }

    @Test
    void blockingAuditCallsOnTheRoomThreadFailTheTest() {
        PluginTester[] holder = new PluginTester[1];
        holder[0] = testerFor((room, m) -> holder[0].audit().chain(room.tenantId(), "x").append("a.b", JsonObject.of()));
        SimulatedParticipant anna = holder[0].join("Anna", Role.MODERATOR);

        assertThatThrownBy(() -> anna.send("go"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("AuditChain blocks and must not be called on the room's thread");
        assertThat(anna.lastReceived().errorCode()).contains("internal_error");
    }

    @Test
    void aThrowingModuleFailsTheCallThatCausedItUnlessFailuresAreTolerated() {
        RoomModuleFactory broken = RoomModuleFactory.always(room -> new RoomModule() {
            @Override
            public void onMessage(InboundMessage message) {
                throw new ArithmeticException("bug");
            }
        });
        PluginTester strict = PluginTester.forModule("probe", broken).start();
        SimulatedParticipant anna = strict.join("Anna", Role.MODERATOR);
        assertThatThrownBy(() -> anna.send("x")).isInstanceOf(ArithmeticException.class);

        PluginTester tolerant = PluginTester.forModule("probe", broken).tolerateFailures().start();
        SimulatedParticipant ben = tolerant.join("Ben", Role.PARTICIPANT);
        ben.send("x");
        ben.send("y");
        assertThat(tolerant.failures()).hasSize(2).allMatch(t -> t instanceof ArithmeticException);
        assertThat(ben.received()).extracting(m -> m.errorCode().orElseThrow()).containsExactly("internal_error", "internal_error");
    }

    // ---- protocol limits

    @Test
    void badTypesAndOversizedBodiesAreRefusedAtSend() {
        PluginTester tester = testerFor((room, m) -> {
            switch (m.type()) {
                case "bad_type" -> room.sendToAll("Bad Type", JsonObject.of());
                case "error_type" -> room.sendToAll("error", JsonObject.of());
                default -> room.sendToAll("big", JsonObject.of("s", "x".repeat(70_000)));
            }
        });
        SimulatedParticipant anna = tester.join("Anna", Role.MODERATOR);

        assertThatThrownBy(() -> anna.send("bad_type")).hasMessageContaining("must be lower-case");
        assertThatThrownBy(() -> anna.send("error_type")).hasMessageContaining("reserved for refusals");
        assertThatThrownBy(() -> anna.send("big")).hasMessageContaining("at most " + RoomContext.MAX_BODY_BYTES);
    }

    // ---- time

    @Test
    void timersFireInOrderAtTheirDueTimesOnTheVirtualClock() {
        List<String> fired = new ArrayList<>();
        RoomTimer[] repeating = new RoomTimer[1];
        PluginTester tester = testerFor((room, m) -> {
            Consumer<String> mark = name -> fired.add(name + "@" + Duration.between(Instant.parse("2026-01-05T09:00:00Z"), room.clock().instant()).toSeconds());
            room.schedule(Duration.ofSeconds(30), () -> mark.accept("b"));
            room.schedule(Duration.ofSeconds(10), () -> mark.accept("a"));
            room.schedule(Duration.ZERO, () -> mark.accept("now"));
            room.schedule(Duration.ofSeconds(20), () -> mark.accept("never")).cancel();
            repeating[0] = room.scheduleRepeating(Duration.ofSeconds(25), () -> mark.accept("tick"));
        });
        SimulatedParticipant anna = tester.join("Anna", Role.MODERATOR);

        anna.send("start");
        assertThat(fired).containsExactly("now@0");

        tester.advance(Duration.ofSeconds(60));
        assertThat(fired).containsExactly("now@0", "a@10", "tick@25", "b@30", "tick@50");
        assertThat(tester.now()).isEqualTo("2026-01-05T09:01:00Z");
        assertThat(repeating[0].isPending()).isTrue();

        tester.closeRoom();
        tester.advance(Duration.ofMinutes(10));
        assertThat(fired).hasSize(5);
        assertThat(repeating[0].isPending()).isFalse();
    }

    @Test
    void aModuleThatReschedulesItselfForeverIsReported() {
        PluginTester tester = testerFor((room, m) -> {
            Runnable[] again = new Runnable[1];
            again[0] = () -> room.schedule(Duration.ZERO, again[0]);
            again[0].run();
        });
        SimulatedParticipant anna = tester.join("Anna", Role.MODERATOR);
        assertThatThrownBy(() -> anna.send("loop")).hasMessageContaining("without the room going idle");
    }

    @Test
    void completionsOfFuturesComeBackOnTheRoomThread() {
        CompletableFuture<String> answer = new CompletableFuture<>();
        PluginTester tester = testerFor((room, m) -> room.onComplete((CompletionStage<String>) answer,
                (value, failure) -> room.reply(m, "answer", JsonObject.of("value", value))));
        SimulatedParticipant anna = tester.join("Anna", Role.MODERATOR);
        anna.sendWithId("c-1", "ask", JsonObject.of());
        assertThat(anna.received()).isEmpty();

        answer.complete("42");
        tester.runPendingTasks();

        assertThat(anna.lastReceived().body().getString("value")).isEqualTo("42");
        assertThat(anna.lastReceived().re()).contains("c-1");
    }

    // ---- events

    @Test
    void roomSubscriptionsSeeOnlyTheirTenantAndRoom() {
        List<Object> seen = new ArrayList<>();
        PluginTester tester = PluginTester.of("probe", room -> {
            room.events().subscribe(Event.class, seen::add);
            return new RoomModule() {
            };
        });

        tester.publish(new Ping(tester.tenantId(), tester.roomId(), 1));
        tester.publish(new Ping(tester.tenantId(), "another-room", 2));
        tester.publish(new Ping(UUID.randomUUID(), tester.roomId(), 3));
        tester.publish(new TenantNews(tester.tenantId(), "hello"));
        tester.publish(new TenantNews(UUID.randomUUID(), "not for us"));

        assertThat(seen).containsExactly(new Ping(tester.tenantId(), tester.roomId(), 1), new TenantNews(tester.tenantId(), "hello"));
    }

    @Test
    void pluginLevelHandlersGetCoreEventsButPluginsCannotPublishThem() {
        List<Event> seen = new ArrayList<>();
        Plugin plugin = new Plugin() {
            @Override
            public PluginDescriptor descriptor() {
                return PluginDescriptor.builder("probe", "1.0.0").name("Probe").requires("[1.0,2.0)").build();
            }

            @Override
            public void start(PluginContext context) {
                context.events().subscribe(ParticipantJoined.class, seen::add);
                context.events().subscribe(RoomClosed.class, seen::add);
                assertThatThrownBy(() -> context.events().publish(new RoomClosed(UUID.randomUUID(), "x")))
                        .hasMessageContaining("only the core publishes RoomClosed");
            }
        };
        PluginTester tester = PluginTester.forPlugin(plugin).start();
        tester.join("Anna", Role.MODERATOR);
        tester.closeRoom();

        assertThat(seen).hasSize(2);
        assertThat(seen.get(0)).isInstanceOfSatisfying(ParticipantJoined.class,
                j -> assertThat(j.participant().displayName()).isEqualTo("Anna"));
        assertThat(seen.get(1)).isEqualTo(new RoomClosed(tester.tenantId(), tester.roomId()));
    }

    // ---- plugin level

    @Test
    void aPluginForAnotherApiVersionIsRefusedAsTheHostWould() {
        Plugin future = new Plugin() {
            @Override
            public PluginDescriptor descriptor() {
                return PluginDescriptor.builder("probe", "1.0.0").name("Probe").requires("[2.0,3.0)").build();
            }

            @Override
            public void start(PluginContext context) {
            }
        };
        assertThatThrownBy(() -> PluginTester.forPlugin(future).start()).hasMessageContaining("requires Plenum API [2.0.0,3.0.0)");
    }

    @Test
    void storageNeedsDeclaredMigrationsAndADatabase() throws Exception {
        PluginTester noSchema = PluginTester.of("probe", room -> new RoomModule() {
        });
        assertThatThrownBy(() -> noSchema.context().storage()).hasMessageContaining("declares no migrations");

        PluginTester noDatabase = PluginTester.forModule("probe", RoomModuleFactory.always(room -> new RoomModule() {
        })).descriptor(PluginDescriptor.builder("probe", "1.0.0").name("Probe").requires("[1.0,2.0)")
                .migrations(new SchemaMigrations("db/probe")).build()).start();
        assertThat(noDatabase.context().storage().schemaName()).isEqualTo("plugin_probe");
        assertThatThrownBy(() -> noDatabase.context().storage().dataSource().getConnection())
                .isInstanceOf(SQLException.class).hasMessageContaining("has no database");
    }

    @Test
    void executorAndScheduledTasksRunOffTheRoomThread() {
        List<String> ran = new ArrayList<>();
        Plugin plugin = new Plugin() {
            @Override
            public PluginDescriptor descriptor() {
                return PluginDescriptor.builder("probe", "1.0.0").name("Probe").requires("[1.0,2.0)").build();
            }

            @Override
            public void start(PluginContext context) {
                context.executor().execute(() -> ran.add("executor"));
                context.scheduleRepeating(Duration.ofHours(1), Duration.ofHours(1), () -> ran.add("hourly"));
            }
        };
        PluginTester tester = PluginTester.forPlugin(plugin).start();
        assertThat(ran).containsExactly("executor");
        tester.advance(Duration.ofHours(3));
        assertThat(ran).containsExactly("executor", "hourly", "hourly", "hourly");
        tester.stopPlugin();
        tester.advance(Duration.ofHours(1));
        assertThat(ran).hasSize(4);
        assertThatThrownBy(() -> tester.join("Late", Role.GUEST)).hasMessageContaining("plugin was stopped");
    }

    @Test
    void httpDispatchFollowsTheHostsRules() {
        Plugin plugin = new Plugin() {
            @Override
            public PluginDescriptor descriptor() {
                return PluginDescriptor.builder("probe", "1.0.0").name("Probe").requires("[1.0,2.0)").build();
            }

            @Override
            public void start(PluginContext context) {
                context.http().get("/items/{id}", r -> HttpResponse.ok(JsonObject.of("id", r.pathParameter("id"),
                        "by", r.requireCaller().displayName(), "q", r.queryParameter("q").orElse(""))));
                context.http().get("/items/special", r -> HttpResponse.ok(JsonObject.of("special", true)));
                context.http().post("/items", r -> HttpResponse.created("/items/1", r.jsonObjectBody()));
                context.http().delete("/items/{id}", r -> {
                    throw HttpProblemException.conflict("item is locked");
                });
                context.http().publicRoute(HttpMethod.GET, "/public", r -> HttpResponse.ok(JsonObject.of("anonymous", r.caller().isEmpty())));
                assertThatThrownBy(() -> context.http().get("/items/{other}", r -> HttpResponse.noContent()))
                        .hasMessageContaining("matches the same requests");
            }
        };
        PluginTester tester = PluginTester.forPlugin(plugin).start();
        var ada = tester.caller("Ada", CallerRole.MEMBER);

        assertThat(tester.get("/items/a%20b?q=x+y", ada).jsonBody()).isEqualTo(JsonObject.of("id", "a b", "by", "Ada", "q", "x y"));
        assertThat(tester.get("/items/special", ada).jsonBody()).isEqualTo(JsonObject.of("special", true));
        assertThat(tester.get("/items/1", null).status()).isEqualTo(401);
        assertThat(tester.get("/public", null).jsonBody()).isEqualTo(JsonObject.of("anonymous", true));
        assertThat(tester.get("/nothing", ada).status()).isEqualTo(404);
        assertThat(tester.request(HttpMethod.PUT, "/items/1", ada, null).status()).isEqualTo(405);

        HttpResponse conflict = tester.delete("/items/1", ada);
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.jsonBody().asObject().getString("detail")).isEqualTo("item is locked");

        HttpResponse badJson = tester.request(HttpMethod.POST, "/items", ada, org.plenum.api.json.JsonArray.of(1));
        assertThat(badJson.status()).isEqualTo(400);
        assertThat(badJson.jsonBody().asObject().getString("detail")).isEqualTo("expected an object, found an array");
    }

    @Test
    void aFactoryMayLeaveARoomWithoutModule() {
        PluginTester tester = PluginTester.forModule("probe", room -> Optional.empty()).start();
        SimulatedParticipant anna = tester.join("Anna", Role.MODERATOR);
        anna.send("hello");
        assertThat(tester.module()).isEmpty();
        assertThat(anna.lastReceived().errorCode()).contains("unknown_type");
    }

    @Test
    void roleChangesReachTheModuleWithThePreviousRole() {
        List<String> changes = new ArrayList<>();
        PluginTester tester = PluginTester.of("probe", room -> new RoomModule() {
            @Override
            public void onRoleChanged(Participant participant, Role previous) {
                changes.add(previous + "->" + participant.role());
            }
        });
        SimulatedParticipant ben = tester.join("Ben", Role.PARTICIPANT);
        ben.changeRole(Role.MODERATOR);
        assertThat(changes).containsExactly("PARTICIPANT->MODERATOR");
        assertThat(ben.participant().isModerator()).isTrue();
    }
}
