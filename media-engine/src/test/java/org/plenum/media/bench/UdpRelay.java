package org.plenum.media.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The "physical limit" the engine is compared with: a UDP relay with no crypto and no logic. Every datagram it
 * receives goes unchanged to every registered address. Same socket setup as the engine's {@code MediaPorts} (one
 * Netty event loop, native epoll, 4 MiB buffers, sends flushed once per read burst so epoll batches them with
 * sendmmsg), but no copy: each send is a reference to the received buffer.
 */
final class UdpRelay implements AutoCloseable {

    static final String THREAD = "relay-loop";

    private final EventLoopGroup group;
    private final Channel channel;
    private final List<InetSocketAddress> subscribers = new CopyOnWriteArrayList<>();
    volatile long packetsIn;
    volatile long packetsOut;

    UdpRelay() throws InterruptedException {
        IoHandlerFactory io = Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        group = new MultiThreadIoEventLoopGroup(1, Thread.ofPlatform().name(THREAD).daemon().factory(), io);
        channel = new Bootstrap().group(group)
                .channel(Epoll.isAvailable() ? EpollDatagramChannel.class : NioDatagramChannel.class)
                .option(ChannelOption.SO_RCVBUF, 4 << 20)
                .option(ChannelOption.SO_SNDBUF, 4 << 20)
                .handler(new Fanout())
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    void subscribe(InetSocketAddress address) {
        subscribers.add(address);
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }

    private final class Fanout extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            packetsIn++;
            ByteBuf content = packet.content();
            for (InetSocketAddress to : subscribers) {
                ctx.write(new DatagramPacket(content.retainedDuplicate(), to), ctx.voidPromise());
                packetsOut++;
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }
    }
}
