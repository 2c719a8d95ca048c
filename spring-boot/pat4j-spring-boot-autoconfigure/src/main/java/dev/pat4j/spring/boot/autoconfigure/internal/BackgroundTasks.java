package dev.pat4j.spring.boot.autoconfigure.internal;

import dev.pat4j.spring.boot.autoconfigure.Pat4jBackgroundTask;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the {@link Pat4jBackgroundTask} beans on one daemon thread from the end of start-up to the
 * start of shutdown, before the beans they use are destroyed. Thread-safe.
 */
public final class BackgroundTasks implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundTasks.class);

    private final List<Pat4jBackgroundTask> tasks;
    private ScheduledThreadPoolExecutor executor; // guarded by this

    public BackgroundTasks(List<Pat4jBackgroundTask> tasks) {
        this.tasks = List.copyOf(tasks);
    }

    @Override
    public synchronized void start() {
        if (executor != null || tasks.isEmpty()) {
            return;
        }
        executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "pat4j-spring-tasks");
            t.setDaemon(true);
            return t;
        });
        for (Pat4jBackgroundTask task : tasks) {
            executor.scheduleWithFixedDelay(() -> run(task), 0, task.interval().toMillis(), TimeUnit.MILLISECONDS);
            LOG.debug("pat4j task '{}' scheduled every {}", task.name(), task.interval());
        }
    }

    private static void run(Pat4jBackgroundTask task) {
        try {
            task.work().run();
        } catch (RuntimeException e) {
            // a store outage must not end the schedule: the next run tries again
            LOG.warn("pat4j task '{}' failed; it runs again in {}: {}", task.name(), task.interval(), e.getMessage());
        }
    }

    @Override
    public synchronized void stop() {
        if (executor == null) {
            return;
        }
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }

    /** The task names, for tests and diagnostics. */
    public List<String> names() {
        return tasks.stream().map(Pat4jBackgroundTask::name).toList();
    }
}
