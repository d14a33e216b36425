package io.asyncoro.net.codec;

import java.util.function.Supplier;

/** A codec assembled from its parts; what every factory in {@link Codecs} returns. */
record SimpleCodec(String name, Supplier<FrameDecoder> decoders, FrameEncoder encoder) implements Codec {

    @Override
    public FrameDecoder newDecoder() {
        return decoders.get();
    }

    @Override
    public String toString() {
        return name + " codec";
    }
}
