package dev.casebook.web.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.casebook.testing.HeapDumps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability without the web layer: what a restart finds on disk (queued jobs, a job that was running,
 * one interrupted too often, half-written uploads) and what it makes of each; cancelling and stopping
 * a running job.
 */
class JobRunnerRestartTest {

    private static final String ROOM = "dev.casebook.testing.leaks.LeakyApp$Room";
    private final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @TempDir
    Path data;

    private static JobRunner.Settings config(int maxAttempts) {
        return new JobRunner.Settings(1, 10, 1, maxAttempts, 4, Duration.ofHours(1), Duration.ofDays(7), false);
    }

    private static JobRecord record(String id, JobState state, int attempts, long createdSecond) {
        return new JobRecord(id, "local", state, "hprof", new JobQuery(List.of(), List.of(ROOM), false, 2, "auto", false, null, null),
                1, false, Instant.ofEpochSecond(createdSecond), state == JobState.RUNNING ? Instant.ofEpochSecond(createdSecond + 1) : null,
                null, null, null, attempts);
    }

    @Test
    void aRestartRunsQueuedJobsAgainRestartsInterruptedOnesAndFailsThoseInterruptedTooOften() throws Exception {
        FileJobStore before = new FileJobStore(data, mapper);
        StoredJobs.create(before, record("queued", JobState.QUEUED, 0, 100));
        StoredJobs.create(before, record("was-running", JobState.RUNNING, 1, 101));
        StoredJobs.create(before, record("crashed-twice", JobState.RUNNING, 2, 102));
        // What a crash leaves: a half-written upload, a job directory without its record, a temp record.
        Files.writeString(before.newUpload().file(), "half an upload");
        Files.createDirectories(data.resolve("jobs/orphan"));
        Files.writeString(data.resolve("jobs/orphan/dump"), "moved in, record never written");
        Files.writeString(data.resolve("jobs/queued/job.json.tmp"), "{");
        Files.createDirectories(data.resolve("jobs/garbled"));
        Files.writeString(data.resolve("jobs/garbled/job.json"), "{\"id\": ");

        FileJobStore after = new FileJobStore(data, mapper);
        try (LocalJobRunner runner = new LocalJobRunner(after, mapper, config(2), Clock.systemUTC())) {
            runner.resume();
            assertEquals(JobState.SUCCEEDED, StoredJobs.awaitFinal(after, "queued").state());
            JobRecord rerun = StoredJobs.awaitFinal(after, "was-running");
            assertEquals(JobState.SUCCEEDED, rerun.state());
            assertEquals(2, rerun.attempts());
            JobRecord failed = after.find("crashed-twice").orElseThrow();
            assertEquals(JobState.FAILED, failed.state());
            assertEquals("The analysis was interrupted", failed.errorTitle());
            assertTrue(failed.errorDetail().contains("2 times"));
            assertTrue(after.result("queued").isPresent());
        }
        try (var uploads = Files.list(data.resolve("uploads"))) {
            assertEquals(List.of(), uploads.toList());
        }
        assertFalse(Files.exists(data.resolve("jobs/orphan")));
        assertTrue(after.find("garbled").isEmpty(), "an unreadable record is skipped, and the store still opens");
        assertFalse(Files.exists(data.resolve("jobs/queued/job.json.tmp")));
    }

    @Test
    void withNoWorkersJobsWaitQueuedAndRunAfterARestartWithWorkers() throws Exception {
        FileJobStore store = new FileJobStore(data, mapper);
        JobRecord job = record("paused", JobState.QUEUED, 0, 1);
        StoredJobs.create(store, job);
        try (LocalJobRunner paused = new LocalJobRunner(store, mapper, new JobRunner.Settings(0, 10, 1, 2, 4, Duration.ofHours(1), Duration.ofDays(7), false), Clock.systemUTC())) {
            paused.resume();
            paused.submit(job);
            Thread.sleep(300);
            assertEquals(JobState.QUEUED, store.find("paused").orElseThrow().state(), "nothing runs it");
        }
        assertEquals(JobState.QUEUED, store.find("paused").orElseThrow().state(), "and stopping leaves it queued");
        FileJobStore restarted = new FileJobStore(data, mapper);
        try (LocalJobRunner runner = new LocalJobRunner(restarted, mapper, config(2), Clock.systemUTC())) {
            runner.resume();
            assertEquals(JobState.SUCCEEDED, StoredJobs.awaitFinal(restarted, "paused").state());
        }
    }

    @Test
    void cancellingARunningJobStopsItAndDeletesItsFiles() throws Exception {
        FileJobStore store = new FileJobStore(data, mapper);
        FileJobStore.FileUpload upload = store.newUpload();
        Files.copy(HeapDumps.leakyLive(200_000), upload.file(), StandardCopyOption.REPLACE_EXISTING);
        JobRecord job = record("big", JobState.QUEUED, 0, 1);
        store.create(job, upload);
        try (LocalJobRunner runner = new LocalJobRunner(store, mapper, config(2), Clock.systemUTC())) {
            runner.submit(job);
            while (store.find("big").orElseThrow().state() == JobState.QUEUED) {
                Thread.sleep(1);
            }
            assertTrue(runner.cancelOrDelete("big"));
            assertEquals(JobState.CANCELLED, store.find("big").orElseThrow().state());
            assertFalse(Files.exists(store.dump("big")));
            Thread.sleep(300);
            assertEquals(JobState.CANCELLED, store.find("big").orElseThrow().state(), "the worker does not overwrite it");
            assertFalse(store.result("big").isPresent());
        }
    }

    @Test
    void stoppingTheServiceMidAnalysisPutsTheJobBackInTheQueue() throws Exception {
        FileJobStore store = new FileJobStore(data, mapper);
        FileJobStore.FileUpload upload = store.newUpload();
        Files.copy(HeapDumps.leakyLive(200_000), upload.file(), StandardCopyOption.REPLACE_EXISTING);
        JobRecord job = record("stopped", JobState.QUEUED, 0, 1);
        store.create(job, upload);
        JobRunner runner = new LocalJobRunner(store, mapper, config(2), Clock.systemUTC());
        runner.submit(job);
        while (store.find("stopped").orElseThrow().state() == JobState.QUEUED) {
            Thread.sleep(1);
        }
        runner.close();
        JobRecord back = store.find("stopped").orElseThrow();
        if (back.state() != JobState.SUCCEEDED) {
            assertEquals(JobState.QUEUED, back.state());
            assertEquals(0, back.attempts(), "a clean stop does not count as an attempt");
            FileJobStore reopened = new FileJobStore(data, mapper);
            try (JobRunner again = new LocalJobRunner(reopened, mapper, config(2), Clock.systemUTC())) {
                again.resume();
                assertEquals(JobState.SUCCEEDED, StoredJobs.awaitFinal(reopened, "stopped").state());
            }
        }
    }
}
