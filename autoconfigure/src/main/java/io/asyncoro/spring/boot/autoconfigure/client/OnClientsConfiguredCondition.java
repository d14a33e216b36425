package io.asyncoro.spring.boot.autoconfigure.client;

import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when at least one client is configured under {@code asyncoro.clients}. */
class OnClientsConfiguredCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Map<String, AsyncoroClientProperties.Client> clients = Binder.get(context.getEnvironment())
            .bind("asyncoro.clients", Bindable.mapOf(String.class, AsyncoroClientProperties.Client.class))
            .orElse(Map.of());
        return clients.isEmpty() ? ConditionOutcome.noMatch("no asyncoro.clients configured")
                : ConditionOutcome.match("asyncoro.clients " + clients.keySet());
    }
}
