package dev.pat4j.internal;

import dev.pat4j.event.TokenEvent;
import dev.pat4j.event.TokenEventListener;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Delivers events to every listener; a listener that throws is logged and skipped. */
public final class EventDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);

    private final List<TokenEventListener> listeners;

    public EventDispatcher(List<TokenEventListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    void dispatch(TokenEvent event) {
        for (TokenEventListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                LOG.warn("event listener {} failed on {} for token {}", listener.getClass().getName(),
                        event.getClass().getSimpleName(), event.token().id(), e);
            }
        }
    }
}
