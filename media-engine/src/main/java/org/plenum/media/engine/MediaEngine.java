package org.plenum.media.engine;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.plenum.media.dtls.DtlsCertificate;
import org.plenum.media.forward.ForwardingRoom;
import org.plenum.media.forward.Negotiation;
import org.plenum.media.ice.IceCandidateLine;
import org.plenum.media.ice.TurnRestCredentials;
import org.plenum.media.transport.MediaPorts;
import org.plenum.media.transport.TransportRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in SFU. One UDP port (and one ICE-TCP port) for every session; all forwarding state lives on
 * one event loop thread, so the packet path takes no locks. The platform drives it through
 * {@link #room(String)}, {@link MediaRoom#join} and {@link MediaParticipant}; it knows nothing of the
 * platform in return.
 *
 * <pre>{@code
 * MediaEngine engine = MediaEngine.start(MediaEngineConfig.defaults(), registry);
 * MediaParticipant alice = engine.room("r-1").join("p-alice", listener);
 * String answer = alice.publish(offerSdp, Map.of()).join();
 * }</pre>
 */
public final class MediaEngine implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MediaEngine.class);
    private static final long TICK_MILLIS = 200;

    private final MediaEngineConfig config;
    private final EngineMetrics metrics;
    private final DtlsCertificate certificate;
    private final TransportRouter router;
    private final MediaPorts ports;
    private final Negotiation negotiator;
    private final Map<String, MediaRoom> rooms = new ConcurrentHashMap<>();
    private final ScheduledFuture<?> ticker;

    private MediaEngine(MediaEngineConfig config, MeterRegistry registry) {
        this.config = config;
        this.metrics = new EngineMetrics(registry);
        this.certificate = DtlsCertificate.generate();
        this.router = new TransportRouter(certificate, metrics);
        this.ports = MediaPorts.open(router, new InetSocketAddress(config.bindHost(), config.udpPort()),
                config.tcpPort() < 0 ? null : new InetSocketAddress(config.bindHost(), config.tcpPort()));
        router.runOn(ports.loop());
        this.negotiator = new Negotiation(certificate.fingerprintSha256(), candidates());
        this.ticker = ports.loop().scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        log.atInfo().setMessage("media engine started").addKeyValue("udp", ports.udpPort()).addKeyValue("tcp", ports.tcpPort())
                .addKeyValue("advertised", String.join(",", config.advertised())).addKeyValue("epoll", ports.nativeTransport()).log();
    }

    /** Binds the ports and starts the event loop; fails with a clear message when a port is taken. */
    public static MediaEngine start(MediaEngineConfig config, MeterRegistry registry) {
        return new MediaEngine(config, registry);
    }

    public MediaEngineConfig config() {
        return config;
    }

    public int udpPort() {
        return ports.udpPort();
    }

    public int tcpPort() {
        return ports.tcpPort();
    }

    public EngineMetrics metrics() {
        return metrics;
    }

    /** The room with this id, opened on first use. */
    public MediaRoom room(String roomId) {
        return rooms.computeIfAbsent(roomId, id -> new MediaRoom(this, new ForwardingRoom(id, config, metrics, router, negotiator)));
    }

    void closed(MediaRoom room) {
        rooms.remove(room.id(), room);
    }

    /** ICE servers for a client: TURN with credentials valid for the configured time, when TURN is set up. */
    public List<IceServer> iceServers(String user) {
        MediaEngineConfig.TurnServers turn = config.turn();
        if (turn == null) {
            return List.of();
        }
        TurnRestCredentials c = TurnRestCredentials.issue(turn.secret(), user, Instant.now(), turn.ttl());
        return List.of(new IceServer(turn.urls(), c.username(), c.password()));
    }

    /** An entry of RTCPeerConnection's {@code iceServers}. */
    public record IceServer(List<String> urls, String username, String credential) {
    }

    /** Runs {@code task} on the event loop; the future completes with its result or its exception. */
    <T> CompletableFuture<T> onLoop(Callable<T> task) {
        CompletableFuture<T> f = new CompletableFuture<>();
        ports.loop().execute(() -> {
            try {
                f.complete(task.call());
            } catch (Exception | Error e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    private List<String> candidates() {
        List<String> lines = new ArrayList<>();
        for (String address : config.advertised()) {
            lines.add(IceCandidateLine.hostUdp(new InetSocketAddress(address, ports.udpPort())).toString());
            if (ports.tcpPort() > 0) {
                lines.add(IceCandidateLine.hostTcpPassive(new InetSocketAddress(address, ports.tcpPort())).toString());
            }
        }
        return List.copyOf(lines);
    }

    private void tick() {
        long now = System.nanoTime();
        for (MediaRoom r : rooms.values()) {
            try {
                r.forwarding().tick(now);
            } catch (RuntimeException e) {
                log.atWarn().setMessage("media room tick failed").addKeyValue("room", r.id()).setCause(e).log();
            }
        }
    }

    @Override
    public void close() {
        ticker.cancel(false);
        CompletableFuture<Void> closing = onLoop(() -> {
            for (MediaRoom r : rooms.values()) {
                r.forwarding().close();
            }
            rooms.clear();
            return null;
        });
        try {
            closing.get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.atWarn().setMessage("media rooms did not close in time").log();
        }
        ports.close();
    }
}
