package io.asyncoro.net.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;

/** Validation of length-field layouts: every bad setting is refused by name. */
class LengthFieldSpecTest {

    @Test
    void theDefaultsAreAsyncorosMessageLayout() {
        LengthFieldSpec spec = LengthFieldSpec.builder().build();
        assertThat(spec).isEqualTo(new LengthFieldSpec("length-field", 0, 4, ByteOrder.BIG_ENDIAN, 0, false, 4,
                1 << 20));
        assertThat(spec.headerLength()).isEqualTo(4);
        assertThat(spec.encodable()).isTrue();
    }

    @Test
    void theDefaultStripIsTheWholeHeaderOffsetIncluded() {
        LengthFieldSpec spec = LengthFieldSpec.builder().lengthFieldOffset(3).lengthFieldLength(2).build();
        assertThat(spec.initialBytesToStrip()).isEqualTo(5);
        assertThat(spec.encodable()).as("the 3 bytes before the field would be lost").isFalse();
        assertThat(LengthFieldSpec.builder().lengthFieldOffset(3).initialBytesToStrip(0).build().encodable()).isTrue();
    }

    @Test
    void eachBadSettingIsNamed() {
        assertThatThrownBy(() -> LengthFieldSpec.builder().lengthFieldLength(5).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("lengthFieldLength must be 1, 2, 3, 4 or 8: 5");
        assertThatThrownBy(() -> LengthFieldSpec.builder().lengthFieldLength(0).build())
                .hasMessageStartingWith("lengthFieldLength");
        assertThatThrownBy(() -> LengthFieldSpec.builder().lengthFieldOffset(-1).build())
                .hasMessage("lengthFieldOffset must be >= 0: -1");
        assertThatThrownBy(() -> LengthFieldSpec.builder().lengthFieldOffset(Integer.MAX_VALUE).build())
                .hasMessageStartingWith("lengthFieldOffset is too large");
        assertThatThrownBy(() -> LengthFieldSpec.builder().initialBytesToStrip(-2).build())
                .hasMessage("initialBytesToStrip must be >= 0: -2");
        assertThatThrownBy(() -> LengthFieldSpec.builder().maxSize(-1).build())
                .hasMessage("maxSize must be between 0 and 2147483639: -1");
        assertThatThrownBy(() -> LengthFieldSpec.builder().maxSize(Integer.MAX_VALUE).build())
                .hasMessageStartingWith("maxSize");
        assertThatThrownBy(() -> LengthFieldSpec.builder().byteOrder(null).build())
                .isInstanceOf(NullPointerException.class).hasMessage("byteOrder");
        assertThatThrownBy(() -> LengthFieldSpec.builder().name(" ").build()).hasMessage("name must not be blank");
    }

    @Test
    void theNameIsWhatErrorsStartWith() {
        Codec codec = Codecs.lengthField(LengthFieldSpec.builder().name("telemetry").maxSize(1).build());
        assertThat(codec.name()).isEqualTo("telemetry");
        assertThatThrownBy(() -> codec.newDecoder().decode(Streams.buffer(Streams.bytes(0, 0, 0, 2))))
                .hasMessageStartingWith("telemetry framing: ");
    }
}
