package dev.casebook.web.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The time limit, the per-owner limit, what happens to a dump when its job ends, and the retention purge. */
class JobRunnerLimitsTest {

    private static final String ROOM = "dev.casebook.testing.leaks.LeakyApp$Room";
    private final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @TempDir
    Path data;

    private static JobRunner.Settings settings(Duration timeLimit, Duration retention, boolean keepDumps) {
        return new JobRunner.Settings(1, 10, 1, 2, 2, timeLimit, retention, keepDumps);
    }

    private static JobRecord queued(String id, String owner, Instant created) {
        return new JobRecord(id, owner, JobState.QUEUED, "hprof", new JobQuery(List.of(), List.of(ROOM), false, 2, "auto", false, null, null),
                1, false, created, null, null, null, null, 0);
    }

    /** Stores a job, runs it with one worker under {@code timeLimit} and {@code keepDumps}, and returns how it ended. */
    private JobRecord runToTheEnd(FileJobStore store, String id, Duration timeLimit, boolean keepDumps) throws Exception {
        JobRecord job = StoredJobs.create(store, queued(id, "alice", Instant.now()));
        try (LocalJobRunner runner = new LocalJobRunner(store, mapper, settings(timeLimit, Duration.ofDays(7), keepDumps), Clock.systemUTC())) {
            runner.submit(job);
            return StoredJobs.awaitFinal(store, id);
        }
    }

    @Test
    void theStartUpWarmUpRunsAheadOfTheFirstJobAndLeavesNoFile() throws Exception {
        FileJobStore store = new FileJobStore(data, mapper);
        JobRecord job = StoredJobs.create(store, queued("after-warm-up", "alice", Instant.now()));
        try (LocalJobRunner runner = new LocalJobRunner(store, mapper, settings(Duration.ofHours(1), Duration.ofDays(7), false), Clock.systemUTC())) {
            Path warmUp = Files.createDirectories(data.resolve("warm-up")); // where JobBeans has it warm up
            runner.warmUp(warmUp, 1);
            runner.submit(job);
            JobRecord done = StoredJobs.awaitFinal(store, "after-warm-up");
            assertEquals(JobState.SUCCEEDED, done.state());
            // One worker: the job started only once the warm-up was over, and found the scratch directory clean.
            try (java.util.stream.Stream<Path> left = Files.list(warmUp)) {
                assertEquals(List.of(), left.toList());
            }
        }
    }

    @Test
    void aJobPastItsTimeLimitFailsWithThatReasonAndLosesItsDump() throws Exception {
        FileJobStore store = new FileJobStore(data, mapper);
        JobRecord failed = runToTheEnd(store, "slow", Duration.ofNanos(1), false);
        assertEquals(JobState.FAILED, failed.state());
        assertEquals("The analysis took too long", failed.errorTitle());
        assertTrue(failed.errorDetail().contains("casebook.jobs.time-limit"), failed.errorDetail());
        assertFalse(Files.exists(store.dump("slow")), "the dump of a finished job is deleted");
    }

    @Test
    void aSucceededJobKeepsItsResultAndDropsItsDumpUnlessToldToKeepIt() throws Exception {
        FileJobStore store = new FileJobStore(data, mapper);
        assertEquals(JobState.SUCCEEDED, runToTheEnd(store, "dropped", Duration.ofHours(1), false).state());
        assertTrue(store.result("dropped").isPresent());
        assertFalse(Files.exists(store.dump("dropped")));

        assertEquals(JobState.SUCCEEDED, runToTheEnd(store, "kept", Duration.ofHours(1), true).state());
        assertTrue(Files.exists(store.dump("kept")), "casebook.jobs.keep-dumps=true keeps it");
    }

    @Test
    void oneOwnerMayHaveOnlySoManyJobsUnderWay() throws Exception {
        FileJobStore store = new FileJobStore(data, mapper);
        StoredJobs.create(store, queued("a1", "alice", Instant.now()));
        StoredJobs.create(store, queued("a2", "alice", Instant.now()));
        try (LocalJobRunner paused = new LocalJobRunner(store, mapper, new JobRunner.Settings(0, 10, 7, 2, 2, Duration.ofHours(1),
                Duration.ofDays(7), false), Clock.systemUTC())) {
            TooManyJobsException e = assertThrows(TooManyJobsException.class, () -> paused.admit("alice"));
            assertEquals(7, e.retryAfterSeconds());
            assertTrue(e.getMessage().contains("casebook.jobs.max-active-per-owner is 2"), e.getMessage());
            try (JobRunner.Admission bob = paused.admit("bob")) {
                // Bob's upload is under way: its place counts before its job exists.
                try (JobRunner.Admission bobAgain = paused.admit("bob")) {
                    assertThrows(TooManyJobsException.class, () -> paused.admit("bob"), "two places held, the limit is 2");
                }
            }
            paused.cancelOrDelete("a1");
            paused.admit("alice").close();
        }
    }

    @Test
    void uploadsUnderWayHoldTheirPlaceInTheQueue() throws Exception {
        FileJobStore store = new FileJobStore(data, mapper);
        try (LocalJobRunner paused = new LocalJobRunner(store, mapper, new JobRunner.Settings(0, 2, 1, 2, 4, Duration.ofHours(1),
                Duration.ofDays(7), false), Clock.systemUTC())) {
            JobRunner.Admission first = paused.admit("alice");
            JobRunner.Admission second = paused.admit("bob");
            QueueFullException full = assertThrows(QueueFullException.class, () -> paused.admit("carol"));
            assertEquals(1, full.retryAfterSeconds());
            first.close();
            first.close(); // twice is once
            paused.admit("carol").close();
            second.close();
        }
    }

    @Test
    void thePurgeDeletesFinishedJobsOlderThanTheRetentionAndNothingElse() throws Exception {
        FileJobStore store = new FileJobStore(data, mapper);
        Instant now = Instant.parse("2026-11-27T12:00:00Z");
        JobRecord old = StoredJobs.create(store, queued("old", "alice", now.minus(Duration.ofDays(9))));
        store.update(old.withState(JobState.SUCCEEDED, now.minus(Duration.ofDays(8))));
        store.saveResult("old", "{}".getBytes());
        JobRecord recent = StoredJobs.create(store, queued("recent", "alice", now.minus(Duration.ofDays(2))));
        store.update(recent.withState(JobState.FAILED, now.minus(Duration.ofDays(1))));
        StoredJobs.create(store, queued("waiting", "alice", now.minus(Duration.ofDays(30))));

        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        try (LocalJobRunner paused = new LocalJobRunner(store, mapper, new JobRunner.Settings(0, 10, 1, 2, 4, Duration.ofHours(1),
                Duration.ofDays(7), false), clock)) {
            assertEquals(1, paused.purgeExpired());
        }
        assertTrue(store.find("old").isEmpty());
        assertFalse(Files.exists(data.resolve("jobs").resolve("old")), "its directory and result are gone");
        assertTrue(store.find("recent").isPresent());
        assertFalse(Files.exists(store.dump("recent")), "a finished job's dump left by a crash is deleted");
        assertTrue(store.find("waiting").isPresent(), "a job not yet finished is never purged");
        assertTrue(Files.exists(store.dump("waiting")));
    }
}
