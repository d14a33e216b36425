package io.asyncoro.spring.event;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.context.event.GenericApplicationListenerAdapter;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.core.ResolvableType;

/**
 * Whether a context (or a parent, which receives its events too) has a listener for an event type: its
 * {@code @EventListener} methods and programmatic listeners, and its {@link ApplicationListener} beans. Asked
 * once per type when the servers start, so that events nobody listens to are never built.
 */
final class EventListenerCheck {

    private EventListenerCheck() {
    }

    static boolean hasListener(ApplicationContext context, Class<? extends ApplicationEvent> eventType) {
        ResolvableType type = ResolvableType.forClass(eventType);
        for (ApplicationContext c = context; c != null; c = c.getParent()) {
            if (c instanceof AbstractApplicationContext abstractContext) {
                for (ApplicationListener<?> listener : abstractContext.getApplicationListeners()) {
                    if (supports(listener, type)) {
                        return true;
                    }
                }
            }
            for (String name : c.getBeanNamesForType(ApplicationListener.class, true, false)) {
                if (supports(c.getBean(name, ApplicationListener.class), type)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean supports(ApplicationListener<?> listener, ResolvableType type) {
        GenericApplicationListener generic = listener instanceof GenericApplicationListener g ? g
                : new GenericApplicationListenerAdapter(listener);
        return generic.supportsEventType(type);
    }
}
