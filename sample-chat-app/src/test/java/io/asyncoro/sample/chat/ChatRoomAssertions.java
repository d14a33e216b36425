package io.asyncoro.sample.chat;

import java.time.Duration;

import static org.awaitility.Awaitility.await;

/** Waits on the room of the application under test. */
final class ChatRoomAssertions {

    private ChatRoomAssertions() {
    }

    /** Waits until nobody is in the room, so that a test starts without another test's members leaving. */
    static void awaitEmpty(ChatRoom room) {
        await("the room to be empty").atMost(Duration.ofSeconds(15)).until(() -> room.size() == 0);
    }
}
