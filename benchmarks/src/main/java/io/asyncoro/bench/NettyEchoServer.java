package io.asyncoro.bench;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

import javax.net.ssl.SSLContext;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.DelimiterBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

/**
 * {@code netty}: Netty 4.2 with epoll where available (NIO otherwise), the pooled allocator set explicitly,
 * {@link LengthFieldBasedFrameDecoder}/{@link LengthFieldPrepender} in framed mode, and auto-read off while a
 * channel is not writable. TLS comes from the JDK ({@code netty}) or from OpenSSL through netty-tcnative
 * ({@code netty-openssl}).
 */
final class NettyEchoServer implements CodecEchoServer {

    private static final ByteBuf CRLF = Unpooled.unreleasableBuffer(
            Unpooled.wrappedBuffer(new byte[] { '\r', '\n' }).asReadOnly());

    private final EventLoopGroup group;
    private final Class<? extends ServerChannel> channelType;
    private final String transport;
    private final SslProvider sslProvider;

    NettyEchoServer(SslProvider sslProvider) {
        this.sslProvider = sslProvider;
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        // As many event loops as CPUs the process may use (the server is pinned to one).
        this.group = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(), io);
        this.channelType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        this.transport = epoll ? "epoll" : "nio";
    }

    String transport() {
        // One token: the READY line is key=value pairs, and "tls" is the TLS listener's port.
        return transport + (sslProvider == SslProvider.JDK ? "" : "+" + sslProvider.name().toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public int listen(boolean framed, SSLContext tls) throws Exception {
        SslContext ssl = tls == null ? null
                : SslContextBuilder.forServer(Tls.keyManagers()).sslProvider(sslProvider).protocols(Tls.PROTOCOL)
                        .clientAuth(ClientAuth.NONE).build();
        return bind(ch -> {
            ChannelPipeline p = ch.pipeline();
            if (ssl != null) {
                p.addLast(ssl.newHandler(ch.alloc()));
            }
            if (framed) {
                p.addLast(new LengthFieldBasedFrameDecoder(MAX_FRAME, 0, 4, 0, 4));
                p.addLast(new LengthFieldPrepender(4));
            }
            p.addLast(Echo.INSTANCE);
        });
    }

    @Override
    public int listenCodec(Framing framing) throws Exception {
        return bind(ch -> {
            ChannelPipeline p = ch.pipeline();
            switch (framing) {
                case LEN2 -> {
                    p.addLast(new LengthFieldBasedFrameDecoder(0xFFFF, 0, 2, 0, 2));
                    p.addLast(new LengthFieldPrepender(2));
                }
                case CRLF -> {
                    // CRLF only, as core's Codecs.crlf (Delimiters.lineDelimiter() would also end a frame at LF).
                    p.addLast(new DelimiterBasedFrameDecoder(MAX_FRAME, true, CRLF.duplicate()));
                    p.addLast(CrlfAppender.INSTANCE);
                }
                default -> throw new IllegalArgumentException("no codec echo for " + framing);
            }
            p.addLast(Echo.INSTANCE);
        });
    }

    private int bind(java.util.function.Consumer<SocketChannel> pipeline) throws InterruptedException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(channelType)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        pipeline.accept(ch);
                    }
                });
        Channel channel = bootstrap.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** Ends each outgoing frame with CRLF, as {@code LengthFieldPrepender} starts one with its length. */
    @ChannelHandler.Sharable
    static final class CrlfAppender extends MessageToMessageEncoder<ByteBuf> {

        static final CrlfAppender INSTANCE = new CrlfAppender();

        @Override
        protected void encode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
            out.add(frame.retain());
            out.add(CRLF.duplicate());
        }
    }

    /** Writes back every message (a frame, or whatever bytes arrived) and flushes once per read batch. */
    @ChannelHandler.Sharable
    static final class Echo extends ChannelInboundHandlerAdapter {

        static final Echo INSTANCE = new Echo();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.write(msg, ctx.voidPromise());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            // Back-pressure: stop reading while the peer is not taking our writes.
            ctx.channel().config().setAutoRead(ctx.channel().isWritable());
            if (!ctx.channel().isWritable()) {
                ctx.flush();
            }
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close().addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        }
    }
}
