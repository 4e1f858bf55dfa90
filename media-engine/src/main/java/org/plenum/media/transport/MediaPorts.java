package org.plenum.media.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.TooLongFrameException;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.plenum.media.ice.Rfc4571Framing;

/**
 * The engine's two sockets: one UDP port shared by every session, and one ICE-TCP port (RFC 6544 passive,
 * RFC 4571 framing) for networks that block UDP. Both live on a single event loop, and the receiver's
 * whole state is owned by that thread: no locks on the packet path. Netty's native epoll transport is used
 * when the platform has it (it batches a read burst's sends with sendmmsg); NIO otherwise.
 */
public final class MediaPorts implements AutoCloseable {

    /** Largest datagram we accept; bigger ones are not media (WebRTC keeps packets under ~1200 bytes). */
    public static final int MAX_PACKET = 1500;
    /** Spare bytes after each received packet in the scratch buffer, for in-place growth. */
    public static final int SCRATCH_TAILROOM = 64;

    private final EventLoopGroup group;
    private final EventLoop loop;
    private final DatagramReceiver receiver;
    private final Channel udp;
    private final Channel tcp;
    private final byte[] scratch = new byte[MAX_PACKET + SCRATCH_TAILROOM];
    /** UDP paths by address, so a packet does not allocate one each time; bounded against address floods. */
    private final Map<InetSocketAddress, UdpPath> udpPaths = new HashMap<>();
    private boolean inReadBatch;

    private MediaPorts(EventLoopGroup group, DatagramReceiver receiver, InetSocketAddress udpBind, InetSocketAddress tcpBind)
            throws InterruptedException {
        this.group = group;
        this.loop = group.next();
        this.receiver = receiver;
        boolean epoll = Epoll.isAvailable();
        this.udp = new Bootstrap().group(loop)
                .channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
                .option(ChannelOption.SO_RCVBUF, 4 << 20)
                .option(ChannelOption.SO_SNDBUF, 4 << 20)
                .handler(new UdpInbound())
                .bind(udpBind).sync().channel();
        this.tcp = tcpBind == null ? null : new ServerBootstrap().group(loop)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        // RFC 4571: a 16-bit length, then the packet; no media packet is longer than MAX_PACKET
                        ch.pipeline().addLast(new Rfc4571Framing.Decoder(MAX_PACKET), new TcpInbound());
                    }
                })
                .bind(tcpBind).sync().channel();
    }

    /**
     * Binds the ports. A port of 0 picks a free one (tests); {@code tcpBind} may be null to run UDP only.
     */
    public static MediaPorts open(DatagramReceiver receiver, InetSocketAddress udpBind, InetSocketAddress tcpBind) {
        IoHandlerFactory io = Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, Thread.ofPlatform().name("media-loop").daemon().factory(), io);
        try {
            return new MediaPorts(group, receiver, udpBind, tcpBind);
        } catch (InterruptedException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding the media ports", e);
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IllegalStateException("cannot bind the media ports " + udpBind + " / " + tcpBind + ": " + e.getMessage(), e);
        }
    }

    /** The thread that owns every session; engine state changes are run here. */
    public EventLoop loop() {
        return loop;
    }

    public int udpPort() {
        return ((InetSocketAddress) udp.localAddress()).getPort();
    }

    /** The ICE-TCP port, or -1 when none was bound. */
    public int tcpPort() {
        return tcp == null ? -1 : ((InetSocketAddress) tcp.localAddress()).getPort();
    }

    public boolean nativeTransport() {
        return Epoll.isAvailable();
    }


    /** A UDP path to an address (for tests and for answering from outside a read). Event loop only. */
    public MediaPath udpPath(InetSocketAddress remote) {
        UdpPath p = udpPaths.get(remote);
        if (p == null) {
            if (udpPaths.size() >= 50_000) {
                udpPaths.clear();
            }
            p = new UdpPath(remote);
            udpPaths.put(remote, p);
        }
        return p;
    }

    /** Forgets a UDP path (its session ended). Event loop only. */
    public void forget(MediaPath path) {
        if (!path.tcp()) {
            udpPaths.remove(path.remote());
        } else if (path instanceof TcpPath t) {
            t.channel.close();
        }
    }

    @Override
    public void close() {
        udp.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        if (tcp != null) {
            tcp.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /** Sends queued inside a read burst are flushed together at its end (one sendmmsg with epoll). */
    private void write(Channel ch, Object msg) {
        if (inReadBatch) {
            ch.write(msg, ch.voidPromise());
        } else {
            ch.writeAndFlush(msg, ch.voidPromise());
        }
    }

    private final class UdpInbound extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            inReadBatch = true;
            ByteBuf content = packet.content();
            int len = content.readableBytes();
            if (len > MAX_PACKET) {
                receiver.onOversized(udpPath(packet.sender()), len);
                return;
            }
            content.getBytes(content.readerIndex(), scratch, 0, len);
            receiver.onPacket(scratch, 0, len, udpPath(packet.sender()), System.nanoTime());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            inReadBatch = false;
            ctx.flush();
        }
    }

    private final class TcpInbound extends SimpleChannelInboundHandler<ByteBuf> {
        private TcpPath path;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            path = new TcpPath(ctx.channel());
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
            int len = frame.readableBytes();
            if (len > MAX_PACKET) {
                receiver.onOversized(path, len);
                return;
            }
            frame.getBytes(frame.readerIndex(), scratch, 0, len);
            receiver.onPacket(scratch, 0, len, path, System.nanoTime());
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            receiver.onPathClosed(path);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // A peer that sends a frame longer than any media packet, or resets: the connection ends, nothing else.
            if (cause instanceof TooLongFrameException) {
                receiver.onOversized(path, 0);
            }
            ctx.close();
        }
    }

    private final class UdpPath implements MediaPath {
        private final InetSocketAddress remote;

        UdpPath(InetSocketAddress remote) {
            this.remote = remote;
        }

        @Override
        public void send(byte[] buf, int off, int len) {
            ByteBuf out = udp.alloc().directBuffer(len);
            out.writeBytes(buf, off, len);
            write(udp, new DatagramPacket(out, remote));
        }

        @Override
        public InetSocketAddress remote() {
            return remote;
        }

        @Override
        public boolean tcp() {
            return false;
        }

        // equal by address, so a path re-created after the cache was cleared still finds its transport
        @Override
        public boolean equals(Object o) {
            return o instanceof UdpPath u && u.remote.equals(remote);
        }

        @Override
        public int hashCode() {
            return remote.hashCode();
        }

        @Override
        public String toString() {
            return "udp:" + remote;
        }
    }

    private final class TcpPath implements MediaPath {
        private final Channel channel;

        TcpPath(Channel channel) {
            this.channel = channel;
        }

        @Override
        public void send(byte[] buf, int off, int len) {
            if (!channel.isActive()) {
                return;
            }
            ByteBuf out = channel.alloc().directBuffer(len + 2);
            out.writeShort(len);
            out.writeBytes(buf, off, len);
            channel.writeAndFlush(out, channel.voidPromise());
        }

        @Override
        public InetSocketAddress remote() {
            return (InetSocketAddress) channel.remoteAddress();
        }

        @Override
        public boolean tcp() {
            return true;
        }

        @Override
        public String toString() {
            return "tcp:" + channel.remoteAddress();
        }
    }
}
