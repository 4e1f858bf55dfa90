package org.plenum.media.dtls;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.media.dtls.DtlsPair.CLIENT_CERTIFICATE;
import static org.plenum.media.dtls.DtlsPair.SERVER_CERTIFICATE;
import static org.plenum.media.dtls.DtlsPair.await;

/** The handshake over real sockets on 127.0.0.1, with the socket's reader thread feeding onDatagram. */
class DtlsOverUdpTest {

    @Test
    void handshakeOverLoopbackUdpYieldsTheSameKeysOnBothSides() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (DatagramSocket serverSocket = new DatagramSocket(new InetSocketAddress(loopback, 0));
             DatagramSocket clientSocket = new DatagramSocket(new InetSocketAddress(loopback, 0))) {
            long start = System.nanoTime();
            DtlsServerHandshake server = new DtlsServerHandshake(SERVER_CERTIFICATE,
                    CLIENT_CERTIFICATE.fingerprintSha256(), sendTo(serverSocket, clientSocket.getLocalSocketAddress()));
            Thread serverReader = readInto(serverSocket, server);
            DtlsClientHandshake client = new DtlsClientHandshake(CLIENT_CERTIFICATE,
                    SERVER_CERTIFICATE.fingerprintSha256(), sendTo(clientSocket, serverSocket.getLocalSocketAddress()));
            Thread clientReader = readInto(clientSocket, client);

            SrtpMaterial atServer = await(server.completion());
            SrtpMaterial atClient = await(client.completion());
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            System.out.println("dtls handshake over loopback UDP took " + millis + " ms");

            assertThat(atClient).isEqualTo(atServer);
            assertThat(atServer.profileId()).isEqualTo(SrtpMaterial.AEAD_AES_128_GCM);

            client.close();
            assertThat(await(server.closure())).isEqualTo(DtlsClosure.PEER_CLOSE_NOTIFY);
            serverSocket.close();
            clientSocket.close();
            serverReader.join();
            clientReader.join();
        }
    }

    private static Consumer<byte[]> sendTo(DatagramSocket socket, java.net.SocketAddress to) {
        return d -> {
            try {
                socket.send(new DatagramPacket(d, d.length, to));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
    }

    private static Thread readInto(DatagramSocket socket, DtlsHandshake handshake) {
        return Thread.ofVirtual().start(() -> {
            byte[] buf = new byte[4096];
            DatagramPacket packet = new DatagramPacket(buf, buf.length);
            try {
                while (true) {
                    socket.receive(packet);
                    handshake.onDatagram(packet.getData(), packet.getOffset(), packet.getLength());
                }
            } catch (SocketException closed) {
                // test over
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }
}
