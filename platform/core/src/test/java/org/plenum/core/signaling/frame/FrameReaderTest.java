package org.plenum.core.signaling.frame;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class FrameReaderTest {

    final FrameReader reader = new FrameReader(64 * 1024);

    private FrameReader.Rejected rejected(String text) {
        FrameReader.Result r = reader.read(text);
        assertThat(r).isInstanceOf(FrameReader.Rejected.class);
        return (FrameReader.Rejected) r;
    }

    private FrameReader.Accepted accepted(String text) {
        FrameReader.Result r = reader.read(text);
        assertThat(r).as(r.toString()).isInstanceOf(FrameReader.Accepted.class);
        return (FrameReader.Accepted) r;
    }

    @Test
    void validFrameBecomesItsRecord() {
        FrameReader.Accepted a = accepted("{\"ns\":\"chat\",\"type\":\"send\",\"id\":\"c-17\",\"body\":{\"text\":\"Guten Morgen\",\"to\":\"p-1\"}}");
        assertThat(a.type()).isEqualTo(MessageType.CHAT_SEND);
        assertThat(a.id()).isEqualTo("c-17");
        assertThat(a.message()).isEqualTo(new ClientMessage.Send("Guten Morgen", "p-1"));
    }

    @Test
    void bodyMayBeLeftOutWhenItWouldBeEmpty() {
        assertThat(accepted("{\"ns\":\"hand\",\"type\":\"raise\"}").message()).isEqualTo(new ClientMessage.Raise());
    }

    @Test
    void joinTakesATicketOrAResumeTokenButNotBoth() {
        assertThat(accepted("{\"ns\":\"control\",\"type\":\"join\",\"body\":{\"ticket\":\"t\",\"displayName\":\"Anna\"}}").message())
                .isEqualTo(new ClientMessage.Join("t", "Anna", null));
        assertThat(((ClientMessage.Join) accepted("{\"ns\":\"control\",\"type\":\"join\",\"body\":{\"resumeToken\":\"r\"}}").message()).isResume()).isTrue();
        assertThat(rejected("{\"ns\":\"control\",\"type\":\"join\",\"body\":{\"ticket\":\"t\",\"resumeToken\":\"r\"}}").code())
                .isEqualTo(ErrorCode.INVALID_MESSAGE);
        assertThat(rejected("{\"ns\":\"control\",\"type\":\"join\",\"body\":{}}").code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
    }

    @Test
    void malformedJsonIsAnInvalidMessage() {
        for (String bad : new String[] {"", "{", "nonsense", "[1,2]", "42", "{\"ns\":\"hand\",\"type\":\"raise\"} trailing",
                "{\"ns\":\"hand\",\"ns\":\"chat\",\"type\":\"raise\"}"}) {
            FrameReader.Rejected r = rejected(bad);
            assertThat(r.code()).as(bad).isEqualTo(ErrorCode.INVALID_MESSAGE);
            assertThat(r.ns()).isEqualTo("control");
        }
    }

    @Test
    void unknownNamespaceOrTypeIsNamedInTheError() {
        FrameReader.Rejected r = rejected("{\"ns\":\"chat\",\"type\":\"shout\",\"id\":\"x1\",\"body\":{}}");
        assertThat(r.code()).isEqualTo(ErrorCode.UNKNOWN_TYPE);
        assertThat(r.ns()).isEqualTo("chat");
        assertThat(r.id()).isEqualTo("x1");
        assertThat(r.message()).contains("shout");
        assertThat(rejected("{\"ns\":\"control\",\"type\":\"joined\",\"body\":{}}").code()).as("server-only type").isEqualTo(ErrorCode.UNKNOWN_TYPE);
        assertThat(rejected("{\"ns\":\"media\",\"type\":\"cast\",\"body\":{}}").message()).as("a core namespace, never a plugin")
                .contains("namespace media has no client message 'cast'");
    }

    @Test
    void aFrameInAPluginsNamespaceIsHandedOnWithItsBodyUnread() {
        FrameReader.Result r = reader.read("{\"ns\":\"voting\",\"type\":\"cast\",\"id\":\"c-9\",\"body\":{\"choice\":\"yes\"}}");
        assertThat(r).isInstanceOfSatisfying(FrameReader.ForPlugin.class, p -> {
            assertThat(p.ns()).isEqualTo("voting");
            assertThat(p.type()).isEqualTo("cast");
            assertThat(p.id()).isEqualTo("c-9");
            assertThat(p.bodyJson()).isEqualTo("{\"choice\":\"yes\"}");
        });
        assertThat(rejected("{\"ns\":\"voting\",\"type\":\"Cast!\",\"body\":{}}").code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
        assertThat(rejected("{\"ns\":\"voting\",\"type\":\"cast\",\"body\":[1,2]}").message()).contains("object expected");
    }

    @Test
    void extraFieldsAndWrongTypesAreRefused() {
        assertThat(rejected("{\"ns\":\"hand\",\"type\":\"raise\",\"body\":{},\"extra\":1}").message()).contains("extra");
        assertThat(rejected("{\"ns\":\"hand\",\"type\":\"raise\",\"body\":{\"please\":true}}").message()).contains("please");
        assertThat(rejected("{\"ns\":\"chat\",\"type\":\"send\",\"body\":{\"text\":5}}").message()).contains("text");
        assertThat(rejected("{\"ns\":\"moderation\",\"type\":\"kick\",\"body\":{}}").message()).contains("participantId");
        assertThat(rejected("{\"ns\":\"chat\",\"type\":\"send\",\"body\":\"hi\"}").code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
        assertThat(rejected("{\"ns\":\"chat\",\"type\":\"send\",\"body\":{\"text\":\"" + "x".repeat(4001) + "\"}}").message()).contains("at most");
    }

    @Test
    void oversizedFramesAreTooLargeCountingUtf8Bytes() {
        String under = "{\"ns\":\"chat\",\"type\":\"send\",\"body\":{\"text\":\"" + "ü".repeat(1990) + "\"}}";
        assertThat(reader.read(under)).isInstanceOf(FrameReader.Accepted.class);
        // 40,000 characters but 80,000 bytes
        FrameReader.Rejected r = rejected("{\"ns\":\"chat\",\"type\":\"send\",\"body\":{\"text\":\"" + "ü".repeat(40_000) + "\"}}");
        assertThat(r.code()).isEqualTo(ErrorCode.TOO_LARGE);
    }

    @Test
    void idAndNamespaceAreEchoedOnlyWhenHarmless() {
        assertThat(rejected("{\"ns\":\"hand\",\"type\":\"nope\",\"id\":\"" + "i".repeat(65) + "\"}").id()).isNull();
        assertThat(rejected("{\"ns\":\"<script>\",\"type\":\"x\"}").ns()).isEqualTo("control");
        assertThat(rejected("{\"ns\":\"hand\",\"type\":\"nope\",\"id\":7}").id()).isNull();
    }

    @Test
    void refusalOfAnUnreadFrameAnswersInItsNamespace() {
        FrameReader.Rejected r = reader.refusal("{\"ns\":\"chat\",\"type\":\"send\",\"id\":\"q\"}", ErrorCode.RATE_LIMITED, "slow down");
        assertThat(r.ns()).isEqualTo("chat");
        assertThat(r.id()).isEqualTo("q");
        assertThat(reader.refusal("garbage", ErrorCode.RATE_LIMITED, "slow down").ns()).isEqualTo("control");
    }

    @Test
    void everyMessageTypeHasASchemaAndEverySchemaAMessageType() throws IOException, URISyntaxException {
        Path dir = Path.of(getClass().getClassLoader().getResource("signaling/schemas/envelope.json").toURI()).getParent();
        Set<String> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
        Set<String> expected = Stream.concat(Stream.of("envelope.json"),
                Stream.of(MessageType.values()).map(t -> t.ns + "." + t.type + ".json")).collect(Collectors.toSet());
        assertThat(files).isEqualTo(expected);
    }
}
