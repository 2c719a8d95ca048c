package dev.pat4j.store.jdbc.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A daemon thread that holds one dedicated connection to PostgreSQL, LISTENs on the change
 * channel and runs a wake-up whenever a notification arrives. The PostgreSQL driver is the
 * application's, so {@code org.postgresql.PGConnection#getNotifications(int)} is reached
 * through {@link Connection#unwrap} and reflection; core needs only {@code java.sql}.
 * When the connection breaks it reconnects with exponential backoff and wakes its subscriber
 * once connected, since notifications sent meanwhile are lost. Notifications only make nodes
 * learn of changes sooner: polling the change feed stays the guarantee.
 */
public final class PgNotificationListener {
    private static final Logger LOG = LoggerFactory.getLogger(PgNotificationListener.class);
    private static final String PG_CONNECTION = "org.postgresql.PGConnection";
    private static final int WAIT_MILLIS = 250;
    private static final long LIVENESS_CHECK_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long MIN_BACKOFF_MILLIS = 100;
    private static final long MAX_BACKOFF_MILLIS = 5_000;

    private final DataSource dataSource;
    private final String channel;
    private final Runnable wakeUp;
    private Worker worker; // guarded by this

    public PgNotificationListener(DataSource dataSource, String channel, Runnable wakeUp) {
        this.dataSource = dataSource;
        this.channel = channel;
        this.wakeUp = wakeUp;
    }

    /** Starts the thread if it is not running. */
    public synchronized void start() {
        if (worker != null) {
            return;
        }
        worker = new Worker();
        Thread thread = new Thread(worker, "pat4j-pg-listener");
        thread.setDaemon(true);
        worker.thread = thread;
        thread.start();
    }

    /** Stops the thread and waits briefly for it to release its connection. */
    public void stop() {
        Worker stopping;
        synchronized (this) {
            stopping = worker;
            worker = null;
        }
        if (stopping == null) {
            return;
        }
        stopping.running = false;
        stopping.thread.interrupt();
        if (stopping.thread == Thread.currentThread()) {
            return; // stopped from a wake-up: the loop ends when the wake-up returns
        }
        try {
            stopping.thread.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the thread currently holds a connection that LISTENs (for tests and diagnostics). */
    public synchronized boolean listening() {
        return worker != null && worker.listening;
    }

    private final class Worker implements Runnable {
        volatile boolean running = true;
        volatile boolean listening;
        Thread thread;

        @Override
        public void run() {
            long backoff = MIN_BACKOFF_MILLIS;
            boolean failing = false;
            while (running) {
                try (Connection c = dataSource.getConnection()) {
                    Method getNotifications = listen(c);
                    Object pg = c.unwrap(getNotifications.getDeclaringClass());
                    listening = true;
                    if (failing) {
                        LOG.info("listening for token changes again");
                        failing = false;
                    }
                    backoff = MIN_BACKOFF_MILLIS;
                    wakeUp.run(); // changes committed while nobody listened sent no notification here
                    receive(c, pg, getNotifications);
                } catch (UnsupportedDriverException e) {
                    LOG.warn("LISTEN/NOTIFY is off: {}; nodes learn of changes by polling only", e.getMessage());
                    return;
                } catch (SQLException | RuntimeException e) {
                    if (running && !failing) {
                        LOG.warn("lost the connection that listens for token changes; polling continues,"
                                + " reconnecting ({})", e.getMessage());
                        failing = true;
                    }
                } finally {
                    listening = false;
                }
                backoff = pause(backoff);
            }
        }

        private Method listen(Connection c) throws SQLException {
            Method getNotifications = notificationMethod(c);
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("LISTEN " + channel);
            }
            return getNotifications;
        }

        private void receive(Connection c, Object pg, Method getNotifications) throws SQLException {
            long lastCheck = System.nanoTime();
            while (running) {
                Object[] received = await(pg, getNotifications);
                if (received != null && received.length > 0) {
                    wakeUp.run();
                }
                if (System.nanoTime() - lastCheck > LIVENESS_CHECK_NANOS) {
                    // A silently dead peer never errors a read that times out; a query does.
                    try (Statement s = c.createStatement()) {
                        s.execute("SELECT 1");
                    }
                    lastCheck = System.nanoTime();
                }
            }
        }

        private long pause(long backoff) {
            if (!running) {
                return backoff;
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                running = false;
            }
            return Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
        }
    }

    private static Object[] await(Object pg, Method getNotifications) throws SQLException {
        try {
            return (Object[]) getNotifications.invoke(pg, WAIT_MILLIS);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw new IllegalStateException("getNotifications failed", e.getCause());
        } catch (IllegalAccessException e) {
            throw new UnsupportedDriverException("cannot call " + PG_CONNECTION + ".getNotifications");
        }
    }

    private static Method notificationMethod(Connection c) throws SQLException {
        Class<?> type = pgConnectionType(c);
        if (!c.isWrapperFor(type)) {
            throw new UnsupportedDriverException("the connection does not unwrap to " + PG_CONNECTION);
        }
        try {
            return type.getMethod("getNotifications", int.class);
        } catch (NoSuchMethodException e) {
            throw new UnsupportedDriverException("the PostgreSQL driver is older than 42.0");
        }
    }

    /** The driver's interface, from whichever class loader can see it (pools may wrap connections). */
    private static Class<?> pgConnectionType(Connection c) {
        ClassLoader[] loaders = {c.getClass().getClassLoader(), Thread.currentThread().getContextClassLoader(),
                PgNotificationListener.class.getClassLoader()};
        for (ClassLoader loader : loaders) {
            if (loader == null) {
                continue;
            }
            try {
                return Class.forName(PG_CONNECTION, false, loader);
            } catch (ClassNotFoundException e) {
                // try the next loader
            }
        }
        throw new UnsupportedDriverException(PG_CONNECTION + " is not on the class path");
    }

    /** The driver cannot deliver notifications; retrying would not help. */
    private static final class UnsupportedDriverException extends RuntimeException {
        UnsupportedDriverException(String message) {
            super(message);
        }
    }
}
