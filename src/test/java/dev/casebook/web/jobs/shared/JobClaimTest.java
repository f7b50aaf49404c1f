package dev.casebook.web.jobs.shared;

import static dev.casebook.web.jobs.shared.SharedQueueDatabase.newJob;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.casebook.web.jobs.JobRecord;
import dev.casebook.web.jobs.JobState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Replicas claiming work from one real PostgreSQL, each with connections of its own. */
class JobClaimTest {

    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final Duration SHORT = Duration.ofMillis(300);

    private SharedQueueDatabase database;
    private PostgresJobQueue queue;

    @BeforeEach
    void migrate() {
        database = new SharedQueueDatabase();
        queue = database.queue(new PostgresJobQueue.Limits(1000, 1000, 30, 2));
    }

    @Test
    void eachJobIsClaimedByExactlyOneOfManyReplicas() throws Exception {
        int jobs = 40;
        int replicas = 8;
        for (int i = 0; i < jobs; i++) {
            queue.submit(newJob("owner-" + (i % 7)), "dumps/" + i);
        }
        Map<String, List<String>> claimedBy = new ConcurrentHashMap<>();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(replicas);
        List<Future<?>> done = new ArrayList<>();
        for (int r = 0; r < replicas; r++) {
            String replica = "replica-" + r;
            done.add(pool.submit(() -> {
                go.await();
                for (Optional<JobRecord> job = queue.claim(replica, LEASE); job.isPresent(); job = queue.claim(replica, LEASE)) {
                    claimedBy.computeIfAbsent(job.get().id(), k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(replica);
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();

        assertEquals(jobs, claimedBy.size(), "every job claimed");
        Map<String, Integer> perReplica = new HashMap<>();
        Map<String, String> stored = new HashMap<>();
        try (var c = database.db.getConnection(); var s = c.createStatement();
                var rs = s.executeQuery("SELECT id, state || ' ' || attempts || ' ' || lease_owner FROM jobs")) {
            while (rs.next()) {
                stored.put(rs.getString(1), rs.getString(2));
            }
        }
        for (var e : claimedBy.entrySet()) {
            assertEquals(1, e.getValue().size(), "job " + e.getKey() + " claimed by " + e.getValue());
            String holder = e.getValue().get(0);
            perReplica.merge(holder, 1, Integer::sum);
            assertEquals("running 1 " + holder, stored.get(e.getKey()), "the row says who holds it");
        }
        assertTrue(perReplica.size() > 1, "the work was shared: " + perReplica);
        assertTrue(queue.claim("late", LEASE).isEmpty(), "nothing left to claim");
    }

    @Test
    void theOldestQueuedJobIsClaimedFirst() throws Exception {
        List<String> submitted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            submitted.add(queue.submit(newJob("alice"), null).id());
        }
        List<String> claimed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            claimed.add(queue.claim("r", LEASE).orElseThrow().id());
        }
        assertEquals(submitted, claimed);
        assertTrue(queue.claim("replica-b", LEASE).isEmpty(), "held leases are not taken over");
    }

    @Test
    void aLapsedLeaseIsTakenOverWithTheAttemptCounted() throws Exception {
        String id = queue.submit(newJob("alice"), "dumps/a").id();
        JobRecord first = queue.claim("replica-a", SHORT).orElseThrow();
        assertEquals(id, first.id());
        assertEquals(1, first.attempts());

        database.awaitLeaseLapsed(id);
        JobRecord taken = queue.claim("replica-b", LEASE).orElseThrow();
        assertEquals(id, taken.id());
        assertEquals(JobState.RUNNING, taken.state());
        assertEquals(2, taken.attempts());
        assertEquals("replica-b", database.text("SELECT lease_owner FROM jobs WHERE id = ?", id));

        // The replica that lost it can neither renew it nor finish it.
        assertEquals(new PostgresJobQueue.Heartbeat(false, false), queue.heartbeat(id, "replica-a", LEASE, null));
        assertTrue(!queue.succeed(id, "replica-a", "results/a", "dominators/a", null));
        assertTrue(queue.succeed(id, "replica-b", "results/b", "dominators/b", null));
        assertEquals(new PostgresJobQueue.ObjectKeys("dumps/a", "results/b", "dominators/b", null), queue.keys(id).orElseThrow());
        assertEquals(JobState.SUCCEEDED, queue.find(id).orElseThrow().state());
    }

    @Test
    void aJobAbandonedPastMaxAttemptsFailsWithTheReason() throws Exception {
        String id = queue.submit(newJob("alice"), "dumps/a").id();
        queue.claim("replica-a", SHORT).orElseThrow();
        database.awaitLeaseLapsed(id);
        assertEquals(2, queue.claim("replica-b", SHORT).orElseThrow().attempts());
        database.awaitLeaseLapsed(id);

        assertTrue(queue.claim("replica-c", LEASE).isEmpty(), "not started a third time");
        assertEquals(List.of(id), queue.failExhausted().stream().map(JobRecord::id).toList(), "ended by the runners' sweep");
        assertEquals(List.of(), queue.failExhausted(), "once");
        JobRecord failed = queue.find(id).orElseThrow();
        assertEquals(JobState.FAILED, failed.state());
        assertEquals(2, failed.attempts());
        assertEquals("The analysis was interrupted", failed.errorTitle());
        assertTrue(failed.errorDetail().contains("2 times (casebook.jobs.max-attempts)"), failed.errorDetail());
        assertTrue(failed.finishedAt() != null);
        assertTrue(!queue.heartbeat(id, "replica-b", LEASE, null).held());
    }

    @Test
    void aRequeuedJobWaitsAgainWithoutCountingThatStart() throws Exception {
        String id = queue.submit(newJob("alice"), null).id();
        queue.claim("replica-a", LEASE).orElseThrow();
        assertTrue(!queue.requeue(id, "replica-b"), "only the holder puts it back");
        assertTrue(queue.requeue(id, "replica-a"));
        JobRecord queued = queue.find(id).orElseThrow();
        assertEquals(JobState.QUEUED, queued.state());
        assertEquals(0, queued.attempts());
        assertEquals(null, queued.startedAt());
        assertEquals(1, queue.claim("replica-b", LEASE).orElseThrow().attempts());
    }
}
