package org.plenum.media.dtls;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DatagramScreenTest {

    private static byte[] clientHello;

    /** A real ClientHello as our client sends it, captured from its sink. */
    @BeforeAll
    static void captureClientHello() throws Exception {
        java.util.concurrent.CompletableFuture<byte[]> first = new java.util.concurrent.CompletableFuture<>();
        DtlsClientHandshake client = new DtlsClientHandshake(DtlsPair.CLIENT_CERTIFICATE,
                DtlsPair.SERVER_CERTIFICATE.fingerprintSha256(), first::complete);
        clientHello = DtlsPair.await(first);
        client.close();
    }

    @Test
    void aRealClientHelloIsAdmitted() {
        assertThat(DatagramScreen.wellFramed(clientHello, clientHello.length)).isTrue();
        assertThat(DatagramScreen.opensWithClientHello(clientHello, clientHello.length)).isTrue();
    }

    @Test
    void everyTruncationOfTheClientHelloIsRejected() {
        for (int len = 0; len < clientHello.length; len++) {
            byte[] cut = Arrays.copyOf(clientHello, len);
            assertThat(DatagramScreen.wellFramed(cut, len) && DatagramScreen.opensWithClientHello(cut, len))
                    .as("truncated to %d bytes", len).isFalse();
        }
    }

    @Test
    void aClientHelloWhoseInnerLengthsLieIsRejected() {
        // Grow the session id length past what the body holds: the framing still fits, the body does not.
        byte[] lying = clientHello.clone();
        int sessionIdLength = DatagramScreen.RECORD_HEADER + 12 + 2 + 32;
        lying[sessionIdLength] = (byte) 33;

        assertThat(DatagramScreen.opensWithClientHello(lying, lying.length)).isFalse();
    }

    @Test
    void epochZeroRecordsWithImplausibleSequenceNumbersAreRejected() {
        byte[] farAhead = clientHello.clone();
        farAhead[8] = 1; // sequence number 2^32 + ...

        assertThat(DatagramScreen.wellFramed(farAhead, farAhead.length)).isFalse();
    }

    @Test
    void twoRecordsTilingTheDatagramAreWellFramedButTrailingBytesAreNot() {
        byte[] two = new byte[clientHello.length * 2];
        System.arraycopy(clientHello, 0, two, 0, clientHello.length);
        System.arraycopy(clientHello, 0, two, clientHello.length, clientHello.length);

        assertThat(DatagramScreen.wellFramed(two, two.length)).isTrue();
        assertThat(DatagramScreen.wellFramed(Arrays.copyOf(clientHello, clientHello.length + 1), clientHello.length + 1)).isFalse();
    }

    @Test
    void hostileDatagramsNeverThrow() {
        Random random = new Random(11);
        List<byte[]> hostile = DtlsHandshakeTest.hostileDatagrams(random);
        for (int i = 0; i < 10_000; i++) {
            byte[] d = new byte[random.nextInt(64)];
            random.nextBytes(d);
            if (d.length > 0 && random.nextBoolean()) {
                d[0] = 22;
            }
            DatagramScreen.wellFramed(d, d.length);
            DatagramScreen.opensWithClientHello(d, d.length);
        }
        for (byte[] d : hostile) {
            DatagramScreen.wellFramed(d, d.length);
            DatagramScreen.opensWithClientHello(d, d.length);
        }
        // Flip each byte of a real ClientHello in turn: the screen answers, it never throws.
        for (int i = 0; i < clientHello.length; i++) {
            byte[] flipped = clientHello.clone();
            flipped[i] ^= (byte) 0xFF;
            DatagramScreen.wellFramed(flipped, flipped.length);
            DatagramScreen.opensWithClientHello(flipped, flipped.length);
        }
    }
}
