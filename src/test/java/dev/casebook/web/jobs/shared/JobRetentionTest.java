package dev.casebook.web.jobs.shared;

import static dev.casebook.web.jobs.shared.SharedQueueDatabase.newJob;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The retention purge: finished jobs past retention go, and only one replica purges at a time. */
class JobRetentionTest {

    private static final Duration RETENTION = Duration.ofDays(7);

    private SharedQueueDatabase database;
    private PostgresJobQueue queue;

    @BeforeEach
    void migrate() {
        database = new SharedQueueDatabase();
        queue = database.queue(new PostgresJobQueue.Limits(100, 100, 30, 2));
    }

    /** A job that ended {@code daysAgo} days ago (by the database's clock). */
    private String endedDaysAgo(int daysAgo) throws Exception {
        String id = queue.submit(newJob("alice"), null).id();
        queue.cancel(id);
        database.execute("UPDATE jobs SET finished_at = now() - interval '" + daysAgo + " days' WHERE id = ?", id);
        return id;
    }

    @Test
    void onlyJobsFinishedBeforeTheRetentionAreDeleted() throws Exception {
        String old1 = endedDaysAgo(8);
        String old2 = endedDaysAgo(30);
        String recent = endedDaysAgo(1);
        String queued = queue.submit(newJob("bob"), null).id();
        database.execute("UPDATE jobs SET created_at = now() - interval '90 days' WHERE id = ?", queued);

        Optional<List<String>> purged = queue.purgeFinishedBefore(RETENTION);
        assertEquals(Set.of(old1, old2), new HashSet<>(purged.orElseThrow()));
        assertTrue(queue.find(old1).isEmpty());
        assertTrue(queue.find(recent).isPresent());
        assertTrue(queue.find(queued).isPresent(), "a job not yet ended is never purged");
        assertEquals(List.of(), queue.purgeFinishedBefore(RETENTION).orElseThrow());
    }

    @Test
    void aJobWhoseObjectsCouldNotBeDeletedKeepsItsRowForTheNextPurge() throws Exception {
        String stuck = endedDaysAgo(8);
        String gone = endedDaysAgo(9);
        List<String> asked = new java.util.ArrayList<>();

        Optional<List<String>> purged = queue.purgeFinishedBefore(RETENTION, id -> {
            asked.add(id);
            if (id.equals(stuck)) {
                throw new java.io.IOException("the bucket did not answer");
            }
        });

        assertEquals(List.of(gone, stuck), asked, "oldest first, every expired job's objects asked for");
        assertEquals(List.of(gone), purged.orElseThrow());
        assertTrue(queue.find(gone).isEmpty());
        assertTrue(queue.find(stuck).isPresent(), "still named, so its objects are not lost track of");
        assertEquals(List.of(stuck), queue.purgeFinishedBefore(RETENTION, id -> { }).orElseThrow());
    }

    @Test
    void ofTwoConcurrentPurgesOneRunsAndTheOtherStandsAside() throws Exception {
        String old1 = endedDaysAgo(8);
        String old2 = endedDaysAgo(9);
        PostgresJobQueue replicaA = database.queue(new PostgresJobQueue.Limits(100, 100, 30, 2));
        PostgresJobQueue replicaB = database.queue(new PostgresJobQueue.Limits(100, 100, 30, 2));

        CompletableFuture<Optional<List<String>>> first;
        try (Connection holder = database.db.getConnection()) {
            // Hold one expired row, so that the first purge is still under way (it waits for the row) while
            // the second one starts.
            holder.setAutoCommit(false);
            try (PreparedStatement s = holder.prepareStatement("SELECT id FROM jobs WHERE id = ? FOR UPDATE")) {
                s.setString(1, old1);
                s.executeQuery().close();
            }
            first = CompletableFuture.supplyAsync(() -> {
                try {
                    return replicaA.purgeFinishedBefore(RETENTION);
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitPurgeWaitingOnRow();
            Optional<List<String>> second = replicaB.purgeFinishedBefore(RETENTION);
            assertTrue(second.isEmpty(), "the second purge stood aside: " + second);
            assertTrue(!first.isDone(), "the first purge is still running");
            holder.rollback();
        }
        assertEquals(Set.of(old1, old2), new HashSet<>(first.get(10, TimeUnit.SECONDS).orElseThrow()));
        assertEquals(List.of(), replicaB.purgeFinishedBefore(RETENTION).orElseThrow(), "free again once it ended");
    }

    /** Waits until a session of the database is blocked on a row lock: the first purge, inside its lock. */
    private void awaitPurgeWaitingOnRow() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!"true".equals(database.text("SELECT (count(*) > 0)::text FROM pg_stat_activity"
                + " WHERE wait_event_type = 'Lock' AND query LIKE 'DELETE FROM jobs%' AND datname = current_database()"
                + " AND ? IS NOT NULL", "x"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the first purge never started");
            }
            Thread.sleep(20);
        }
    }
}
