package org.plenum.api.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.UUID;
import org.plenum.api.json.JsonObject;
import org.plenum.api.ui.UiContribution;
import org.plenum.api.ui.UiMount;
import org.plenum.api.ui.UiSlot;
import org.junit.jupiter.api.Test;

class RoomTypesTest {

    private static final Participant ANNA = new Participant("p1", Optional.of(UUID.randomUUID()), "Anna", Role.MODERATOR,
            Participant.ClientKind.BROWSER, true);
    private static final Participant GAST = new Participant("p2", Optional.empty(), "Gast", Role.GUEST,
            Participant.ClientKind.PHONE, true);

    @Test
    void audiencesSelectParticipants() {
        assertThat(Audience.everyone().includes(GAST)).isTrue();
        assertThat(Audience.role(Role.MODERATOR).includes(ANNA)).isTrue();
        assertThat(Audience.role(Role.MODERATOR).includes(GAST)).isFalse();
        assertThat(Audience.participant("p2").includes(GAST)).isTrue();
        assertThat(Audience.participant("p2").includes(ANNA)).isFalse();
    }

    @Test
    void guestsAreThoseWithoutAnAccount() {
        assertThat(GAST.isGuest()).isTrue();
        assertThat(ANNA.isGuest()).isFalse();
        assertThat(ANNA.withRole(Role.PARTICIPANT).isModerator()).isFalse();
        assertThat(ANNA.withConnected(false).connected()).isFalse();
        assertThat(Role.MODERATOR.wireName()).isEqualTo("moderator");
        assertThat(RefusalCode.INVALID_REQUEST.wireName()).isEqualTo("invalid_request");
    }

    @Test
    void messageTypesAreLowerCaseAndErrorIsReserved() {
        assertThat(RoomContext.checkMessageType("vote_started")).isEqualTo("vote_started");
        assertThatThrownBy(() -> RoomContext.checkMessageType("error")).hasMessageContaining("reserved");
        assertThatThrownBy(() -> RoomContext.checkMessageType("VoteStarted")).hasMessageContaining("lower-case");
        assertThatThrownBy(() -> RoomContext.checkMessageType("")).hasMessageContaining("required");
        assertThatThrownBy(() -> RoomContext.checkMessageType("a".repeat(65))).hasMessageContaining("at most 64");
    }

    @Test
    void bodiesAreLimitedSoTheFrameFitsIn64KiB() {
        assertThat(RoomContext.checkBodySize(JsonObject.of("s", "x".repeat(60_000)))).isNotNull();
        assertThatThrownBy(() -> RoomContext.checkBodySize(JsonObject.of("s", "ü".repeat(40_000))))
                .hasMessageContaining("at most " + RoomContext.MAX_BODY_BYTES);
    }

    @Test
    void refusalsCarryTheirCodeAndNoStackTrace() {
        MessageRefusedException e = MessageRefusedException.forbidden("only moderators");
        assertThat(e.code()).isEqualTo(RefusalCode.FORBIDDEN);
        assertThat(e.getStackTrace()).isEmpty();
        InboundMessage m = new InboundMessage(ANNA, "wave", Optional.empty(), JsonObject.of());
        assertThat(MessageRefusedException.unknownType(m).getMessage()).isEqualTo("no message type 'wave' here");
    }

    @Test
    void uiAndMigrationPathsStayInsideTheJar() {
        assertThatThrownBy(() -> new UiContribution("/ui", "a.js", java.util.List.of())).hasMessageContaining("must be relative");
        assertThatThrownBy(() -> new UiContribution("ui/../..", "a.js", java.util.List.of())).hasMessageContaining("'..' segments");
        assertThatThrownBy(() -> new UiContribution("ui", "index.html", java.util.List.of())).hasMessageContaining(".js or .mjs");
        assertThatThrownBy(() -> new UiMount(UiSlot.SIDE_PANEL, "panel")).hasMessageContaining("custom element name");
        assertThatThrownBy(() -> new org.plenum.api.storage.SchemaMigrations("classpath:db/x")).hasMessageContaining("without 'classpath:'");
        assertThatThrownBy(() -> new org.plenum.api.storage.SchemaMigrations("db\\x")).hasMessageContaining("only letters");
    }
}
