package org.plenum.media.dtls;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.plenum.media.dtls.DtlsPair.CLIENT_CERTIFICATE;
import static org.plenum.media.dtls.DtlsPair.SERVER_CERTIFICATE;
import static org.plenum.media.dtls.DtlsPair.assertThreadEnds;
import static org.plenum.media.dtls.DtlsPair.await;
import static org.plenum.media.dtls.DtlsPair.failureOf;

class DtlsHandshakeTest {

    private static final DtlsConfig QUICK_TIMEOUT = DtlsConfig.defaults().withHandshakeTimeout(Duration.ofMillis(400));

    @Test
    void bothSidesDeriveTheSameGcmKeys() throws Exception {
        try (DtlsPair pair = DtlsPair.withDefaults()) {
            SrtpMaterial atServer = await(pair.server.completion());
            SrtpMaterial atClient = await(pair.client.completion());

            assertThat(atServer.profileId()).isEqualTo(SrtpMaterial.AEAD_AES_128_GCM);
            assertThat(atServer.keyingMaterial()).hasSize(2 * (16 + 12));
            assertThat(atClient).isEqualTo(atServer);
        }
    }

    @Test
    void cmIsChosenWhenTheClientOffersOnlyCm() throws Exception {
        DtlsConfig cmOnly = DtlsConfig.defaults().withSrtpProfiles(SrtpMaterial.AES_CM_128_HMAC_SHA1_80);
        try (DtlsPair pair = DtlsPair.of(DtlsConfig.defaults(), cmOnly)) {
            SrtpMaterial atServer = await(pair.server.completion());

            assertThat(atServer.profileId()).isEqualTo(SrtpMaterial.AES_CM_128_HMAC_SHA1_80);
            assertThat(atServer.keyingMaterial()).hasSize(2 * (16 + 14));
            assertThat(await(pair.client.completion())).isEqualTo(atServer);
        }
    }

    @Test
    void serverPreferenceWinsWhenTheClientListsCmFirst() throws Exception {
        DtlsConfig cmFirst = DtlsConfig.defaults()
                .withSrtpProfiles(SrtpMaterial.AES_CM_128_HMAC_SHA1_80, SrtpMaterial.AEAD_AES_128_GCM);
        try (DtlsPair pair = DtlsPair.of(DtlsConfig.defaults(), cmFirst)) {
            assertThat(await(pair.client.completion()).profileId()).isEqualTo(SrtpMaterial.AEAD_AES_128_GCM);
        }
    }

    @Test
    void everyHandshakeYieldsFreshKeys() throws Exception {
        try (DtlsPair first = DtlsPair.withDefaults(); DtlsPair second = DtlsPair.withDefaults()) {
            assertThat(await(first.server.completion())).isNotEqualTo(await(second.server.completion()));
        }
    }

    @Test
    void handshakeFailsWhenNoSrtpProfileIsShared() throws Exception {
        DtlsConfig gcmOnly = DtlsConfig.defaults().withSrtpProfiles(SrtpMaterial.AEAD_AES_128_GCM);
        DtlsConfig cmOnly = DtlsConfig.defaults().withSrtpProfiles(SrtpMaterial.AES_CM_128_HMAC_SHA1_80);
        try (DtlsPair pair = DtlsPair.of(gcmOnly, cmOnly)) {
            DtlsHandshakeException atServer = failureOf(pair.server);

            assertThat(atServer.reason()).isEqualTo(DtlsHandshakeException.Reason.NO_COMMON_SRTP_PROFILE);
            assertThat(atServer.getMessage()).contains("0x0001").contains("0x0007");
            assertThat(failureOf(pair.client).reason()).isEqualTo(DtlsHandshakeException.Reason.PEER_ALERT);
        }
    }

    @Test
    void serverRejectsAClientWhoseCertificateDoesNotMatchItsSdpFingerprint() throws Exception {
        String someoneElse = DtlsCertificate.generate().fingerprintSha256();
        try (DtlsPair pair = new DtlsPair(DtlsConfig.defaults(), someoneElse, new DatagramWire(),
                DtlsConfig.defaults(), SERVER_CERTIFICATE.fingerprintSha256(), new DatagramWire())) {
            DtlsHandshakeException atServer = failureOf(pair.server);

            assertThat(atServer.reason()).isEqualTo(DtlsHandshakeException.Reason.FINGERPRINT_MISMATCH);
            assertThat(atServer.getMessage())
                    .contains(CLIENT_CERTIFICATE.fingerprintSha256()).contains(someoneElse);
            assertThat(failureOf(pair.client).reason()).isEqualTo(DtlsHandshakeException.Reason.PEER_ALERT);
            assertThat(await(pair.server.closure())).isEqualTo(DtlsClosure.HANDSHAKE_FAILED);
            assertThreadEnds(pair.server);
            assertThreadEnds(pair.client);
        }
    }

    @Test
    void clientRejectsAServerWhoseCertificateDoesNotMatchItsSdpFingerprint() throws Exception {
        String someoneElse = DtlsCertificate.generate().fingerprintSha256();
        try (DtlsPair pair = new DtlsPair(DtlsConfig.defaults(), CLIENT_CERTIFICATE.fingerprintSha256(),
                new DatagramWire(), DtlsConfig.defaults(), someoneElse, new DatagramWire())) {
            DtlsHandshakeException atClient = failureOf(pair.client);

            assertThat(atClient.reason()).isEqualTo(DtlsHandshakeException.Reason.FINGERPRINT_MISMATCH);
            assertThat(atClient.getMessage()).contains(SERVER_CERTIFICATE.fingerprintSha256());
            assertThat(failureOf(pair.server).reason()).isEqualTo(DtlsHandshakeException.Reason.PEER_ALERT);
        }
    }

    @Test
    void expectedFingerprintIsMatchedWhateverItsCase() throws Exception {
        String lowercase = " " + CLIENT_CERTIFICATE.fingerprintSha256().toLowerCase() + "\r\n";
        try (DtlsPair pair = new DtlsPair(DtlsConfig.defaults(), lowercase, new DatagramWire(),
                DtlsConfig.defaults(), SERVER_CERTIFICATE.fingerprintSha256(), new DatagramWire())) {
            assertThat(await(pair.server.completion()).profileId()).isEqualTo(SrtpMaterial.AEAD_AES_128_GCM);
        }
    }

    @Test
    void malformedExpectedFingerprintIsRejectedUpFront() {
        assertThatThrownBy(() -> new DtlsServerHandshake(SERVER_CERTIFICATE, "sha-256 AB:CD", d -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 hex pairs");
        assertThatThrownBy(() -> new DtlsClientHandshake(CLIENT_CERTIFICATE, null, d -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void serverTimesOutWhenTheClientNeverSpeaksAndItsThreadEnds() throws Exception {
        DtlsServerHandshake server = new DtlsServerHandshake(SERVER_CERTIFICATE,
                CLIENT_CERTIFICATE.fingerprintSha256(), d -> { }, QUICK_TIMEOUT);

        assertThat(failureOf(server).reason()).isEqualTo(DtlsHandshakeException.Reason.TIMEOUT);
        assertThat(await(server.closure())).isEqualTo(DtlsClosure.HANDSHAKE_FAILED);
        assertThreadEnds(server);
    }

    @Test
    void serverTimesOutWhenTheClientStopsAnsweringMidway() throws Exception {
        AtomicInteger fromClient = new AtomicInteger();
        // Only the ClientHello gets through; the client's second flight never arrives.
        DatagramWire toServer = new DatagramWire(d -> fromClient.getAndIncrement() == 0 ? List.of(d) : List.of());
        try (DtlsPair pair = new DtlsPair(QUICK_TIMEOUT, CLIENT_CERTIFICATE.fingerprintSha256(), new DatagramWire(),
                QUICK_TIMEOUT, SERVER_CERTIFICATE.fingerprintSha256(), toServer)) {
            assertThat(failureOf(pair.server).reason()).isEqualTo(DtlsHandshakeException.Reason.TIMEOUT);
            assertThreadEnds(pair.server);
        }
    }

    @Test
    void clientTimesOutWhenNoServerAnswers() throws Exception {
        List<byte[]> sent = new ArrayList<>();
        DtlsClientHandshake client = new DtlsClientHandshake(CLIENT_CERTIFICATE,
                SERVER_CERTIFICATE.fingerprintSha256(), d -> { synchronized (sent) { sent.add(d); } }, QUICK_TIMEOUT);

        assertThat(failureOf(client).reason()).isEqualTo(DtlsHandshakeException.Reason.TIMEOUT);
        assertThreadEnds(client);
        synchronized (sent) {
            assertThat(sent).as("at least the ClientHello went out").isNotEmpty();
            assertThat(sent.getFirst()[0]).as("DTLS handshake record").isEqualTo((byte) 22);
        }
    }

    @Test
    void closeDuringTheHandshakeFailsItAndFreesTheThread() throws Exception {
        List<byte[]> sentAfterClose = new ArrayList<>();
        DtlsServerHandshake server = new DtlsServerHandshake(SERVER_CERTIFICATE,
                CLIENT_CERTIFICATE.fingerprintSha256(), d -> { synchronized (sentAfterClose) { sentAfterClose.add(d); } });
        server.close();
        server.close(); // idempotent

        DtlsHandshakeException failure = failureOf(server);
        assertThat(failure.reason()).isEqualTo(DtlsHandshakeException.Reason.CLOSED);
        assertThat(await(server.closure())).isEqualTo(DtlsClosure.HANDSHAKE_FAILED);
        assertThreadEnds(server);
        assertThat(sentAfterClose).isEmpty();
    }

    @Test
    void closeWhileTheClientWaitsForTheServerFailsTheClient() throws Exception {
        DtlsClientHandshake client = new DtlsClientHandshake(CLIENT_CERTIFICATE,
                SERVER_CERTIFICATE.fingerprintSha256(), d -> { });
        client.close();

        assertThat(failureOf(client).reason()).isEqualTo(DtlsHandshakeException.Reason.CLOSED);
        assertThreadEnds(client);
    }

    @Test
    void closeAfterTheHandshakeSendsCloseNotifyToThePeer() throws Exception {
        try (DtlsPair pair = DtlsPair.withDefaults()) {
            await(pair.server.completion());
            await(pair.client.completion());

            pair.server.close();

            assertThat(await(pair.server.closure())).isEqualTo(DtlsClosure.LOCAL_CLOSE);
            assertThat(await(pair.client.closure())).isEqualTo(DtlsClosure.PEER_CLOSE_NOTIFY);
            assertThreadEnds(pair.server);
            assertThreadEnds(pair.client);
        }
    }

    @Test
    void peerCloseNotifyIsNoticedByTheServer() throws Exception {
        try (DtlsPair pair = DtlsPair.withDefaults()) {
            await(pair.server.completion());
            await(pair.client.completion());

            pair.client.close();

            assertThat(await(pair.server.closure())).isEqualTo(DtlsClosure.PEER_CLOSE_NOTIFY);
            assertThreadEnds(pair.server);
        }
    }

    @Test
    void handshakeSurvivesLostDatagramsThroughRetransmission() throws Exception {
        AtomicInteger toClientCount = new AtomicInteger();
        AtomicInteger toServerCount = new AtomicInteger();
        // Lose the first datagram in each direction: the ClientHello and the start of the server's flight.
        DatagramWire toClient = new DatagramWire(d -> toClientCount.getAndIncrement() == 0 ? List.of() : List.of(d));
        DatagramWire toServer = new DatagramWire(d -> toServerCount.getAndIncrement() == 0 ? List.of() : List.of(d));
        try (DtlsPair pair = new DtlsPair(DtlsConfig.defaults(), CLIENT_CERTIFICATE.fingerprintSha256(), toClient,
                DtlsConfig.defaults(), SERVER_CERTIFICATE.fingerprintSha256(), toServer)) {
            assertThat(await(pair.client.completion())).isEqualTo(await(pair.server.completion()));
        }
    }

    @Test
    void duplicatedDatagramsDoNotConfuseEitherSide() throws Exception {
        DatagramWire toClient = new DatagramWire(d -> List.of(d, d.clone()));
        DatagramWire toServer = new DatagramWire(d -> List.of(d, d.clone()));
        try (DtlsPair pair = new DtlsPair(DtlsConfig.defaults(), CLIENT_CERTIFICATE.fingerprintSha256(), toClient,
                DtlsConfig.defaults(), SERVER_CERTIFICATE.fingerprintSha256(), toServer)) {
            assertThat(await(pair.client.completion())).isEqualTo(await(pair.server.completion()));
        }
    }

    @Test
    void sentDatagramsRespectTheMtu() throws Exception {
        DtlsConfig smallMtu = DtlsConfig.defaults().withMtu(300);
        try (DtlsPair pair = DtlsPair.of(smallMtu, smallMtu)) {
            await(pair.server.completion());
            await(pair.client.completion());

            assertThat(pair.toClient.sent()).allSatisfy(d -> assertThat(d.length).isLessThanOrEqualTo(300));
            assertThat(pair.toServer.sent()).allSatisfy(d -> assertThat(d.length).isLessThanOrEqualTo(300));
            assertThat(pair.toClient.sent()).as("the certificate flight was fragmented").hasSizeGreaterThan(2);
        }
    }

    @Test
    void oversizedAndEmptyDatagramsAreDroppedAndCounted() throws Exception {
        DtlsServerHandshake server = new DtlsServerHandshake(SERVER_CERTIFICATE,
                CLIENT_CERTIFICATE.fingerprintSha256(), d -> { });
        try {
            byte[] huge = new byte[65_536];
            huge[0] = 22;
            server.onDatagram(huge, 0, huge.length);
            server.onDatagram(huge, 0, 0);

            assertThat(server.droppedDatagrams()).isEqualTo(2);
        } finally {
            server.close();
        }
    }

    @Test
    void handshakeCompletesAfterOversizedDatagramsArrive() throws Exception {
        byte[] huge = new byte[QueuedDatagramTransport.MAX_DATAGRAM + 1];
        huge[0] = 22;
        DatagramWire toServer = new DatagramWire(d -> List.of(huge, d));
        try (DtlsPair pair = new DtlsPair(DtlsConfig.defaults(), CLIENT_CERTIFICATE.fingerprintSha256(),
                new DatagramWire(), DtlsConfig.defaults(), SERVER_CERTIFICATE.fingerprintSha256(), toServer)) {
            assertThat(await(pair.server.completion())).isEqualTo(await(pair.client.completion()));
            assertThat(pair.server.droppedDatagrams()).isPositive();
        }
    }

    @Test
    void datagramOutsideTheBufferIsACallerError() {
        DtlsServerHandshake server = new DtlsServerHandshake(SERVER_CERTIFICATE,
                CLIENT_CERTIFICATE.fingerprintSha256(), d -> { });
        try {
            assertThatThrownBy(() -> server.onDatagram(new byte[10], 8, 5)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> server.onDatagram(new byte[10], -1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        } finally {
            server.close();
        }
    }

    @Test
    void aThrowingSinkIsTreatedAsALossyNetwork() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        DatagramWire toServer = new DatagramWire();
        DtlsServerHandshake server = new DtlsServerHandshake(SERVER_CERTIFICATE,
                CLIENT_CERTIFICATE.fingerprintSha256(), d -> { }, QUICK_TIMEOUT);
        toServer.connect(server);
        DtlsClientHandshake client = new DtlsClientHandshake(CLIENT_CERTIFICATE, SERVER_CERTIFICATE.fingerprintSha256(),
                d -> {
                    calls.incrementAndGet();
                    throw new IllegalStateException("socket closed");
                }, QUICK_TIMEOUT);

        assertThat(failureOf(client).reason()).isEqualTo(DtlsHandshakeException.Reason.TIMEOUT);
        assertThat(client.droppedDatagrams()).isEqualTo(calls.get()).isPositive();
        server.close();
    }

    @Test
    void garbageBeforeTheClientHelloDoesNotStopTheHandshake() throws Exception {
        List<byte[]> garbage = hostileDatagrams(new Random(42));
        AtomicInteger count = new AtomicInteger();
        DatagramWire toServer = new DatagramWire(d -> {
            if (count.getAndIncrement() > 0) {
                return List.of(d);
            }
            List<byte[]> all = new ArrayList<>(garbage);
            all.add(d);
            return all;
        });
        // The queue holds 64 datagrams; the wire delivers as fast as the server drains it, so none are lost.
        try (DtlsPair pair = new DtlsPair(DtlsConfig.defaults(), CLIENT_CERTIFICATE.fingerprintSha256(),
                new DatagramWire(), DtlsConfig.defaults(), SERVER_CERTIFICATE.fingerprintSha256(), toServer)) {
            assertThat(await(pair.server.completion())).isEqualTo(await(pair.client.completion()));
        }
    }

    @Test
    void garbageBetweenEveryRealDatagramIsIgnoredInBothDirections() throws Exception {
        Random random = new Random(99);
        java.util.function.Function<byte[], List<byte[]>> withGarbage = d -> {
            List<byte[]> all;
            synchronized (random) {
                all = new ArrayList<>(hostileDatagrams(random).subList(0, 5));
            }
            all.add(d);
            return all;
        };
        try (DtlsPair pair = new DtlsPair(DtlsConfig.defaults(), CLIENT_CERTIFICATE.fingerprintSha256(),
                new DatagramWire(withGarbage), DtlsConfig.defaults(), SERVER_CERTIFICATE.fingerprintSha256(),
                new DatagramWire(withGarbage))) {
            assertThat(await(pair.server.completion())).isEqualTo(await(pair.client.completion()));
            assertThat(pair.server.droppedDatagrams()).isPositive();
        }
    }

    @Test
    void truncatedRecordsAmongTheRealOnesAreIgnored() throws Exception {
        // Every real datagram is preceded by cut-off copies of itself, as a broken middlebox might produce.
        DatagramWire toServer = new DatagramWire(DtlsHandshakeTest::truncatedCopiesThenOriginal);
        DatagramWire toClient = new DatagramWire(DtlsHandshakeTest::truncatedCopiesThenOriginal);
        try (DtlsPair pair = new DtlsPair(DtlsConfig.defaults(), CLIENT_CERTIFICATE.fingerprintSha256(), toClient,
                DtlsConfig.defaults(), SERVER_CERTIFICATE.fingerprintSha256(), toServer)) {
            assertThat(await(pair.server.completion())).isEqualTo(await(pair.client.completion()));
        }
    }

    @Test
    void hostileHandshakeRecordsEndInKeysOrACleanFailureNeverAHang() throws Exception {
        Random random = new Random(7);
        for (int round = 0; round < 5; round++) {
            DtlsServerHandshake server = new DtlsServerHandshake(SERVER_CERTIFICATE,
                    CLIENT_CERTIFICATE.fingerprintSha256(), d -> { }, QUICK_TIMEOUT);
            for (byte[] d : hostileDatagrams(random)) {
                server.onDatagram(d, 0, d.length);
            }
            try {
                await(server.completion());
                throw new AssertionError("garbage alone cannot complete a handshake");
            } catch (java.util.concurrent.ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(DtlsHandshakeException.class);
            }
            assertThreadEnds(server);
        }
    }

    @Test
    void garbageAfterTheHandshakeLeavesTheSessionUsable() throws Exception {
        try (DtlsPair pair = DtlsPair.withDefaults()) {
            await(pair.server.completion());
            await(pair.client.completion());

            for (byte[] d : hostileDatagrams(new Random(3))) {
                pair.server.onDatagram(d, 0, d.length);
            }
            pair.client.close();

            assertThat(await(pair.server.closure())).isEqualTo(DtlsClosure.PEER_CLOSE_NOTIFY);
        }
    }

    private static List<byte[]> truncatedCopiesThenOriginal(byte[] d) {
        List<byte[]> out = new ArrayList<>();
        for (int cut : new int[] {1, 5, 12, 13, 14, d.length / 2, d.length - 1}) {
            if (cut > 0 && cut < d.length) {
                out.add(java.util.Arrays.copyOf(d, cut));
            }
        }
        out.add(d);
        return out;
    }

    /**
     * Datagrams that look more or less like DTLS: random bytes, record headers lying about their length,
     * handshake records in epoch 0 with random bodies (the ones BC has to parse), alerts, short stubs.
     */
    static List<byte[]> hostileDatagrams(Random random) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int kind = i % 5;
            byte[] d = new byte[1 + random.nextInt(kind == 4 ? 12 : 600)];
            random.nextBytes(d);
            if (kind >= 1 && d.length >= 13) {
                d[0] = (byte) (kind == 3 ? 21 : 22);       // handshake or alert
                d[1] = (byte) 0xFE;                       // DTLS 1.x
                d[2] = (byte) (kind == 2 ? 0xFF : 0xFD);
                d[3] = 0;                                 // epoch 0: parsed without decryption
                d[4] = 0;
                int claimed = kind == 1 ? 0xFFFF : d.length - 13;
                d[11] = (byte) (claimed >>> 8);
                d[12] = (byte) claimed;
                if (kind == 2 && d.length > 13) {
                    d[13] = 1;                            // a "ClientHello" with a random body
                }
            }
            out.add(d);
        }
        return out;
    }
}
