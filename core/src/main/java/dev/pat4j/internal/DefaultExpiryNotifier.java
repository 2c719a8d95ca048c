package dev.pat4j.internal;

import dev.pat4j.event.TokenEvent;
import dev.pat4j.lifecycle.ExpiryNotifier;
import dev.pat4j.lifecycle.TokenInfo;
import dev.pat4j.store.StoredToken;
import dev.pat4j.store.TokenStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The expiry notifier of a store without an outbox: claims each token's expiry flag in the store
 * before firing the event, so racing nodes announce a token once. There is nothing to deliver
 * and so nothing to lose; with an outbox, {@link ExpiryNoticeRaiser} raises notices instead.
 */
public final class DefaultExpiryNotifier implements ExpiryNotifier {
    private final TokenStore store;
    private final Clock clock;
    private final Duration window;
    private final TokenViews views;
    private final EventDispatcher events;

    public DefaultExpiryNotifier(TokenStore store, Clock clock, Duration window, TokenViews views,
                                 EventDispatcher events) {
        this.store = store;
        this.clock = clock;
        this.window = window;
        this.views = views;
        this.events = events;
    }

    @Override
    public List<TokenInfo> run() {
        Instant now = clock.instant();
        Instant to = SaturatingTime.plus(now, window);
        List<TokenInfo> announced = new ArrayList<>();
        for (StoredToken t : store.findExpiring(now, to)) {
            if (!t.expiryNotified() && store.claimExpiryNotice(t.id(), t.expiresAt())) {
                TokenInfo info = views.info(t, now);
                events.dispatch(new TokenEvent.ExpiringSoon(info, now));
                announced.add(info);
            }
        }
        return announced;
    }
}
