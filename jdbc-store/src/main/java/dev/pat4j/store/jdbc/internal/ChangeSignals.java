package dev.pat4j.store.jdbc.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wake-up subscriptions of one store. With a {@link PgNotificationListener}, its thread
 * runs while at least one subscriber is registered, so a store nobody follows holds no
 * connection. Subscribers run on the listener's thread (or on the committing thread for local
 * wake-ups) and must be quick; one that throws is logged and the others still run.
 */
public final class ChangeSignals {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeSignals.class);

    private final List<Runnable> subscribers = new CopyOnWriteArrayList<>();
    private final PgNotificationListener listener; // null: no push from the database
    private boolean closed; // guarded by this

    private ChangeSignals(DataSource listenOn) {
        this.listener = listenOn == null ? null : new PgNotificationListener(listenOn, ChangeFeed.CHANNEL, this::fire);
    }

    /** Signals that only {@link #fire()} raises. */
    public static ChangeSignals local() {
        return new ChangeSignals(null);
    }

    /** Signals raised by PostgreSQL notifications on the change channel, received over {@code dataSource}. */
    public static ChangeSignals listeningOn(DataSource dataSource) {
        return new ChangeSignals(dataSource);
    }

    /** Registers a wake-up; the handle unregisters it. After {@link #close()}, registers nothing. */
    public synchronized AutoCloseable subscribe(Runnable wakeUp) {
        if (closed) {
            return () -> { };
        }
        subscribers.add(wakeUp);
        if (listener != null) {
            listener.start();
        }
        return () -> unsubscribe(wakeUp);
    }

    private synchronized void unsubscribe(Runnable wakeUp) {
        if (subscribers.remove(wakeUp) && subscribers.isEmpty() && listener != null) {
            listener.stop();
        }
    }

    /** Runs every subscriber once. */
    public void fire() {
        for (Runnable wakeUp : subscribers) {
            try {
                wakeUp.run();
            } catch (RuntimeException e) {
                LOG.warn("a change wake-up failed", e);
            }
        }
    }

    /** Whether the database listener currently LISTENs. */
    public boolean listening() {
        return listener != null && listener.listening();
    }

    /** Drops every subscriber and stops the listener thread. */
    public void close() {
        synchronized (this) {
            closed = true;
            subscribers.clear();
        }
        if (listener != null) {
            listener.stop();
        }
    }
}
