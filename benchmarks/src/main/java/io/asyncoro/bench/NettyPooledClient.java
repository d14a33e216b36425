package io.asyncoro.bench;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.pool.AbstractChannelPoolHandler;
import io.netty.channel.pool.FixedChannelPool;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.util.AttributeKey;

/**
 * Netty's side of {@code client-pool}: a {@link FixedChannelPool} of asyncoro-framed channels (4-byte length,
 * payload) used the way {@code AsyncoroClientTemplate.request} is: acquire a channel, write one message, wait
 * for its one reply, release. Callers block on the reply, as the template's callers do.
 */
final class NettyPooledClient implements AutoCloseable {

    private static final AttributeKey<CompletableFuture<byte[]>> REPLY = AttributeKey.valueOf("reply");

    private final EventLoopGroup group;
    private final FixedChannelPool pool;

    NettyPooledClient(InetSocketAddress server, int poolSize) {
        // NIO on one event loop per pooled channel at most: the client's own cost stays comparable.
        this.group = new MultiThreadIoEventLoopGroup(Math.min(poolSize, Runtime.getRuntime().availableProcessors()),
                NioIoHandler.newFactory());
        Bootstrap bootstrap = new Bootstrap().group(this.group)
            .channel(NioSocketChannel.class)
            .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
            .option(ChannelOption.TCP_NODELAY, true)
            .remoteAddress(server);
        this.pool = new FixedChannelPool(bootstrap, new AbstractChannelPoolHandler() {
            @Override
            public void channelCreated(Channel channel) {
                channel.pipeline()
                    .addLast(new LengthFieldBasedFrameDecoder(1 << 20, 0, 4, 0, 4))
                    .addLast(new LengthFieldPrepender(4))
                    .addLast(new SimpleChannelInboundHandler<ByteBuf>() {
                        @Override
                        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
                            ctx.channel().attr(REPLY).getAndSet(null).complete(ByteBufUtil.getBytes(frame));
                        }
                    });
            }
        }, poolSize);
    }

    /** Sends one message on a pooled channel and waits for its reply. */
    byte[] request(byte[] message, Duration timeout) throws Exception {
        Channel channel = this.pool.acquire().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        try {
            CompletableFuture<byte[]> reply = new CompletableFuture<>();
            channel.attr(REPLY).set(reply);
            channel.writeAndFlush(Unpooled.wrappedBuffer(message));
            return reply.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        finally {
            this.pool.release(channel);
        }
    }

    @Override
    public void close() {
        this.pool.close();
        this.group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
