package io.asyncoro.sample.chat;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Timeout;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The chat app as it ships, on free ports: the chat server on {@code asyncoro.servers.chat.port=0} and the
 * actuator on a random HTTP port. Every test class with this annotation shares one application context, and
 * so one room: tests wait for it to be empty before they start ({@link ChatRoomAssertions#awaitEmpty}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "asyncoro.servers.chat.port=0")
@Timeout(60)
@interface ChatAppTest {
}
