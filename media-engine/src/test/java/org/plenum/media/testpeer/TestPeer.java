package org.plenum.media.testpeer;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.plenum.media.dtls.DtlsCertificate;
import org.plenum.media.dtls.DtlsClientHandshake;
import org.plenum.media.dtls.SrtpMaterial;
import org.plenum.media.ice.IceCredentials;
import org.plenum.media.ice.Rfc4571Framing;
import org.plenum.media.rtcp.RtcpCompound;
import org.plenum.media.rtcp.RtcpPacket;
import org.plenum.media.rtcp.RtcpParseException;
import org.plenum.media.sdp.MediaSection;
import org.plenum.media.sdp.SdpException;
import org.plenum.media.sdp.SessionDescription;
import org.plenum.media.srtp.SrtpContext;
import org.plenum.media.srtp.SrtpException;
import org.plenum.media.srtp.SrtpKeys;
import org.plenum.media.srtp.SrtpProfile;
import org.plenum.media.stun.StunClass;
import org.plenum.media.stun.StunMessage;
import org.plenum.media.stun.StunMessageBuilder;
import org.plenum.media.stun.StunParseException;

/**
 * One browser PeerConnection, written in Java, for talking to a running engine over real sockets: it is the
 * controlling ICE agent (STUN binding requests with USE-CANDIDATE and MESSAGE-INTEGRITY under the engine's
 * password), the DTLS client ({@code setup:actpass} in offers, {@code active} in answers), and it protects and
 * unprotects SRTP/SRTCP with the keys the handshake exports. Everything it receives is kept, decrypted, so a test
 * can look at it.
 *
 * <pre>{@code
 * TestPeer pc = TestPeer.udp(engine.udpPort());
 * String answer = participant.publish(new PublishOfferBuilder().audio().video().build(pc), Map.of()).join();
 * pc.connect(answer);
 * pc.sendRtp(stream.audioPacket(30));
 * }</pre>
 */
public final class TestPeer implements AutoCloseable {

    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final DtlsCertificate certificate = DtlsCertificate.generate();
    private final IceCredentials local = IceCredentials.random();
    private final long tieBreaker = ThreadLocalRandom.current().nextLong();
    private final InetSocketAddress engine;
    private final DatagramSocket udp;
    private final Socket tcp;
    private final OutputStream tcpOut;
    private final Thread reader;
    private final Object sendLock = new Object();
    private final byte[] sendBuf = new byte[4096];
    private final BlockingQueue<StunMessage> stunResponses = new LinkedBlockingQueue<>();
    private final CompletableFuture<SrtpKeys> keys = new CompletableFuture<>();
    private final List<ReceivedRtp> rtp = new ArrayList<>();
    private final List<ReceivedRtcp> rtcp = new ArrayList<>();
    private final AtomicInteger srtpFailures = new AtomicInteger();
    private volatile String remoteUfrag;
    private volatile String remotePwd;
    private volatile DtlsClientHandshake dtls;
    private final List<Consumer<RtcpPacket>> rtcpListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean closed;
    private SrtpContext outbound; // under sendLock
    private SrtpContext inbound;  // reader thread only

    private TestPeer(InetSocketAddress engine, boolean useTcp) throws IOException {
        this.engine = engine;
        if (useTcp) {
            this.udp = null;
            this.tcp = new Socket();
            tcp.setTcpNoDelay(true);
            tcp.connect(engine, 5_000);
            this.tcpOut = tcp.getOutputStream();
            this.reader = Thread.ofPlatform().daemon().name("testpeer-tcp-" + local.ufrag()).start(this::readTcp);
        } else {
            this.tcp = null;
            this.tcpOut = null;
            this.udp = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
            this.reader = Thread.ofPlatform().daemon().name("testpeer-udp-" + local.ufrag()).start(this::readUdp);
        }
    }

    /** A peer that talks to the engine's UDP port on 127.0.0.1. */
    public static TestPeer udp(int enginePort) {
        try {
            return new TestPeer(new InetSocketAddress(LOOPBACK, enginePort), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A peer that connects to the engine's ICE-TCP port on 127.0.0.1 (RFC 4571 framing). */
    public static TestPeer tcp(int enginePort) {
        try {
            return new TestPeer(new InetSocketAddress(LOOPBACK, enginePort), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public IceCredentials iceCredentials() {
        return local;
    }

    public String fingerprint() {
        return certificate.fingerprintSha256();
    }

    /** Called on the reader thread with each RTCP packet received (after decryption). */
    public void onRtcp(Consumer<RtcpPacket> listener) {
        rtcpListeners.add(listener);
    }

    // ---- connecting

    /**
     * Connects to the engine described by {@code remoteSdp} (its answer to our offer, or its offer we answer): a
     * nominating connectivity check, then the DTLS handshake as client, then SRTP keys. Returns once we can send.
     */
    public void connect(String remoteSdp) {
        SessionDescription sdp;
        try {
            sdp = SessionDescription.parse(remoteSdp);
        } catch (SdpException e) {
            throw new AssertionError("the engine's SDP does not parse: " + e.getMessage(), e);
        }
        MediaSection first = sdp.media().getFirst();
        remoteUfrag = sdp.iceUfrag(first).orElseThrow();
        remotePwd = sdp.icePwd(first).orElseThrow();
        String fingerprint = sdp.sha256Fingerprint(first).orElseThrow().value();
        if (!sdp.iceLite()) {
            throw new AssertionError("the engine is an ICE-lite agent and must say so");
        }
        check(true);
        dtls = new DtlsClientHandshake(certificate, fingerprint, this::sendRaw);
        SrtpMaterial material;
        try {
            material = dtls.completion().get(HANDSHAKE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("DTLS handshake with the engine failed: " + e, e);
        }
        SrtpProfile profile = SrtpProfile.byId(material.profileId());
        SrtpKeys k = SrtpKeys.fromDtlsExport(profile, material.keyingMaterial(), false);
        synchronized (sendLock) {
            outbound = new SrtpContext(k.local());
        }
        keys.complete(k);
    }

    public boolean connected() {
        return keys.isDone();
    }

    /**
     * One connectivity check (a consent refresh, or a nomination) and its authenticated success response.
     * Retransmits like a browser until answered.
     */
    public StunMessage check(boolean nominate) {
        StunMessageBuilder b = StunMessageBuilder.request(StunMessage.BINDING)
                .username(remoteUfrag + ":" + local.ufrag())
                .priority(0x6E001EFFL)
                .iceControlling(tieBreaker);
        if (nominate) {
            b.useCandidate();
        }
        byte[] request = b.messageIntegrity(remotePwd.getBytes(StandardCharsets.UTF_8)).fingerprint().encode();
        byte[] tid = Arrays.copyOfRange(request, 8, 20);
        // a browser retransmits with back-off for about 40 s; 10 s is plenty even on a loaded test machine
        for (int attempt = 0; attempt < 20; attempt++) {
            sendRaw(request);
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.min(1000, 100L << Math.min(attempt, 4)));
            StunMessage m;
            while ((m = poll(stunResponses, deadline)) != null) {
                if (!Arrays.equals(m.transactionId(), tid)) {
                    continue;
                }
                if (m.messageClass() != StunClass.SUCCESS_RESPONSE) {
                    throw new AssertionError("the engine refused our connectivity check: " + m);
                }
                if (!m.verifyIntegrity(remotePwd.getBytes(StandardCharsets.UTF_8)) || !m.verifyFingerprint()) {
                    throw new AssertionError("the engine's binding response is not authenticated: " + m);
                }
                return m;
            }
        }
        throw new AssertionError("the engine did not answer our connectivity check");
    }

    private static <T> T poll(BlockingQueue<T> q, long deadlineNanos) {
        try {
            return q.poll(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    // ---- sending

    /**
     * Protects a plain RTP packet with our SRTP context and sends it.
     *
     * @return the SRTP packet as sent, for tests that replay or mangle it
     */
    public byte[] sendRtp(byte[] plain) {
        synchronized (sendLock) {
            System.arraycopy(plain, 0, sendBuf, 0, plain.length);
            int n;
            try {
                n = outbound().protectRtp(sendBuf, 0, plain.length);
            } catch (SrtpException e) {
                throw new AssertionError("cannot protect our own RTP: " + e.getMessage(), e);
            }
            byte[] wire = Arrays.copyOf(sendBuf, n);
            sendRaw(wire);
            return wire;
        }
    }

    /** Protects a plain RTCP compound packet and sends it. */
    public byte[] sendRtcp(byte[] plain, int len) {
        synchronized (sendLock) {
            System.arraycopy(plain, 0, sendBuf, 0, len);
            int n;
            try {
                n = outbound().protectRtcp(sendBuf, 0, len);
            } catch (SrtpException e) {
                throw new AssertionError("cannot protect our own RTCP: " + e.getMessage(), e);
            }
            byte[] wire = Arrays.copyOf(sendBuf, n);
            sendRaw(wire);
            return wire;
        }
    }

    private SrtpContext outbound() {
        if (outbound == null) {
            throw new IllegalStateException("not connected yet: call connect() first");
        }
        return outbound;
    }

    /** Sends bytes as they are: one datagram, or one RFC 4571 frame on ICE-TCP. */
    public void sendRaw(byte[] bytes) {
        if (closed) {
            return;
        }
        try {
            if (udp != null) {
                udp.send(new DatagramPacket(bytes, bytes.length, engine));
            } else {
                synchronized (tcpOut) {
                    tcpOut.write(Rfc4571Framing.frame(bytes, 0, bytes.length));
                    tcpOut.flush();
                }
            }
        } catch (IOException e) {
            if (!closed) {
                throw new UncheckedIOException(e);
            }
        }
    }

    // ---- receiving

    private void readUdp() {
        byte[] buf = new byte[65536];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
            while (!closed) {
                p.setLength(buf.length);
                udp.receive(p);
                dispatch(Arrays.copyOf(buf, p.getLength()));
            }
        } catch (SocketException e) {
            // closed
        } catch (IOException e) {
            if (!closed) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void readTcp() {
        try {
            DataInputStream in = new DataInputStream(tcp.getInputStream());
            while (!closed) {
                int len = in.readUnsignedShort();
                byte[] frame = new byte[len];
                in.readFully(frame);
                if (len > 0) {
                    dispatch(frame);
                }
            }
        } catch (EOFException | SocketException e) {
            // closed by either side
        } catch (IOException e) {
            if (!closed) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** RFC 7983 demultiplexing, as a browser does it. */
    private void dispatch(byte[] packet) {
        long at = System.nanoTime();
        int first = packet[0] & 0xFF;
        if (first <= 3) {
            try {
                StunMessage m = StunMessage.parse(packet, 0, packet.length);
                if (m.messageClass() == StunClass.SUCCESS_RESPONSE || m.messageClass() == StunClass.ERROR_RESPONSE) {
                    stunResponses.add(m);
                }
            } catch (StunParseException e) {
                // not for us
            }
        } else if (first >= 20 && first <= 63) {
            DtlsClientHandshake d = dtls;
            if (d != null) {
                d.onDatagram(packet, 0, packet.length);
            }
        } else if (first >= 128 && first <= 191 && packet.length >= 2) {
            SrtpContext in = inbound();
            if (in == null) {
                return;
            }
            int second = packet[1] & 0xFF;
            byte[] work = Arrays.copyOf(packet, packet.length);
            try {
                if (second >= 192 && second <= 223) {
                    int n = in.unprotectRtcp(work, 0, work.length);
                    List<RtcpPacket> parsed = RtcpCompound.parse(work, 0, n);
                    synchronized (rtcp) {
                        for (RtcpPacket r : parsed) {
                            rtcp.add(new ReceivedRtcp(r, at));
                        }
                    }
                    for (RtcpPacket r : parsed) {
                        for (Consumer<RtcpPacket> l : rtcpListeners) {
                            l.accept(r);
                        }
                    }
                } else {
                    int n = in.unprotectRtp(work, 0, work.length);
                    synchronized (rtp) {
                        rtp.add(new ReceivedRtp(Arrays.copyOf(work, n), packet, at));
                    }
                }
            } catch (SrtpException | RtcpParseException e) {
                srtpFailures.incrementAndGet();
            }
        }
    }

    /**
     * The receiving context, once the keys are known. SRTP from the engine can overtake the end of our handshake
     * (the server finishes first); its Finished has already been handed to the handshake, so waiting is safe.
     */
    private SrtpContext inbound() {
        if (inbound == null) {
            try {
                SrtpKeys k = keys.get(HANDSHAKE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                inbound = new SrtpContext(k.remote());
            } catch (Exception e) {
                return null;
            }
        }
        return inbound;
    }

    /** Whether {@code srtp} (as received by some peer) authenticates under this peer's receiving keys. */
    public boolean canDecrypt(byte[] srtp) {
        SrtpKeys k = keys.getNow(null);
        if (k == null) {
            return false;
        }
        byte[] copy = Arrays.copyOf(srtp, srtp.length);
        try {
            new SrtpContext(k.remote()).unprotectRtp(copy, 0, copy.length);
            return true;
        } catch (SrtpException e) {
            return false;
        }
    }

    /** Every RTP packet received so far, decrypted, in arrival order. */
    public List<ReceivedRtp> rtp() {
        synchronized (rtp) {
            return List.copyOf(rtp);
        }
    }

    public List<ReceivedRtp> rtp(Predicate<ReceivedRtp> filter) {
        return rtp().stream().filter(filter).toList();
    }

    /** Every RTCP packet received so far (compound packets split), decrypted, in arrival order. */
    public List<ReceivedRtcp> rtcp() {
        synchronized (rtcp) {
            return List.copyOf(rtcp);
        }
    }

    public <T extends RtcpPacket> List<Received<T>> rtcp(Class<T> type) {
        List<Received<T>> out = new ArrayList<>();
        for (ReceivedRtcp r : rtcp()) {
            if (type.isInstance(r.packet())) {
                out.add(new Received<>(type.cast(r.packet()), r.atNanos()));
            }
        }
        return out;
    }

    /** An RTCP packet of a known type and when it arrived. */
    public record Received<T extends RtcpPacket>(T packet, long atNanos) {
    }

    /** Packets from the engine that failed SRTP authentication here (should stay 0). */
    public int srtpFailures() {
        return srtpFailures.get();
    }

    @Override
    public void close() {
        closed = true;
        DtlsClientHandshake d = dtls;
        if (d != null) {
            d.close();
        }
        try {
            if (udp != null) {
                udp.close();
            } else {
                tcp.close();
            }
        } catch (IOException e) {
            // closing anyway
        }
        try {
            reader.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "TestPeer[" + (udp != null ? "udp" : "tcp") + ", ufrag=" + local.ufrag() + "]";
    }
}
