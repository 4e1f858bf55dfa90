package ${package};

import static org.assertj.core.api.Assertions.assertThat;

import org.plenum.api.PlenumApi;
import org.plenum.api.json.JsonObject;
import org.plenum.api.room.Role;
import org.plenum.sdk.tester.PluginTester;
import org.plenum.sdk.tester.SimulatedParticipant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The module with simulated participants: no server needed (see PluginTester's javadoc for more). */
class NotesModuleTest {

    private PluginTester tester;
    private SimulatedParticipant chair;
    private SimulatedParticipant ben;

    @BeforeEach
    void aMeeting() {
        tester = PluginTester.forPlugin(new NotesPlugin()).start();
        chair = tester.join("Chair", Role.MODERATOR);
        ben = tester.join("Ben", Role.PARTICIPANT);
    }

    @Test
    void aNoteReachesEveryone() {
        ben.send("add", JsonObject.of("text", "Bring the budget draft"));

        assertThat(chair.lastReceived().type()).isEqualTo("added");
        assertThat(chair.lastReceived().body().getObject("note").getString("text")).isEqualTo("Bring the budget draft");
        assertThat(chair.lastReceived().recipients()).containsExactly(chair.id(), ben.id());
    }

    @Test
    void onlyModeratorsClear() {
        ben.send("add", JsonObject.of("text", "x"));

        ben.send("clear");
        assertThat(ben.lastReceived().errorCode()).contains("forbidden");

        chair.send("clear");
        assertThat(ben.lastReceived().type()).isEqualTo("cleared");
    }

    @Test
    void badInputIsRefusedWithTheReason() {
        ben.send("add", JsonObject.of());
        assertThat(ben.lastReceived().body()).isEqualTo(JsonObject.of("code", "invalid_message", "message", "field 'text' is missing"));

        ben.send("add", JsonObject.of("text", " "));
        assertThat(ben.lastReceived().errorCode()).contains("invalid_request");

        ben.send("shout");
        assertThat(ben.lastReceived().errorCode()).contains("unknown_type");
        assertThat(chair.received()).isEmpty();
    }

    @Test
    void aLateJoinerSeesTheNotes() {
        ben.send("add", JsonObject.of("text", "first"));

        SimulatedParticipant dora = tester.join("Dora", Role.PARTICIPANT);

        assertThat(dora.joinSnapshot().orElseThrow().getArray("notes")).extracting(n -> n.asObject().getString("text"))
                .containsExactly("first");
    }

    @Test
    void theDescriptorMatchesTheBuild() {
        assertThat(tester.descriptor().id().value()).isEqualTo("${pluginId}");
        assertThat(tester.descriptor().requires().contains(PlenumApi.VERSION)).isTrue();
    }
}
