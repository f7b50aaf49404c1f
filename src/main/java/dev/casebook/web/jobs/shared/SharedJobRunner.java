package dev.casebook.web.jobs.shared;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.casebook.core.heap.analysis.InsufficientHeapException;
import dev.casebook.core.heap.graph.AnalysisCancelledException;
import dev.casebook.core.heap.graph.AnalysisPhase;
import dev.casebook.core.heap.graph.DumpFormatException;
import dev.casebook.web.jobs.HeapAnalysis;
import dev.casebook.web.jobs.IdleCollector;
import dev.casebook.web.jobs.JobEvents;
import dev.casebook.web.jobs.JobFailure;
import dev.casebook.web.jobs.JobRecord;
import dev.casebook.web.jobs.JobRunner;
import dev.casebook.web.jobs.JobState;
import dev.casebook.web.jobs.StoreUnavailableException;
import dev.casebook.web.jobs.WarmUpTask;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Runs jobs from the queue all replicas share. Each worker claims the oldest waiting job
 * ({@link PostgresJobQueue#claim}), copies its dump from the bucket to local scratch, analyses it and
 * writes the result under a prefix of its own run, then marks the job succeeded or failed: both only
 * while it still holds the lease. A heartbeat renews the lease, carries progress and learns of a
 * cancellation; a replica that cannot renew it (the job was taken over after a pause, or the database
 * was out of reach for a whole lease) stops the analysis and writes nothing. A replica that dies leaves
 * its lease to lapse, and another takes the job over. Stopping hands running jobs back to the queue.
 *
 * <p>Nothing here is local state another replica needs: progress, cancellation and results all go
 * through the database and the bucket, so any replica answers for any job.
 */
public final class SharedJobRunner implements JobRunner {

    private static final Logger LOG = Logger.getLogger(SharedJobRunner.class);
    /** How long an idle worker waits before asking the queue again; a submission to this replica wakes it at once. */
    private static final long POLL_MILLIS = 1000;
    /** Abandoned multipart uploads older than this are a dead replica's, never a live one's (16 GB at 1 MB/s is 4.5 h). */
    private static final Duration ORPHANED_UPLOAD_AGE = Duration.ofDays(1);

    /** How long a claim holds, and how often it is renewed. */
    public record Lease(Duration length, Duration heartbeat) {
        public Lease {
            if (heartbeat.isNegative() || heartbeat.isZero() || heartbeat.multipliedBy(2).compareTo(length) > 0) {
                throw new IllegalArgumentException("casebook.store.heartbeat (" + heartbeat + ") must be at most half of"
                        + " casebook.store.lease (" + length + "), so that one late heartbeat does not lose the lease");
            }
        }
    }

    private final PostgresJobQueue queue;
    private final ObjectStorage storage;
    private final ObjectMapper mapper;
    private final Settings config;
    private final Lease lease;
    private final String replica;
    private final JobEvents events;
    private final ReplicaEvents replicaEvents;
    private final ExecutorService workers;
    private final ScheduledExecutorService heartbeats;
    private final IdleCollector idleCollector;
    private final Semaphore wake = new Semaphore(0);
    private final Map<String, RunningJob> running = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    public SharedJobRunner(PostgresJobQueue queue, ObjectStorage storage, ObjectMapper mapper, Settings config, Lease lease,
            String replica, JobEvents events, ReplicaEvents replicaEvents) {
        this.queue = queue;
        this.storage = storage;
        this.mapper = mapper;
        this.config = config;
        this.lease = lease;
        this.replica = replica;
        this.events = events;
        this.replicaEvents = replicaEvents;
        AtomicInteger n = new AtomicInteger();
        this.workers = config.workers() == 0 ? null : Executors.newFixedThreadPool(config.workers(), r -> daemon(r,
                "casebook-job-" + n.incrementAndGet()));
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "casebook-heartbeat"));
        this.idleCollector = IdleCollector.systemGc(config.releaseMemoryAfter());
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** The name this replica's leases carry. */
    public String replica() {
        return replica;
    }

    /** One job this replica runs: what stops it, and what its heartbeat reports. */
    private final class RunningJob {
        final JobRecord job;
        final AtomicBoolean cancelled = new AtomicBoolean();
        final AtomicBoolean lost = new AtomicBoolean();
        /** Set before this replica's own final write: a heartbeat after it finds the lease gone, rightly. */
        volatile boolean ending;
        volatile Progress progress = new Progress(AnalysisPhase.INDEXING.apiName(), 0);
        /** When (System.nanoTime) the database last confirmed the lease, measured before asking. */
        volatile long confirmedAt = System.nanoTime();

        RunningJob(JobRecord job) {
            this.job = job;
        }

        boolean stopped() {
            return cancelled.get() || lost.get() || stopping;
        }
    }

    @Override
    public Admission admit(String owner) {
        // Checked again, with the insert, in one transaction (PostgresJobQueue.submit): replicas do not share
        // the places of uploads in flight, so two may pass here and the second be refused once its dump is in.
        checkRoom(owner);
        return new Admission() {
            @Override
            public String owner() {
                return owner;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void checkRoom(String owner) {
        try {
            queue.checkRoom(owner);
        } catch (SQLException e) {
            throw StoreUnavailableException.database(e);
        }
    }

    @Override
    public void warmUp(Path scratchDir, int rounds) {
        if (workers != null && rounds > 0) {
            workers.execute(WarmUpTask.of(scratchDir, rounds, () -> stopping));
        }
    }

    /** Starts the workers' claim loops (none when paused: {@code casebook.jobs.workers=0}). */
    @Override
    public void resume() {
        for (int i = 0; workers != null && i < config.workers(); i++) {
            workers.execute(this::claimLoop);
        }
    }

    @Override
    public void submit(JobRecord job) {
        if (wake.availablePermits() < config.workers()) {
            wake.release();
        }
    }

    private void claimLoop() {
        while (!stopping) {
            Optional<JobRecord> claimed;
            try {
                endExhausted();
                claimed = queue.claim(replica, lease.length());
            } catch (SQLException | RuntimeException e) {
                LOG.warnf("Could not ask the job queue for work (%s); trying again", e.getMessage());
                claimed = Optional.empty();
            }
            if (claimed.isEmpty()) {
                if (running.isEmpty()) {
                    // Nothing waits: the heap the last analysis grew goes back once this lasts (see IdleCollector).
                    idleCollector.idle();
                }
                try {
                    wake.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    return;
                }
                continue;
            }
            idleCollector.busy();
            JobRecord job = claimed.get();
            replicaEvents.claimed(job.attempts() > 1);
            if (job.attempts() > 1) {
                LOG.infof("Job %s: taken over (start %d; the replica that ran it stopped)", job.id(), job.attempts());
            }
            run(job);
        }
    }

    /**
     * Fails the jobs whose replicas died with them too often (the claim would fail them too, silently), so
     * that they are counted and their dumps deleted like any other job's end.
     */
    private void endExhausted() throws SQLException {
        for (JobRecord failed : queue.failExhausted()) {
            LOG.warnf("Job %s failed: its replica stopped mid-analysis %d times", failed.id(), failed.attempts());
            events.finished(failed, JobState.FAILED, null);
            if (!config.keepDumps()) {
                deleteObjectQuietly(JobObjectKeys.dump(failed.id()), failed.id());
            }
        }
    }

    private void run(JobRecord job) {
        String id = job.id();
        RunningJob r = new RunningJob(job);
        running.put(id, r);
        long every = lease.heartbeat().toMillis();
        ScheduledFuture<?> beat = heartbeats.scheduleWithFixedDelay(() -> heartbeat(r), every, every, TimeUnit.MILLISECONDS);
        long start = System.nanoTime();
        long deadline = start + config.timeLimit().toNanos();
        Path copy = null;
        boolean ended = false;
        try {
            Optional<String> dumpKey = queue.keys(id).map(PostgresJobQueue.ObjectKeys::dump);
            copy = dumpKey.isEmpty() ? null : storage.downloadToScratch(dumpKey.get()).orElse(null);
            if (copy == null) {
                ended = r.cancelled.get() || finish(r, start, new JobFailure("The dump is gone",
                        "its upload is no longer in object storage; upload it again"));
                return;
            }
            HeapAnalysis.Outcome outcome = HeapAnalysis.run(copy, job.format(), job.query(),
                    () -> r.stopped() || System.nanoTime() - deadline > 0,
                    (phase, percent) -> r.progress = new Progress(phase.apiName(), percent));
            ended = succeed(r, start, outcome);
        } catch (AnalysisCancelledException e) {
            if (r.cancelled.get() || r.lost.get()) {
                return; // cancelled (its record says so) or no longer ours: nothing to write
            }
            if (stopping) {
                handBack(r);
            } else {
                ended = finish(r, start, JobFailure.tookTooLong(config.timeLimit()));
            }
        } catch (DumpFormatException | InsufficientHeapException | OutOfMemoryError | ScratchSpaceException e) {
            ended = finish(r, start, JobFailure.of(e));
        } catch (SQLException | ObjectStorageException e) {
            // The store failed under this run, not the dump: the lease lapses and a replica takes the job over.
            LOG.warnf("Job %s: the shared store failed mid-run (%s); it runs again once its lease lapses", id, e.getMessage());
        } catch (IOException | RuntimeException e) {
            if (!r.stopped()) {
                LOG.errorf(e, "Job %s failed", id);
                ended = finish(r, start, JobFailure.of(e));
            } else if (stopping && !r.cancelled.get() && !r.lost.get()) {
                handBack(r);
            }
        } finally {
            beat.cancel(false);
            running.remove(id);
            deleteQuietly(copy);
            if (ended && !config.keepDumps()) {
                deleteObjectQuietly(JobObjectKeys.dump(id), id);
            }
        }
    }

    /** Writes the result under this run's prefix, then marks the job succeeded if it is still ours. */
    private boolean succeed(RunningJob r, long start, HeapAnalysis.Outcome outcome) throws IOException, SQLException {
        String id = r.job.id();
        String run = JobObjectKeys.run(id, replica, r.job.attempts());
        storage.put(JobObjectKeys.dominators(run), outcome.dominatorIndex());
        storage.put(JobObjectKeys.census(run), outcome.census());
        storage.put(JobObjectKeys.result(run), mapper.writeValueAsBytes(outcome.result()));
        r.ending = true;
        if (queue.succeed(id, replica, JobObjectKeys.result(run), JobObjectKeys.dominators(run), JobObjectKeys.census(run))) {
            events.finished(r.job, JobState.SUCCEEDED, since(start));
            LOG.infof("Job %s succeeded (start %d, %d ms)", id, r.job.attempts(), since(start).toMillis());
            return true;
        }
        notOurs(r);
        deleteObjectQuietly(JobObjectKeys.result(run), id);
        deleteObjectQuietly(JobObjectKeys.dominators(run), id);
        deleteObjectQuietly(JobObjectKeys.census(run), id);
        return false;
    }

    /** Marks the job failed if it is still ours. */
    private boolean finish(RunningJob r, long start, JobFailure failure) {
        r.ending = true;
        try {
            if (queue.fail(r.job.id(), replica, failure.title(), failure.detail())) {
                events.finished(r.job, JobState.FAILED, since(start));
                return true;
            }
            notOurs(r);
        } catch (SQLException e) {
            LOG.warnf("Job %s: could not record its failure (%s); it runs again once its lease lapses", r.job.id(), e.getMessage());
        }
        return false;
    }

    /** A guarded write changed nothing: cancelled meanwhile, or the lease went to another replica. */
    private void notOurs(RunningJob r) {
        if (r.cancelled.get()) {
            return;
        }
        try {
            if (queue.find(r.job.id()).map(j -> j.state() == JobState.CANCELLED).orElse(true)) {
                return;
            }
        } catch (SQLException e) {
            // Cannot tell: count it as lost, which is what it is to this replica.
        }
        if (r.lost.compareAndSet(false, true)) {
            replicaEvents.leaseLost();
        }
        LOG.warnf("Job %s: its lease was no longer this replica's when it finished; its result was dropped", r.job.id());
    }

    private void handBack(RunningJob r) {
        r.ending = true;
        try {
            if (queue.requeue(r.job.id(), replica)) {
                LOG.infof("Job %s: handed back to the queue (this replica is stopping)", r.job.id());
            }
        } catch (SQLException e) {
            LOG.warnf("Job %s: could not hand it back (%s); another replica takes it once its lease lapses",
                    r.job.id(), e.getMessage());
        }
    }

    private void heartbeat(RunningJob r) {
        if (r.ending) {
            return;
        }
        long asked = System.nanoTime();
        try {
            PostgresJobQueue.Heartbeat answer = queue.heartbeat(r.job.id(), replica, lease.length(), r.progress);
            if (answer.cancelled()) {
                r.cancelled.set(true);
            } else if (!answer.held() && !r.ending) {
                if (r.lost.compareAndSet(false, true)) {
                    replicaEvents.leaseLost();
                    LOG.warnf("Job %s: its lease lapsed and another replica may run it; this replica stops", r.job.id());
                }
            } else {
                r.confirmedAt = asked;
            }
        } catch (SQLException | RuntimeException e) {
            // Unconfirmed for a whole lease, the job may be another replica's by now: stop rather than write over it.
            if (System.nanoTime() - r.confirmedAt > lease.length().toNanos() && r.lost.compareAndSet(false, true)) {
                replicaEvents.leaseLost();
                LOG.warnf("Job %s: the lease could not be renewed for %s (%s); this replica stops", r.job.id(),
                        lease.length(), e.getMessage());
            }
        }
    }

    @Override
    public Progress progress(String id) {
        RunningJob here = running.get(id);
        if (here != null) {
            return here.progress;
        }
        try {
            return queue.progress(id).orElse(null);
        } catch (SQLException e) {
            throw StoreUnavailableException.database(e);
        }
    }

    @Override
    public boolean cancelOrDelete(String id) throws IOException {
        try {
            JobRecord job = queue.find(id).orElse(null);
            if (job == null) {
                return false;
            }
            if (!job.state().isFinal()) {
                if (queue.cancel(id)) {
                    RunningJob here = running.get(id);
                    if (here != null) {
                        here.cancelled.set(true);
                    }
                    events.finished(job, JobState.CANCELLED, null);
                    deleteObjectQuietly(JobObjectKeys.dump(id), id);
                    return true;
                }
                // It ended between the read and the cancel: delete it as the finished job it now is.
            }
            // Its objects first: should the bucket fail, the row stays and a retry finds the job again.
            deleteJobObjects(id);
            return queue.delete(id);
        } catch (SQLException e) {
            throw StoreUnavailableException.database(e);
        }
    }

    private void deleteJobObjects(String id) {
        try {
            storage.deleteJob(id);
        } catch (IOException e) {
            throw StoreUnavailableException.objectStorage(e);
        }
    }

    /**
     * Deletes the jobs finished before the retention with all their objects (a job whose objects could not
     * be deleted keeps its row, for the next purge), and aborts multipart uploads that replicas which died
     * mid-upload left behind. One replica at a time does it; the others return 0. Not swept: a dump stored
     * whole (one PutObject, under a part's size) by a replica that died before its row was inserted, which
     * nothing names; finding those means listing the bucket against the table.
     */
    @Override
    public int purgeExpired() {
        try {
            Optional<java.util.List<String>> purged = queue.purgeFinishedBefore(config.retention(), storage::deleteJob);
            if (purged.isEmpty()) {
                return 0;
            }
            int aborted = storage.sweepOrphanedUploads(java.time.Instant.now().minus(ORPHANED_UPLOAD_AGE));
            if (!purged.get().isEmpty() || aborted > 0) {
                LOG.infof("Purged %d jobs past casebook.jobs.retention and %d abandoned uploads", purged.get().size(), aborted);
            }
            return purged.get().size();
        } catch (SQLException e) {
            throw StoreUnavailableException.database(e);
        } catch (IOException e) {
            throw StoreUnavailableException.objectStorage(e);
        }
    }

    private void deleteQuietly(Path copy) {
        if (copy != null) {
            try {
                storage.deleteScratch(copy);
            } catch (IOException e) {
                LOG.warnf("A scratch copy could not be deleted (%s); the next start removes it", e.getMessage());
            }
        }
    }

    private void deleteObjectQuietly(String key, String id) {
        try {
            storage.delete(key);
        } catch (IOException e) {
            LOG.warnf("Job %s: %s could not be deleted (%s); deleting the job deletes it", id, key, e.getMessage());
        }
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** Stops claiming; running jobs stop and go back to the queue for another replica (this start not counted). */
    @Override
    public void close() {
        stopping = true;
        if (workers != null) {
            wake.release(config.workers());
            workers.shutdown();
            try {
                if (!workers.awaitTermination(20, TimeUnit.SECONDS)) {
                    LOG.warn("Jobs still running after 20 s; another replica takes them over once their leases lapse");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        heartbeats.shutdownNow();
        idleCollector.close();
    }
}
