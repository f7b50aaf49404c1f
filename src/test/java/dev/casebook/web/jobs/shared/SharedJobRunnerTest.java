package dev.casebook.web.jobs.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.casebook.testing.HeapDumps;
import dev.casebook.testing.S3ProxyServer;
import dev.casebook.web.jobs.JobEvents;
import dev.casebook.web.jobs.JobQuery;
import dev.casebook.web.jobs.JobRecord;
import dev.casebook.web.jobs.JobRunner;
import dev.casebook.web.jobs.JobState;
import dev.casebook.web.jobs.JobStore;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Replicas of the claiming runner in one JVM, sharing a real PostgreSQL queue and a real s3proxy bucket:
 * each job runs once whichever replica claims it, a dead replica's job is taken over after its lease, a
 * replica whose lease was taken writes nothing, a cancellation from another replica stops the analysis,
 * and stopping hands a job back. (Replicas in separate processes, killed and paused: SharedReplicasIT.)
 */
class SharedJobRunnerTest {

    private static final Duration LEASE = Duration.ofSeconds(2);
    private static final Duration HEARTBEAT = Duration.ofMillis(400);
    private static final PostgresJobQueue.Limits LIMITS = new PostgresJobQueue.Limits(100, 100, 1, 3);

    private static S3ProxyServer s3;
    private static int buckets;

    @TempDir
    Path scratch;

    private SharedQueueDatabase database;
    private PostgresJobQueue queue;
    private ObjectStorage storage;
    private SharedJobStore store;
    private String bucket;
    private final List<JobRunner> runners = new ArrayList<>();
    private final Map<String, AtomicInteger> completions = new ConcurrentHashMap<>();
    private final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();

    @BeforeAll
    static void startS3() throws Exception {
        s3 = S3ProxyServer.start();
    }

    @AfterAll
    static void stopS3() throws Exception {
        if (s3 != null) {
            s3.close();
        }
    }

    @BeforeEach
    void freshQueueAndBucket() {
        database = new SharedQueueDatabase();
        queue = database.queue(LIMITS);
        bucket = "runner-" + (++buckets);
        s3.createBucket(bucket);
        storage = new ObjectStorage(s3.settings(bucket), scratch, ObjectStorage.MIN_PART_SIZE);
        store = new SharedJobStore(queue, storage);
    }

    @AfterEach
    void stopRunners() {
        runners.forEach(JobRunner::close);
        storage.close();
    }

    /** A replica with its own name, workers and scratch, counting the jobs it finishes. */
    private SharedJobRunner replica(String name, int workers, ReplicaEvents replicaEvents) {
        return replica(name, workers, replicaEvents, storage);
    }

    private SharedJobRunner replica(String name, int workers, ReplicaEvents replicaEvents, ObjectStorage storage) {
        JobRunner.Settings settings = new JobRunner.Settings(workers, 100, 1, LIMITS.maxAttempts(), 100,
                Duration.ofMinutes(5), Duration.ofDays(7), false);
        JobEvents counting = (job, state, analysis) -> {
            if (state != JobState.CANCELLED) {
                completions.computeIfAbsent(job.id() + " " + state.apiName(), k -> new AtomicInteger()).incrementAndGet();
            }
        };
        SharedJobRunner runner = new SharedJobRunner(queue, storage, mapper,
                settings, new SharedJobRunner.Lease(LEASE, HEARTBEAT), name, counting, replicaEvents);
        runners.add(runner);
        return runner;
    }

    private JobRecord submit(Path dump) throws Exception {
        JobStore.Upload upload = store.newUpload();
        try (InputStream in = Files.newInputStream(dump)) {
            long bytes = upload.receive(in);
            JobQuery query = new JobQuery(List.of(), List.of("dev.casebook.testing.leaks.LeakyApp$Room"), false, 3,
                    "hprof", false, null, null);
            return store.create(new JobRecord(upload.id(), "alice", JobState.QUEUED, "hprof", query, bytes, false,
                    Instant.now(), null, null, null, null, 0), upload);
        }
    }

    private JobRecord await(String id, Predicate<JobRecord> done, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            JobRecord job = queue.find(id).orElseThrow();
            if (done.test(job)) {
                return job;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("job " + id + " is still " + queue.find(id).orElseThrow().state() + " after " + within);
    }

    /**
     * Waits until {@code done} holds: a job's row says it ended the moment the replica's guarded write commits,
     * and the replica counts it and deletes its dump right after.
     */
    private static void settle(java.util.function.BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private List<String> keys(String prefix) {
        return s3.client().listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                .map(S3Object::key).sorted().toList();
    }

    @Test
    void twoReplicasRunEveryJobOnceAndKeepOnlyTheResult() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ids.add(submit(HeapDumps.leakyLive()).id());
        }
        CountingReplica a = new CountingReplica();
        CountingReplica b = new CountingReplica();
        replica("replica-a", 1, a).resume();
        replica("replica-b", 1, b).resume();

        for (String id : ids) {
            JobRecord job = await(id, j -> j.state().isFinal(), Duration.ofSeconds(60));
            assertEquals(JobState.SUCCEEDED, job.state(), job.id() + ": " + job.errorDetail());
            assertEquals(1, job.attempts());
            settle(() -> completions.containsKey(id + " succeeded") && !keys(JobObjectKeys.prefix(id)).contains(JobObjectKeys.dump(id)));
            assertEquals(1, completions.get(id + " succeeded").get(), "one replica finished it, once");
            JsonNode result = mapper.readTree(store.result(id).orElseThrow());
            assertEquals(50, result.at("/targets/0/reachable").asInt(), "LeakyApp keeps 50 Rooms: " + result);
            assertTrue(store.dominators(id).isPresent());
            List<String> objects = keys(JobObjectKeys.prefix(id));
            assertEquals(3, objects.size(), "the result, the dominator tree and the census of one run; the dump is deleted: " + objects);
        }
        assertEquals(8, a.claims.get() + b.claims.get());
        assertEquals(0, a.takeovers.get() + b.takeovers.get());
    }

    @Test
    void aJobWhoseReplicaDiedIsTakenOverOnceItsLeaseLapses() throws Exception {
        String id = submit(HeapDumps.leakyLive()).id();
        // A replica claims it and dies at once: no heartbeat ever renews its lease.
        assertEquals(id, queue.claim("dead-replica", LEASE).orElseThrow().id());
        CountingReplica survivor = new CountingReplica();
        long start = System.nanoTime();
        replica("survivor", 1, survivor).resume();

        JobRecord job = await(id, j -> j.state().isFinal(), Duration.ofSeconds(60));

        assertEquals(JobState.SUCCEEDED, job.state());
        assertEquals(2, job.attempts(), "the dead replica's start counts");
        assertTrue(System.nanoTime() - start >= LEASE.toNanos() / 2, "not before the lease lapsed");
        assertEquals(1, survivor.takeovers.get());
    }

    /** A replica whose scratch disk cannot take the dump with the free space it must keep says so, without copying. */
    @Test
    void aDumpTooLargeForTheReplicasScratchDiskFailsItsJobWithTheSetting() throws Exception {
        String id = submit(HeapDumps.leakyLive()).id();
        long free = Files.getFileStore(scratch).getUsableSpace();
        try (ObjectStorage tight = new ObjectStorage(s3.settings(bucket), scratch, ObjectStorage.MIN_PART_SIZE, free)) {
            replica("small-disk", 1, new CountingReplica(), tight).resume();

            JobRecord job = await(id, j -> j.state().isFinal(), Duration.ofSeconds(30));

            assertEquals(JobState.FAILED, job.state());
            assertEquals("Not enough scratch disk for this dump", job.errorTitle());
            assertTrue(job.errorDetail().contains("casebook.jobs.min-free-disk"), job.errorDetail());
            try (var left = Files.list(scratch)) {
                assertEquals(List.of(), left.filter(f -> f.getFileName().toString().startsWith("download-")).toList());
            }
            runners.forEach(JobRunner::close);
            runners.clear();
        }
    }

    @Test
    void aJobWhoseReplicasKeepDyingFailsWithTheReasonAndItsDumpIsDeleted() throws Exception {
        String id = submit(HeapDumps.leakyLive()).id();
        for (int start = 1; start <= LIMITS.maxAttempts(); start++) {
            // A dump that kills every replica that tries it: each start ends with its replica gone.
            assertEquals(start, queue.claim("doomed-" + start, Duration.ofMillis(300)).orElseThrow().attempts());
            database.awaitLeaseLapsed(id);
        }
        replica("survivor", 1, new CountingReplica()).resume();

        JobRecord job = await(id, j -> j.state().isFinal(), Duration.ofSeconds(30));

        assertEquals(JobState.FAILED, job.state());
        assertEquals("The analysis was interrupted", job.errorTitle());
        assertTrue(job.errorDetail().contains(LIMITS.maxAttempts() + " times (casebook.jobs.max-attempts)"), job.errorDetail());
        settle(() -> completions.containsKey(id + " failed") && keys(JobObjectKeys.prefix(id)).isEmpty());
        assertEquals(1, completions.get(id + " failed").get(), "counted as failed once");
        assertEquals(List.of(), keys(JobObjectKeys.prefix(id)), "its dump is deleted like any ended job's");
    }

    @Test
    void aReplicaWhoseLeaseWasTakenStopsAndWritesNothing() throws Exception {
        String id = submit(HeapDumps.leakyLive(200_000)).id();
        CountingReplica slow = new CountingReplica();
        replica("slow", 1, slow).resume();
        await(id, j -> j.state() == JobState.RUNNING, Duration.ofSeconds(30));
        // Another replica took the job over while this one was paused: the row now names it.
        database.execute("UPDATE jobs SET lease_owner = 'new-owner', lease_until = now() + interval '1 hour',"
                + " attempts = attempts + 1 WHERE id = ?", id);
        String taken = database.row(id);

        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (slow.losses.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(1, slow.losses.get(), "the heartbeat found the lease gone");
        Thread.sleep(HEARTBEAT.toMillis() * 3);

        assertEquals(taken, database.row(id), "the new owner's row is untouched");
        assertEquals(List.of(JobObjectKeys.dump(id)), keys(JobObjectKeys.prefix(id)), "no result, and the dump stays for its owner");
        assertTrue(completions.isEmpty());
    }

    @Test
    void aCancellationOnAnotherReplicaStopsTheAnalysis() throws Exception {
        String id = submit(HeapDumps.leakyLive(200_000)).id();
        SharedJobRunner running = replica("running", 1, new CountingReplica());
        SharedJobRunner asked = replica("asked", 0, new CountingReplica());
        running.resume();
        await(id, j -> j.state() == JobState.RUNNING, Duration.ofSeconds(30));

        assertTrue(asked.cancelOrDelete(id));

        assertEquals(JobState.CANCELLED, queue.find(id).orElseThrow().state());
        Thread.sleep(HEARTBEAT.toMillis() * 4);
        assertEquals(JobState.CANCELLED, queue.find(id).orElseThrow().state(), "the running replica did not overwrite it");
        assertEquals(List.of(), keys(JobObjectKeys.prefix(id)), "the dump is deleted and no result written");
        assertTrue(completions.isEmpty());
        assertTrue(asked.cancelOrDelete(id), "a second DELETE deletes the cancelled job");
        assertTrue(queue.find(id).isEmpty());
    }

    @Test
    void stoppingAReplicaHandsItsJobBackForAnotherToFinish() throws Exception {
        String id = submit(HeapDumps.leakyLive(200_000)).id();
        SharedJobRunner leaving = replica("leaving", 1, new CountingReplica());
        leaving.resume();
        await(id, j -> j.state() == JobState.RUNNING, Duration.ofSeconds(30));

        leaving.close();

        JobRecord handedBack = queue.find(id).orElseThrow();
        assertEquals(JobState.QUEUED, handedBack.state());
        assertEquals(0, handedBack.attempts(), "a start ended by a shutdown is not counted");
        replica("staying", 1, new CountingReplica()).resume();
        assertEquals(JobState.SUCCEEDED, await(id, j -> j.state().isFinal(), Duration.ofSeconds(60)).state());
        assertNotNull(store.result(id).orElse(null));
        settle(() -> !keys(JobObjectKeys.prefix(id)).contains(JobObjectKeys.dump(id)));
        assertFalse(keys(JobObjectKeys.prefix(id)).contains(JobObjectKeys.dump(id)));
    }

    /** Counts what a replica reports for its metrics. */
    private static final class CountingReplica implements ReplicaEvents {
        final AtomicInteger claims = new AtomicInteger();
        final AtomicInteger takeovers = new AtomicInteger();
        final AtomicInteger losses = new AtomicInteger();

        @Override
        public void claimed(boolean takeover) {
            claims.incrementAndGet();
            if (takeover) {
                takeovers.incrementAndGet();
            }
        }

        @Override
        public void leaseLost() {
            losses.incrementAndGet();
        }
    }
}
