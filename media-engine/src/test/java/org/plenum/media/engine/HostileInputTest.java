package org.plenum.media.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.plenum.media.engine.MediaAssertions.tagged;
import static org.plenum.media.engine.MediaAssertions.taggedAfter;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.plenum.media.engine.EngineMetrics.Drop;
import org.plenum.media.stun.StunMessage;
import org.plenum.media.stun.StunMessageBuilder;
import org.plenum.media.testpeer.Await;
import org.plenum.media.testpeer.PublishOfferBuilder;
import org.plenum.media.testpeer.RtpStream;
import org.plenum.media.testpeer.SubscribeAnswerBuilder;
import org.slf4j.LoggerFactory;

/**
 * Whatever arrives at the engine's socket or API, it drops what is not valid, counts it by reason, throws
 * nothing, and keeps serving the peers that behave.
 */
class HostileInputTest {

    private static final int MIC = 1;
    private final Random random = new Random(4711);

    @Test
    void garbageAtTheSocketIsCountedByReasonAndTheEngineKeepsServingValidPeers() throws Exception {
        try (EngineHarness h = EngineHarness.start(); DatagramSocket attacker = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            TestParticipant alice = h.join("alice");
            TestParticipant bob = h.join("bob");
            PublishOfferBuilder offer = new PublishOfferBuilder().audioOnly();
            alice.publish(offer);
            bob.subscribe(1);
            RtpStream mic = offer.audioStream(MIC);
            Runnable talking = () -> alice.publisher.sendRtp(mic.audioPacket(30));
            h.pump.add(talking);
            Await.until("bob hears alice", EngineHarness.WAIT, () -> tagged(bob.subscriber, MIC).size() >= 5);
            h.pump.remove(talking); // alice's socket is the test's own from here on
            attacker.setSoTimeout(300);
            ListAppender<ILoggingEvent> log = new ListAppender<>();
            log.start();
            Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
            root.addAppender(log);
            InetSocketAddress engine = new InetSocketAddress(InetAddress.getLoopbackAddress(), h.engine.udpPort());
            double garbage = h.dropped(Drop.GARBAGE);
            double unknown = h.dropped(Drop.UNKNOWN_SENDER);
            double srtpFailed = h.dropped(Drop.SRTP_FAILED);
            double replayed = h.dropped(Drop.REPLAYED);
            double oversized = h.dropped(Drop.OVERSIZED);

            // 100 datagrams that are no protocol of ours (RFC 7983: first byte 64..127 or 192..255), and an empty one
            for (int i = 0; i < 100; i++) {
                byte[] d = randomBytes(1 + random.nextInt(1200));
                d[0] = (byte) (random.nextBoolean() ? 64 + random.nextInt(64) : 192 + random.nextInt(64));
                send(attacker, engine, d);
            }
            send(attacker, engine, new byte[0]);
            // 20 that look like STUN but are not
            for (int i = 0; i < 20; i++) {
                byte[] d = randomBytes(20 + random.nextInt(100));
                d[0] = 0;
                send(attacker, engine, d);
            }
            Await.until("garbage counted", EngineHarness.WAIT, () -> h.dropped(Drop.GARBAGE) >= garbage + 121);

            // a well-formed check for a ufrag nobody has: no answer, nothing learnt
            byte[] check = StunMessageBuilder.request(StunMessage.BINDING).username("nobody00:x1y2").priority(1).iceControlling(1)
                    .useCandidate().messageIntegrity("abcdefghijklmnopqrstuvwx".getBytes(StandardCharsets.UTF_8)).fingerprint().encode();
            send(attacker, engine, check);
            // DTLS, RTP and RTCP from an address no ICE check has vouched for
            send(attacker, engine, new byte[] {22, (byte) 0xFE, (byte) 0xFD, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
            send(attacker, engine, mic.audioPacket(30));
            send(attacker, engine, new byte[] {(byte) 0x80, (byte) 200, 0, 1, 0, 0, 0, 1});
            Await.until("unknown senders counted", EngineHarness.WAIT, () -> h.dropped(Drop.UNKNOWN_SENDER) >= unknown + 4);
            assertThat(receive(attacker)).as("an answer to the stranger").isNull();

            // oversized datagrams: nothing in WebRTC is this large
            send(attacker, engine, randomBytes(1600));
            byte[] jumbo = randomBytes(9000);
            jumbo[0] = (byte) 0x80;
            send(attacker, engine, jumbo);
            Await.until("oversized datagrams counted", EngineHarness.WAIT, () -> h.dropped(Drop.OVERSIZED) >= oversized + 2);

            // from alice's own, ICE-approved address: truncated, forged and replayed SRTP
            byte[] valid = alice.publisher.sendRtp(mic.audioPacket(30));
            alice.publisher.sendRaw(Arrays.copyOf(valid, 20));
            byte[] forged = valid.clone();
            forged[2] ^= 0x40; // a sequence number never used, so not a replay: only the tag can tell
            alice.publisher.sendRaw(forged);
            alice.publisher.sendRaw(valid);
            alice.publisher.sendRaw(valid);
            Await.until("SRTP failures counted", EngineHarness.WAIT,
                    () -> h.dropped(Drop.SRTP_FAILED) >= srtpFailed + 2 && h.dropped(Drop.REPLAYED) >= replayed + 2);

            assertThat(h.dropped(Drop.GARBAGE)).isEqualTo(garbage + 121);
            assertThat(h.dropped(Drop.UNKNOWN_SENDER)).isEqualTo(unknown + 4);
            assertThat(h.dropped(Drop.OVERSIZED)).isEqualTo(oversized + 2);
            assertThat(h.dropped(Drop.SRTP_FAILED)).isEqualTo(srtpFailed + 2);
            assertThat(h.dropped(Drop.REPLAYED)).isEqualTo(replayed + 2);
            root.detachAppender(log);
            assertThat(log.list).as("warnings or exceptions while handling garbage")
                    .noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.WARN) || e.getThrowableProxy() != null);

            // and the engine carries on: alice still reaches bob, exactly once per packet, and a newcomer gets in
            int cut = mic.lastSeq();
            h.pump.add(talking);
            Await.until("bob still hears alice", EngineHarness.WAIT, () -> taggedAfter(bob.subscriber, MIC, cut).size() >= 10);
            assertThat(tagged(bob.subscriber, MIC).stream().map(p -> p.mark().sourceSeq()).distinct().count())
                    .as("no replayed packet was forwarded").isEqualTo(tagged(bob.subscriber, MIC).size());
            TestParticipant carol = h.join("carol");
            carol.subscribe(1);
            Await.until("carol hears alice", EngineHarness.WAIT, () -> tagged(carol.subscriber, MIC).size() >= 10);
            assertThat(alice.failures).isEmpty();
            assertThat(bob.failures).isEmpty();
        }
    }

    @Test
    void anOversizedFrameOnIceTcpIsCountedAndEndsOnlyThatConnection() throws Exception {
        try (EngineHarness h = EngineHarness.start(); Socket attacker = new Socket(InetAddress.getLoopbackAddress(), h.engine.tcpPort())) {
            double oversized = h.dropped(Drop.OVERSIZED);
            byte[] frame = new byte[2 + 2000];
            frame[0] = (byte) (2000 >> 8);
            frame[1] = (byte) 2000;
            attacker.getOutputStream().write(frame);
            attacker.setSoTimeout((int) EngineHarness.WAIT.toMillis());
            assertThat(attacker.getInputStream().read()).as("the engine closes the connection").isEqualTo(-1);
            assertThat(h.dropped(Drop.OVERSIZED)).isEqualTo(oversized + 1);

            TestParticipant alice = h.join("alice").overTcp();
            TestParticipant bob = h.join("bob").overTcp();
            PublishOfferBuilder offer = new PublishOfferBuilder().audioOnly();
            alice.publish(offer);
            bob.subscribe(1);
            RtpStream mic = offer.audioStream(MIC);
            h.pump.add(() -> alice.publisher.sendRtp(mic.audioPacket(30)));
            Await.until("bob hears alice over ICE-TCP", EngineHarness.WAIT, () -> tagged(bob.subscriber, MIC).size() >= 5);
        }
    }

    @Test
    void hostilePublishOffersAreRefusedWithAClearMessageAndChangeNothing() {
        try (EngineHarness h = EngineHarness.start()) {
            TestParticipant alice = h.join("alice");
            TestParticipant bob = h.join("bob");
            String good = new PublishOfferBuilder().build(org.plenum.media.testpeer.TestPeer.udp(h.engine.udpPort()));
            Map<String, String> hostile = Map.of(
                    "", "publish offer",
                    "not sdp at all", "publish offer",
                    good.replace("a=group:BUNDLE 0 1\r\n", ""), "BUNDLE",
                    good.replaceAll("a=fingerprint:[^\r]*\r\n", ""), "fingerprint",
                    good.replace("a=setup:actpass", "a=setup:passive"), "setup:passive",
                    good.replaceAll("a=ice-pwd:[^\r]*\r\n", ""), "ice-pwd",
                    good.replace("a=mid:1", "a=mid:7"), "BUNDLE",
                    good + "a=x:" + "y".repeat(2_000_000) + "\r\n", "publish offer",
                    good.replace("m=video 9", "m=video 99999999999999999999"), "publish offer");
            for (Map.Entry<String, String> e : hostile.entrySet()) {
                Throwable refused = catchThrowable(() -> alice.media.publish(e.getKey(), Map.of()).get(15, TimeUnit.SECONDS));
                assertThat(refused).as("publish(%s...)", abbreviate(e.getKey())).isInstanceOf(ExecutionException.class);
                assertThat(refused.getCause()).isInstanceOf(MediaException.class);
                assertThat(refused.getCause().getMessage()).contains(e.getValue());
            }
            // no tracks appeared, nobody was offered anything, and no half-made connection fails later
            h.barrier();
            assertThat(bob.offers()).isEmpty();
            h.tick(System.nanoTime() + Duration.ofSeconds(31).toNanos());
            assertThat(alice.failures).as("mediaFailed for a connection alice never had").isEmpty();

            // a good offer afterwards works as always
            PublishOfferBuilder offer = new PublishOfferBuilder().audioOnly();
            alice.publish(offer);
            bob.subscribe(1);
            RtpStream mic = offer.audioStream(MIC);
            h.pump.add(() -> alice.publisher.sendRtp(mic.audioPacket(30)));
            Await.until("bob hears alice", EngineHarness.WAIT, () -> tagged(bob.subscriber, MIC).size() >= 5);
        }
    }

    @Test
    void hostileSubscribeAnswersAreRefusedWithAClearMessageAndTheOfferStaysOpen() {
        try (EngineHarness h = EngineHarness.start()) {
            TestParticipant alice = h.join("alice");
            TestParticipant bob = h.join("bob");
            PublishOfferBuilder offer = new PublishOfferBuilder();
            alice.publish(offer);
            Await.until("bob is offered alice's tracks", EngineHarness.WAIT, () -> !bob.offers().isEmpty());
            TestParticipant.Offer o = bob.offers().getLast();
            try (org.plenum.media.testpeer.TestPeer pc = org.plenum.media.testpeer.TestPeer.udp(h.engine.udpPort())) {
                String good = SubscribeAnswerBuilder.answer(o.sdp(), pc);
                Map<String, String> hostile = Map.of(
                        "", "subscribe answer",
                        "v=0\r\n", "subscribe answer",
                        good.replace("a=setup:active", "a=setup:passive"), "setup:passive",
                        good.replaceAll("a=fingerprint:[^\r]*\r\n", ""), "fingerprint",
                        good.substring(0, good.lastIndexOf("m=")).replace("BUNDLE 0 1", "BUNDLE 0"), "m-lines",
                        good.replace("a=mid:0", "a=mid:9"), "mid",
                        good + "a=x:" + "y".repeat(2_000_000) + "\r\n", "subscribe answer");
                for (Map.Entry<String, String> e : hostile.entrySet()) {
                    Throwable refused = catchThrowable(() -> bob.media.answerSubscribe(e.getKey(), o.version()).get(15, TimeUnit.SECONDS));
                    assertThat(refused).as("answerSubscribe(%s...)", abbreviate(e.getKey())).isInstanceOf(ExecutionException.class);
                    assertThat(refused.getCause()).isInstanceOf(MediaException.class);
                    assertThat(refused.getCause().getMessage()).contains(e.getValue());
                }
                Throwable stale = catchThrowable(() -> bob.media.answerSubscribe(good, o.version() + 5).get(15, TimeUnit.SECONDS));
                assertThat(stale.getCause()).isInstanceOf(MediaException.class).hasMessageContaining("newest offer");
            }
            // the same offer can still be answered properly, and media flows
            bob.subscribe(2);
            RtpStream mic = offer.audioStream(MIC);
            h.pump.add(() -> alice.publisher.sendRtp(mic.audioPacket(30)));
            Await.until("bob hears alice", EngineHarness.WAIT, () -> tagged(bob.subscriber, MIC).size() >= 5);
            assertThat(bob.offers()).as("no new offer was needed").hasSize(1);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40);
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static void send(DatagramSocket s, InetSocketAddress to, byte[] d) throws IOException {
        s.send(new DatagramPacket(d, d.length, to));
    }

    private static byte[] receive(DatagramSocket s) throws IOException {
        byte[] buf = new byte[2048];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
            s.receive(p);
            return Arrays.copyOf(buf, p.getLength());
        } catch (SocketTimeoutException e) {
            return null;
        }
    }
}
