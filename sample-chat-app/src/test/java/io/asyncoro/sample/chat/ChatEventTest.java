package io.asyncoro.sample.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The room's events on the cluster bus: what goes out comes back the same, and anything else is refused. */
class ChatEventTest {

    @Test
    void eventsSurviveTheBusAndGiveAsyncorosTexts() {
        ChatEvent said = ChatEvent.decode(ChatEvent.said(12, "hi there: 1 2 ü").encode());
        assertThat(said).isEqualTo(ChatEvent.said(12, "hi there: 1 2 ü"));
        assertThat(said.protocolText()).isEqualTo("12 says: hi there: 1 2 ü");
        assertThat(ChatEvent.decode(ChatEvent.said(3, "").encode()).protocolText()).isEqualTo("3 says: ");
        assertThat(ChatEvent.decode(ChatEvent.joined(1_000_000_001L).encode()).protocolText())
            .isEqualTo("1000000001 joined");
        assertThat(ChatEvent.decode(ChatEvent.left(7).encode()).protocolText()).isEqualTo("7 left");
    }

    @Test
    void malformedEventsAreRefused() {
        for (String bad : new String[] { "", "J", "J1", "X1 text", "Sx text", "S 1", "J-", "S99999999999999999999 x" }) {
            assertThatIllegalArgumentException().as(bad)
                .isThrownBy(() -> ChatEvent.decode(bad.getBytes(StandardCharsets.UTF_8)));
        }
    }
}
