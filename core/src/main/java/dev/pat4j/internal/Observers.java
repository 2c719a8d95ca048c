package dev.pat4j.internal;

import dev.pat4j.Pat4jObserver;
import dev.pat4j.validation.ValidationResult;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registered {@link Pat4jObserver}s as one: each is told in turn, and one that throws is
 * skipped, logged at WARN the first time and at DEBUG after that (it is called on every check, so
 * a broken one must not flood the log). Thread-safe.
 */
public final class Observers implements Pat4jObserver {
    private static final Logger LOG = LoggerFactory.getLogger(Observers.class);

    private final List<Pat4jObserver> observers;
    private final AtomicBoolean warned = new AtomicBoolean();

    public Observers(List<Pat4jObserver> observers) {
        this.observers = List.copyOf(observers);
    }

    /** Whether no observer is registered: callers then skip timing and reporting. */
    public boolean none() {
        return observers.isEmpty();
    }

    @Override
    public void checked(ValidationResult result, Lookup lookup) {
        for (Pat4jObserver o : observers) {
            try {
                o.checked(result, lookup);
            } catch (RuntimeException e) {
                failed(o, e);
            }
        }
    }

    @Override
    public void storeCalled(String operation, long nanos, boolean failed) {
        for (Pat4jObserver o : observers) {
            try {
                o.storeCalled(operation, nanos, failed);
            } catch (RuntimeException e) {
                failed(o, e);
            }
        }
    }

    private void failed(Pat4jObserver observer, RuntimeException e) {
        if (warned.compareAndSet(false, true)) {
            LOG.warn("observer {} failed; it is skipped whenever it fails (later failures at DEBUG)",
                    observer.getClass().getName(), e);
        } else {
            LOG.debug("observer {} failed: {}", observer.getClass().getName(), e.toString());
        }
    }
}
