package dev.casebook.web.jobs.shared;

import static dev.casebook.web.jobs.shared.SharedQueueDatabase.newJob;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.casebook.web.jobs.JobRecord;
import dev.casebook.web.jobs.JobRunner;
import dev.casebook.web.jobs.JobState;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Heartbeats, cancellation, and the guard that keeps a replica without its lease from writing. */
class JobLeaseTest {

    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final Duration SHORT = Duration.ofMillis(400);

    private SharedQueueDatabase database;
    private PostgresJobQueue queue;

    @BeforeEach
    void migrate() {
        database = new SharedQueueDatabase();
        queue = database.queue(new PostgresJobQueue.Limits(100, 100, 30, 2));
    }

    @Test
    void aReplicaWhoseLeaseLapsedWritesNothing() throws Exception {
        String id = queue.submit(newJob("alice"), "dumps/a").id();
        queue.claim("replica-a", SHORT).orElseThrow();
        database.awaitLeaseLapsed(id);
        String before = database.row(id);

        assertFalse(queue.succeed(id, "replica-a", "results/a", "dominators/a", null));
        assertFalse(queue.fail(id, "replica-a", "The dump cannot be read", "bad tag"));
        assertFalse(queue.requeue(id, "replica-a"));
        assertEquals(new PostgresJobQueue.Heartbeat(false, false),
                queue.heartbeat(id, "replica-a", LEASE, new JobRunner.Progress("indexing", 40)));

        assertEquals(before, database.row(id), "the row is as it was");
        assertEquals(JobState.RUNNING, queue.find(id).orElseThrow().state());
    }

    @Test
    void onlyTheHolderChangesTheState() throws Exception {
        String id = queue.submit(newJob("alice"), null).id();
        queue.claim("replica-a", LEASE).orElseThrow();
        String before = database.row(id);
        assertFalse(queue.fail(id, "replica-b", "The analysis failed", "not mine"));
        assertEquals(before, database.row(id));

        assertTrue(queue.fail(id, "replica-a", "The dump cannot be read", "record tag 0x99 at byte 31"));
        JobRecord failed = queue.find(id).orElseThrow();
        assertEquals(JobState.FAILED, failed.state());
        assertEquals("The dump cannot be read", failed.errorTitle());
        assertEquals("record tag 0x99 at byte 31", failed.errorDetail());
        assertFalse(queue.succeed(id, "replica-a", "results/a", null, null), "an ended job stays ended");
    }

    @Test
    void aHeartbeatExtendsTheLeaseAndCarriesProgress() throws Exception {
        String id = queue.submit(newJob("alice"), null).id();
        // Renewed well within each lease (a second, with a margin for a busy machine), for several leases'
        // time: never lapses, never taken over.
        Duration lease = Duration.ofSeconds(1);
        queue.claim("replica-a", lease).orElseThrow();
        long end = System.nanoTime() + 3 * lease.toNanos();
        int percent = 0;
        while (System.nanoTime() < end) {
            PostgresJobQueue.Heartbeat beat = queue.heartbeat(id, "replica-a", lease,
                    new JobRunner.Progress("indexing", percent += 5));
            assertEquals(new PostgresJobQueue.Heartbeat(true, false), beat);
            assertTrue(queue.claim("replica-b", LEASE).isEmpty(), "a renewed lease is not taken over");
            Thread.sleep(100);
        }
        assertEquals(new JobRunner.Progress("indexing", percent), queue.progress(id).orElseThrow());

        assertTrue(queue.heartbeat(id, "replica-a", LEASE, new JobRunner.Progress("searching", 90)).held());
        double left = Double.parseDouble(database.text(
                "SELECT extract(epoch FROM lease_until - now())::text FROM jobs WHERE id = ?", id));
        assertTrue(left > 55 && left <= 60, "lease renewed for the minute asked: " + left + " s left");
        assertEquals(new JobRunner.Progress("searching", 90), queue.progress(id).orElseThrow());
        assertEquals(1, queue.find(id).orElseThrow().attempts(), "a heartbeat is not a start");
    }

    @Test
    void aCancelFromAnyReplicaReachesTheOneRunningTheJob() throws Exception {
        String id = queue.submit(newJob("alice"), null).id();
        queue.claim("replica-a", LEASE).orElseThrow();
        PostgresJobQueue elsewhere = database.queue(new PostgresJobQueue.Limits(100, 100, 30, 2));
        assertTrue(elsewhere.cancel(id));
        JobRecord cancelled = queue.find(id).orElseThrow();
        assertEquals(JobState.CANCELLED, cancelled.state());
        assertTrue(cancelled.finishedAt() != null);

        assertEquals(new PostgresJobQueue.Heartbeat(false, true), queue.heartbeat(id, "replica-a", LEASE, null));
        assertFalse(queue.succeed(id, "replica-a", "results/a", "dominators/a", null));
        assertEquals(JobState.CANCELLED, queue.find(id).orElseThrow().state());
        assertFalse(elsewhere.cancel(id), "an ended job is not cancelled again");
    }

    @Test
    void aCancelledQueuedJobIsNeverClaimed() throws Exception {
        String id = queue.submit(newJob("alice"), null).id();
        assertTrue(queue.cancel(id));
        assertTrue(queue.claim("replica-a", LEASE).isEmpty());
        assertEquals(JobState.CANCELLED, queue.find(id).orElseThrow().state());
    }

    @Test
    void aDeletedJobTellsItsReplicaToStop() throws Exception {
        String id = queue.submit(newJob("alice"), null).id();
        queue.claim("replica-a", LEASE).orElseThrow();
        assertTrue(queue.delete(id));
        assertEquals(new PostgresJobQueue.Heartbeat(false, true), queue.heartbeat(id, "replica-a", LEASE, null));
        assertTrue(queue.find(id).isEmpty());
        assertFalse(queue.delete(id));
    }
}
