package org.plenum.polls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.plenum.api.json.JsonArray;
import org.plenum.api.json.JsonObject;
import org.plenum.api.room.Role;
import org.plenum.sdk.tester.PluginTester;
import org.plenum.sdk.tester.SentMessage;
import org.plenum.sdk.tester.SimulatedParticipant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whatever a client sends, it gets a clear refusal with the right code, and nothing changes: no poll starts,
 * no ballot counts, nobody else hears about it.
 */
class PollHostileInputTest {

    private PluginTester tester;
    private SimulatedParticipant chair;
    private SimulatedParticipant ben;

    @BeforeEach
    void aMeeting() {
        tester = PluginTester.forPlugin(new PollsPlugin()).start();
        chair = tester.join("Chair", Role.MODERATOR);
        ben = tester.join("Ben", Role.PARTICIPANT);
    }

    private static JsonObject valid() {
        return JsonObject.of("question", "Lunch?", "options", JsonArray.of("yes", "no"));
    }

    static List<Arguments> badCreates() {
        List<String> many = IntStream.range(0, 10_000).mapToObj(i -> "option " + i).toList();
        return List.of(
                Arguments.of("no question", valid().without("question"), "invalid_message", "field 'question' is missing"),
                Arguments.of("question a number", valid().with("question", 7), "invalid_message",
                        "field 'question': expected a string, found a number"),
                Arguments.of("blank question", valid().with("question", "   "), "invalid_request", "the question must not be empty"),
                Arguments.of("question too long", valid().with("question", "?".repeat(301)), "invalid_request",
                        "the question may have at most 300 characters, not 301"),
                Arguments.of("no options", valid().without("options"), "invalid_message", "field 'options' is missing"),
                Arguments.of("options a string", valid().with("options", "yes,no"), "invalid_message",
                        "field 'options': expected an array, found a string"),
                Arguments.of("one option", valid().with("options", JsonArray.of("yes")), "invalid_request", "a poll has 2 to 20 options, not 1"),
                Arguments.of("21 options", valid().with("options", JsonArray.from(many.subList(0, 21))), "invalid_request",
                        "a poll has 2 to 20 options, not 21"),
                Arguments.of("10,000 options", valid().with("options", JsonArray.from(many)), "invalid_request",
                        "a poll has 2 to 20 options, not 10000"),
                Arguments.of("an option not a string", valid().with("options", JsonArray.of("yes", JsonObject.of())), "invalid_message",
                        "field 'options': option 2 must be a string, not object"),
                Arguments.of("an empty option", valid().with("options", JsonArray.of("yes", " ")), "invalid_request", "option 2 is empty"),
                Arguments.of("an option too long", valid().with("options", JsonArray.of("yes", "n".repeat(101))), "invalid_request",
                        "option 2 has 101 characters; at most 100 are allowed"),
                Arguments.of("the same option twice", valid().with("options", JsonArray.of("Yes", "no", "yes ")), "invalid_request",
                        "option 'yes' appears twice"),
                Arguments.of("multipleChoice a string", valid().with("multipleChoice", "true"), "invalid_message",
                        "field 'multipleChoice': expected true or false, found a string"),
                Arguments.of("duration too short", valid().with("durationSeconds", 9), "invalid_request",
                        "durationSeconds must be from 10 to 3600 (or left out for a poll that runs until it is closed), not 9"),
                Arguments.of("duration too long", valid().with("durationSeconds", 3601), "invalid_request",
                        "durationSeconds must be from 10 to 3600 (or left out for a poll that runs until it is closed), not 3601"),
                Arguments.of("duration with a fraction", valid().with("durationSeconds", 30.5), "invalid_message",
                        "field 'durationSeconds': expected a whole number between -2147483648 and 2147483647, found 30.5"),
                Arguments.of("duration huge", valid().with("durationSeconds", new java.math.BigDecimal("1e30")), "invalid_message",
                        "field 'durationSeconds': expected a whole number between -2147483648 and 2147483647, found 1e+30"),
                Arguments.of("an unknown field", valid().with("mutipleChoice", true), "invalid_message",
                        "field 'mutipleChoice' is not part of this message; its fields are anonymous, durationSeconds, liveResults,"
                                + " multipleChoice, options, question"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCreates")
    void aBadCreateIsRefusedAndStartsNothing(String what, JsonObject body, String code, String message) {
        chair.sendWithId("c-1", "create", body);

        SentMessage answer = chair.lastReceived();
        assertThat(answer.body()).isEqualTo(JsonObject.of("code", code, "message", message));
        assertThat(answer.re()).contains("c-1");
        assertThat(answer.recipients()).containsExactly(chair.id());
        assertThat(ben.received()).isEmpty();
        assertThat(tester.module(PollsModule.class).hasOpenPoll()).isFalse();
    }

    @Test
    void refusalsNeverEchoLongInputAtLength() {
        chair.send("create", valid().with("options", JsonArray.of("x".repeat(90), "X".repeat(90))));

        assertThat(chair.lastReceived().body().getString("message")).hasSizeLessThan(80).endsWith("…' appears twice");
    }

    static List<Arguments> badVotes() {
        return List.of(
                Arguments.of("no pollId", JsonObject.of("choices", JsonArray.of(0)), "invalid_message", "field 'pollId' is missing"),
                Arguments.of("pollId a number", JsonObject.of("pollId", 1, "choices", JsonArray.of(0)), "invalid_message",
                        "field 'pollId': expected a string, found a number"),
                Arguments.of("no choices", JsonObject.of("pollId", "ID"), "invalid_message", "field 'choices' is missing"),
                Arguments.of("choices a number", JsonObject.of("pollId", "ID", "choices", 0), "invalid_message",
                        "field 'choices': expected an array, found a number"),
                Arguments.of("no choice", JsonObject.of("pollId", "ID", "choices", JsonArray.of()), "invalid_request",
                        "this poll takes exactly one choice, not 0"),
                Arguments.of("two choices in a single-choice poll", JsonObject.of("pollId", "ID", "choices", JsonArray.of(0, 1)),
                        "invalid_request", "this poll takes exactly one choice, not 2"),
                Arguments.of("a choice by name", JsonObject.of("pollId", "ID", "choices", JsonArray.of("yes")), "invalid_message",
                        "field 'choices': element 1: expected a number, found a string"),
                Arguments.of("a choice out of range", JsonObject.of("pollId", "ID", "choices", JsonArray.of(2)), "invalid_request",
                        "there is no option 2; options are numbered 0 to 1"),
                Arguments.of("a negative choice", JsonObject.of("pollId", "ID", "choices", JsonArray.of(-1)), "invalid_request",
                        "there is no option -1; options are numbered 0 to 1"),
                Arguments.of("a huge choice list", JsonObject.of("pollId", "ID", "choices", JsonArray.from(Collections.nCopies(100_000, 0))),
                        "invalid_request", "this poll takes exactly one choice, not 100000"),
                Arguments.of("an unknown field", JsonObject.of("pollId", "ID", "choices", JsonArray.of(0), "weight", 100), "invalid_message",
                        "field 'weight' is not part of this message; its fields are choices, pollId"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badVotes")
    void aBadVoteIsRefusedAndCountsNothing(String what, JsonObject template, String code, String message) {
        chair.send("create", valid().with("liveResults", true));
        String id = chair.lastReceived().body().getObject("poll").getString("id");
        boolean placeholder = template.find("pollId").filter(v -> v.equals(org.plenum.api.json.JsonValue.from("ID"))).isPresent();
        JsonObject body = placeholder ? template.with("pollId", id) : template;

        ben.send("vote", body);

        assertThat(ben.lastReceived().body()).isEqualTo(JsonObject.of("code", code, "message", message));
        ben.disconnect();
        ben.reconnect();
        assertThat(ben.joinSnapshot().orElseThrow().getBoolean("voted")).isFalse();
        tester.advance(PollsModule.TALLY_INTERVAL);
        assertThat(tester.sent("tally")).isEmpty();
    }

    @Test
    void multipleChoiceStillRefusesTheSameOptionTwiceAndMoreChoicesThanOptions() {
        chair.send("create", valid().with("multipleChoice", true));
        String id = chair.lastReceived().body().getObject("poll").getString("id");

        ben.send("vote", JsonObject.of("pollId", id, "choices", JsonArray.of(1, 1)));
        assertThat(ben.lastReceived().body().getString("message")).isEqualTo("option 1 is chosen twice");
        ben.send("vote", JsonObject.of("pollId", id, "choices", JsonArray.of(0, 1, 0)));
        assertThat(ben.lastReceived().body().getString("message")).isEqualTo("choose 1 to 2 options, not 3");
        ben.send("vote", JsonObject.of("pollId", id, "choices", JsonArray.of()));
        assertThat(ben.lastReceived().body().getString("message")).isEqualTo("choose 1 to 2 options, not 0");
        assertThat(ben.received()).allMatch(m -> m.type().equals("started") || m.isError());
    }

    @Test
    void closeNeedsAPollIdAndNothingElse() {
        chair.send("create", valid());
        String id = chair.lastReceived().body().getObject("poll").getString("id");

        chair.send("close", JsonObject.of());
        assertThat(chair.lastReceived().body()).isEqualTo(JsonObject.of("code", "invalid_message", "message", "field 'pollId' is missing"));
        chair.send("close", JsonObject.of("pollId", id, "force", true));
        assertThat(chair.lastReceived().errorCode()).contains("invalid_message");
        assertThat(tester.module(PollsModule.class).hasOpenPoll()).isTrue();
    }

    @Test
    void unknownTypesAreRefusedByName() {
        List<String> types = new ArrayList<>(List.of("start", "delete", "results"));
        for (String type : types) {
            ben.send(type, JsonObject.of("pollId", "x"));
            assertThat(ben.lastReceived().body()).isEqualTo(JsonObject.of("code", "unknown_type", "message", "no message type '" + type + "' here"));
        }
        assertThat(tester.sent()).allMatch(SentMessage::isError);
    }
}
