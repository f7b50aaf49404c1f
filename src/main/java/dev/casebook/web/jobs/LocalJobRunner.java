package dev.casebook.web.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.casebook.core.heap.graph.AnalysisCancelledException;
import dev.casebook.core.heap.graph.AnalysisPhase;
import dev.casebook.core.heap.analysis.InsufficientHeapException;
import dev.casebook.core.heap.graph.DumpFormatException;
import dev.casebook.core.heap.warmup.AnalysisWarmUp;
import dev.casebook.web.config.CasebookConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Runs jobs on a fixed pool of workers, in the order they were accepted, and keeps their records
 * honest across restarts: at start-up, queued jobs are queued again and a job that was running is
 * started again (up to {@code casebook.jobs.max-attempts} times, then failed with the reason), so no job
 * stays "running" forever. Cancellation is cooperative: a flag the reader checks as it goes. Progress
 * lives in memory and is shown while a job runs; state changes are written to the store.
 */
public final class LocalJobRunner implements JobRunner {

    private static final Logger LOG = Logger.getLogger(LocalJobRunner.class);

    private final FileJobStore store;
    private final ObjectMapper mapper;
    private final Settings config;
    private final Clock clock;
    private final JobEvents events;
    private final ThreadPoolExecutor workers;
    private final IdleCollector idleCollector;
    private final Map<String, AtomicBoolean> cancels = new ConcurrentHashMap<>();
    private final Map<String, Progress> progress = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    /** Places held by uploads under way, per owner (guarded by this runner). */
    private final Map<String, Integer> admitting = new HashMap<>();
    private volatile boolean stopping;

    public LocalJobRunner(FileJobStore store, ObjectMapper mapper, Settings config, Clock clock) {
        this(store, mapper, config, clock, JobEvents.none());
    }

    public LocalJobRunner(FileJobStore store, ObjectMapper mapper, Settings config, Clock clock, JobEvents events) {
        this.store = store;
        this.mapper = mapper;
        this.config = config;
        this.clock = clock;
        this.events = events;
        this.idleCollector = IdleCollector.systemGc(config.releaseMemoryAfter());
        AtomicInteger n = new AtomicInteger();
        this.workers = config.workers() == 0 ? null : new ThreadPoolExecutor(config.workers(), config.workers(), 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "casebook-job-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /** Re-queues what an earlier run left queued or running; called once at start-up. */
    @Override
    public void resume() throws IOException {
        List<JobRecord> oldestFirst = new java.util.ArrayList<>(store.all());
        java.util.Collections.reverse(oldestFirst);
        for (JobRecord job : oldestFirst) {
            if (job.state() == JobState.RUNNING) {
                if (job.attempts() >= config.maxAttempts()) {
                    store.update(job.failed("The analysis was interrupted",
                            "the service stopped while analysing this dump " + job.attempts()
                                    + " times; it is not started again (a dump that exhausts memory can do this)", now()));
                    events.finished(job, JobState.FAILED, null);
                    LOG.warnf("Job %s failed: interrupted %d times", job.id(), job.attempts());
                    continue;
                }
                job = job.requeued();
                store.update(job);
                LOG.infof("Job %s was running when the service stopped; it runs again", job.id());
            }
            if (job.state() == JobState.QUEUED) {
                schedule(job.id());
            }
        }
    }

    /**
     * A place in the queue, held from before an upload is read until its job is created (or the upload
     * fails): uploads arriving together cannot all pass a check that only counts jobs already stored.
     */
    private final class LocalAdmission implements Admission {
        private final String owner;
        private boolean closed;

        private LocalAdmission(String owner) {
            this.owner = owner;
        }

        @Override
        public String owner() {
            return owner;
        }

        @Override
        public void close() {
            synchronized (LocalJobRunner.this) {
                if (!closed) {
                    closed = true;
                    admitting.merge(owner, -1, (a, b) -> a + b == 0 ? null : a + b);
                }
            }
        }
    }

    /**
     * Holds a place for a new job, or refuses it ({@link TooManyJobsException}, {@link QueueFullException})
     * when its owner already has enough under way or the queue is full. Close the admission once the job is
     * stored (or not).
     */
    @Override
    public synchronized Admission admit(String owner) {
        List<JobRecord> all = store.all();
        long active = all.stream().filter(j -> j.owner().equals(owner) && !j.state().isFinal()).count()
                + admitting.getOrDefault(owner, 0);
        if (active >= config.maxActivePerOwner()) {
            throw new TooManyJobsException(active, config.maxActivePerOwner(), config.retryAfterSeconds());
        }
        long queued = all.stream().filter(j -> j.state() == JobState.QUEUED).count()
                + admitting.values().stream().mapToInt(Integer::intValue).sum();
        if (queued >= config.queueSize()) {
            throw new QueueFullException(queued, config.retryAfterSeconds());
        }
        admitting.merge(owner, 1, Integer::sum);
        return new LocalAdmission(owner);
    }

    /** Refuses as {@link #admit} would, without holding a place: for a refusal before an upload is read. */
    @Override
    public void checkRoom(String owner) {
        admit(owner).close();
    }

    /**
     * Runs {@link AnalysisWarmUp} on a worker ahead of any job, so that the first dump analysed after a
     * start runs compiled code (about a third faster than a fresh JVM's first analysis; see HeapBenchmark).
     * A failure only costs that speed, so it is logged and the service goes on.
     */
    @Override
    public void warmUp(Path scratchDir, int rounds) {
        if (workers == null || rounds == 0) {
            return;
        }
        workers.execute(WarmUpTask.of(scratchDir, rounds, () -> stopping));
    }

    @Override
    public void submit(JobRecord job) {
        schedule(job.id());
    }

    private void schedule(String id) {
        cancels.put(id, new AtomicBoolean());
        if (workers != null) { // paused (no workers): the job waits in the store for a restart with workers
            workers.execute(() -> run(id));
        }
    }

    /** The progress of a running job, or null. */
    @Override
    public Progress progress(String id) {
        return progress.get(id);
    }

    /**
     * Cancels a queued or running job (its record says cancelled, its dump and result are deleted) or,
     * for a finished job, deletes it entirely. Returns false when there is no such job.
     */
    @Override
    public boolean cancelOrDelete(String id) throws IOException {
        synchronized (lock(id)) {
            JobRecord job = store.find(id).orElse(null);
            if (job == null) {
                return false;
            }
            if (job.state().isFinal()) {
                store.delete(id);
                locks.remove(id);
                return true;
            }
            AtomicBoolean flag = cancels.get(id);
            if (flag != null) {
                flag.set(true);
            }
            store.update(job.withState(JobState.CANCELLED, now()));
            events.finished(job, JobState.CANCELLED, null);
            store.deleteData(id);
            progress.remove(id);
            return true;
        }
    }

    private void run(String id) {
        AtomicBoolean cancelled = cancels.computeIfAbsent(id, k -> new AtomicBoolean());
        JobRecord job;
        synchronized (lock(id)) {
            job = store.find(id).orElse(null);
            if (job == null || job.state() != JobState.QUEUED || cancelled.get() || stopping) {
                cancels.remove(id);
                return;
            }
            job = write(job.withState(JobState.RUNNING, now()));
        }
        idleCollector.busy();
        progress.put(id, new Progress(AnalysisPhase.INDEXING.apiName(), 0));
        long start = System.nanoTime();
        long deadline = start + config.timeLimit().toNanos();
        try {
            HeapAnalysis.Outcome outcome = HeapAnalysis.run(store.dump(id), job.format(), job.query(),
                    () -> cancelled.get() || stopping || System.nanoTime() - deadline > 0,
                    (phase, percent) -> progress.put(id, new Progress(phase.apiName(), percent)));
            synchronized (lock(id)) {
                if (!cancelled.get()) {
                    store.saveDominators(id, outcome.dominatorIndex());
                    store.saveCensus(id, outcome.census());
                    store.saveResult(id, mapper.writeValueAsBytes(outcome.result()));
                    write(job.withState(JobState.SUCCEEDED, now()));
                    events.finished(job, JobState.SUCCEEDED, since(start));
                }
            }
        } catch (AnalysisCancelledException e) {
            if (cancelled.get()) {
                return; // its owner cancelled it: the record already says so
            }
            if (stopping) {
                synchronized (lock(id)) {
                    // Stopped by a shutdown, not by its owner: back to the queue, this start not counted.
                    write(job.requeued(Math.max(0, job.attempts() - 1)));
                }
            } else {
                JobFailure late = JobFailure.tookTooLong(config.timeLimit());
                fail(id, job, since(start), late.title(), late.detail());
            }
        } catch (DumpFormatException | InsufficientHeapException | OutOfMemoryError e) {
            JobFailure failure = JobFailure.of(e);
            fail(id, job, since(start), failure.title(), failure.detail());
        } catch (IOException | RuntimeException e) {
            if (cancelled.get()) {
                // Its owner cancelled it and its dump is gone: nothing failed.
                return;
            }
            LOG.errorf(e, "Job %s failed", id);
            JobFailure failure = JobFailure.of(e);
            fail(id, job, since(start), failure.title(), failure.detail());
        } finally {
            progress.remove(id);
            cancels.remove(id);
            dropDumpIfFinal(id);
            releaseMemory();
        }
    }

    /**
     * An analysis allocates a few hundred bytes per object in short-lived arrays, and the JVM would keep
     * the heap it grew for them: a full collection once the service has had nothing to do for a while gives
     * that memory back to the system ({@link IdleCollector}), so its footprint between bursts of jobs is its
     * idle one. Not while another job waits or runs: that one would pause for the collection and then pay
     * again to grow the heap it is about to need.
     */
    private void releaseMemory() {
        if (workers != null && workers.getQueue().isEmpty() && workers.getActiveCount() <= 1) {
            idleCollector.idle();
        }
    }

    /** A finished job's dump is deleted at once (unless kept): it holds everything the process held. */
    private void dropDumpIfFinal(String id) {
        if (config.keepDumps()) {
            return;
        }
        synchronized (lock(id)) {
            if (store.find(id).map(j -> j.state().isFinal()).orElse(false)) {
                try {
                    store.deleteDump(id);
                } catch (IOException e) {
                    LOG.warnf("Job %s: its dump could not be deleted (%s); the purge tries again", id, e.getMessage());
                }
            }
        }
    }

    /**
     * Deletes finished jobs older than the retention, with their results, and the dumps of finished jobs
     * that a crash left behind. Returns how many jobs were deleted.
     */
    @Override
    public int purgeExpired() {
        Instant cutoff = now().minus(config.retention());
        int deleted = 0;
        for (JobRecord job : store.all()) {
            if (!job.state().isFinal()) {
                continue;
            }
            synchronized (lock(job.id())) {
                try {
                    Instant ended = job.finishedAt() != null ? job.finishedAt() : job.createdAt();
                    if (ended.isBefore(cutoff)) {
                        store.delete(job.id());
                        locks.remove(job.id());
                        deleted++;
                    } else if (!config.keepDumps() && Files.exists(store.dump(job.id()))) {
                        store.deleteDump(job.id());
                    }
                } catch (IOException e) {
                    LOG.warnf("Job %s could not be purged (%s); the next purge tries again", job.id(), e.getMessage());
                }
            }
        }
        if (deleted > 0) {
            LOG.infof("Purged %d jobs finished before %s (casebook.jobs.retention)", deleted, cutoff);
        }
        return deleted;
    }

    private void fail(String id, JobRecord job, Duration analysis, String title, String detail) {
        synchronized (lock(id)) {
            if (store.find(id).map(j -> j.state() == JobState.RUNNING).orElse(false)) {
                write(job.failed(title, detail, now()));
                events.finished(job, JobState.FAILED, analysis);
            }
        }
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private JobRecord write(JobRecord job) {
        try {
            store.update(job);
            return job;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Object lock(String id) {
        return locks.computeIfAbsent(id, k -> new Object());
    }

    private Instant now() {
        return clock.instant();
    }

    /** Stops the workers; running jobs go back to the queue for the next start. */
    @Override
    public void close() {
        stopping = true;
        idleCollector.close();
        if (workers == null) {
            return;
        }
        workers.shutdown();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("Jobs still running after 10 s; they run again at the next start");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
