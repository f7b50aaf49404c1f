package dev.casebook.web.jobs;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Gives back the heap analyses grew, with one full collection, once the service has had nothing to run for a
 * while ({@code casebook.jobs.release-memory-after}). Not after every job: a client that sends its dumps one
 * after another would then pay, in every job, for growing the heap again (TriageBenchmark: 2.0 s instead of
 * 1.2 s for a 5M-object dump). Once per idle spell; work that starts in the meantime calls it off.
 */
public final class IdleCollector implements AutoCloseable {

    private final long afterNanos;
    private final Runnable collect;
    private final ScheduledExecutorService timer;
    /** Counts the starts of work, so that a collection due from an earlier idle spell sees it is stale. */
    private long spell;
    private boolean collected = true;
    private ScheduledFuture<?> due;

    public IdleCollector(Duration after, Runnable collect) {
        this.afterNanos = after.toNanos();
        this.collect = collect;
        this.timer = afterNanos == 0 ? null : Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "casebook-idle-collector");
            t.setDaemon(true);
            return t;
        });
    }

    /** The service's collection: {@code System.gc()}, after {@code after} of idleness. */
    public static IdleCollector systemGc(Duration after) {
        return new IdleCollector(after, System::gc);
    }

    /** Work starts (or was found): whatever collection was due is off. */
    public synchronized void busy() {
        spell++;
        collected = false;
        if (due != null) {
            due.cancel(false);
            due = null;
        }
    }

    /** Nothing runs or waits now; said as often as the caller likes, it collects once per idle spell. */
    public void idle() {
        synchronized (this) {
            if (collected || due != null) {
                return;
            }
            if (timer != null) {
                long expected = spell;
                due = timer.schedule(() -> collectIfStill(expected), afterNanos, TimeUnit.NANOSECONDS);
                return;
            }
            collected = true;
        }
        collect.run();
    }

    private void collectIfStill(long expected) {
        synchronized (this) {
            if (expected != spell || collected) {
                return;
            }
            collected = true;
            due = null;
        }
        collect.run();
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
