package dev.casebook.web.jobs;

import dev.casebook.web.config.CasebookConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Runs the jobs a {@link JobStore} holds: admits new ones within the limits, analyses them on its
 * workers, shows their progress, cancels and deletes them, and purges them when their retention ends.
 * {@link LocalJobRunner} runs the data directory's jobs in this process;
 * {@link dev.casebook.web.jobs.shared.SharedJobRunner} claims jobs from the queue all replicas share.
 */
public interface JobRunner extends AutoCloseable {

    /** What a running job is doing now. */
    record Progress(String phase, int percent) {
    }

    /**
     * How many workers, how long a queue, when a refused upload may try again, how often an interrupted job is retried, how
     * many jobs one owner may have waiting or running, how long one may run, how long a finished one is
     * kept, and whether its dump outlives it.
     */
    record Settings(int workers, int queueSize, int retryAfterSeconds, int maxAttempts, int maxActivePerOwner,
                    Duration timeLimit, Duration retention, boolean keepDumps, Duration releaseMemoryAfter) {

        /** With the heap given back as soon as the last job ends (tests, where that is the cheap case). */
        public Settings(int workers, int queueSize, int retryAfterSeconds, int maxAttempts, int maxActivePerOwner,
                Duration timeLimit, Duration retention, boolean keepDumps) {
            this(workers, queueSize, retryAfterSeconds, maxAttempts, maxActivePerOwner, timeLimit, retention, keepDumps,
                    Duration.ZERO);
        }

        public static Settings of(CasebookConfig.Jobs jobs) {
            return new Settings(jobs.workers(), jobs.queueSize(), jobs.retryAfterSeconds(), jobs.maxAttempts(),
                    jobs.maxActivePerOwner(), jobs.timeLimit(), jobs.retention(), jobs.keepDumps(),
                    jobs.releaseMemoryAfter());
        }
    }

    /**
     * A place in the queue, held from before an upload is read until its job is created (or the upload
     * fails), so that uploads arriving together cannot all pass a check that only counts stored jobs.
     */
    interface Admission extends AutoCloseable {
        /** Whose job this place is for. */
        String owner();

        @Override
        void close();
    }

    /**
     * Holds a place for a new job, or refuses it ({@link TooManyJobsException}, {@link QueueFullException})
     * when its owner already has enough under way or the queue is full. Close the admission once the job is
     * stored (or not).
     */
    Admission admit(String owner);

    /** Refuses as {@link #admit} would, without holding a place: for a refusal before an upload is read. */
    void checkRoom(String owner);

    /** Runs the analysis once on a synthetic dump in {@code scratchDir}, so that the first job runs compiled code. */
    void warmUp(Path scratchDir, int rounds);

    /** Starts running: picks up what an earlier run left queued or running. Called once at start-up. */
    void resume() throws IOException;

    /** A job was just stored: run it as soon as a worker is free. */
    void submit(JobRecord job);

    /** The progress of a running job, or null. */
    Progress progress(String id);

    /**
     * Cancels a queued or running job (its record says cancelled, its dump and result are deleted) or,
     * for a finished job, deletes it entirely. Returns false when there is no such job.
     */
    boolean cancelOrDelete(String id) throws IOException;

    /** Deletes finished jobs older than the retention, with their data; returns how many. */
    int purgeExpired();

    /** Stops taking jobs; running ones go back to the queue for a worker that goes on. */
    @Override
    void close();
}
