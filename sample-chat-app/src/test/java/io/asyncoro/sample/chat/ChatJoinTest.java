package io.asyncoro.sample.chat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import io.asyncoro.spring.boot.test.LocalAsyncoroServerPort;

/**
 * A newcomer is a member by the time anyone hears it joined: whoever answers the join notice at once reaches it.
 * The bus holds the join between the members hearing it and the room's last step, where a descheduled thread
 * can stall it too.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "asyncoro.servers.chat.port=0")
@Timeout(60)
class ChatJoinTest {

    @LocalAsyncoroServerPort("chat")
    int port;

    @Autowired
    JoinHoldingCluster bus;

    @Test
    void aMemberAnsweringAJoinNoticeAtOnceReachesTheNewcomer() throws Exception {
        try (ChatTestClient a = ChatTestClient.join(this.port)) {
            this.bus.holdNextJoin();
            try (ChatTestClient b = ChatTestClient.join(this.port)) {
                a.expect(b.number() + " joined");
                a.say("welcome");
                b.expect(a.number() + " says: welcome");
            }
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class HoldingBus {

        @Bean
        JoinHoldingCluster joinHoldingCluster() {
            return new JoinHoldingCluster();
        }
    }
}
