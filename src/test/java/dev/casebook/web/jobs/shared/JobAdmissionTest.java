package dev.casebook.web.jobs.shared;

import static dev.casebook.web.jobs.shared.SharedQueueDatabase.newJob;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.casebook.web.jobs.JobRecord;
import dev.casebook.web.jobs.JobState;
import dev.casebook.web.jobs.QueueFullException;
import dev.casebook.web.jobs.TooManyJobsException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The per-owner and queue limits hold when many replicas submit at once: each submission is its own
 * queue object (a replica) on its own connections, all released together.
 */
class JobAdmissionTest {

    private SharedQueueDatabase database;

    @BeforeEach
    void migrate() {
        database = new SharedQueueDatabase();
    }

    /** Submits {@code owners.size()} jobs at once, one thread and one queue object each; counts the outcomes. */
    private Outcomes submitTogether(PostgresJobQueue.Limits limits, List<String> owners) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(owners.size());
        List<Future<String>> results = new ArrayList<>();
        for (String owner : owners) {
            PostgresJobQueue replica = database.queue(limits);
            Callable<String> submit = () -> {
                go.await();
                try {
                    replica.submit(newJob(owner), null);
                    return "accepted";
                } catch (TooManyJobsException e) {
                    return "too-many";
                } catch (QueueFullException e) {
                    return "queue-full";
                }
            };
            results.add(pool.submit(submit));
        }
        go.countDown();
        Outcomes outcomes = new Outcomes();
        for (Future<String> f : results) {
            switch (f.get()) {
                case "accepted" -> outcomes.accepted++;
                case "too-many" -> outcomes.tooMany++;
                default -> outcomes.queueFull++;
            }
        }
        pool.shutdown();
        return outcomes;
    }

    private static final class Outcomes {
        int accepted;
        int tooMany;
        int queueFull;
    }

    @Test
    void oneOwnerNeverHasMoreActiveJobsThanAllowedAcrossReplicas() throws Exception {
        PostgresJobQueue.Limits limits = new PostgresJobQueue.Limits(100, 3, 30, 2);
        Outcomes outcomes = submitTogether(limits, java.util.Collections.nCopies(12, "alice"));
        assertEquals(3, outcomes.accepted);
        assertEquals(9, outcomes.tooMany);
        assertEquals(3, database.queue(limits).ownedBy("alice").size());

        // Running jobs count as active too; an ended one frees a place.
        PostgresJobQueue queue = database.queue(limits);
        JobRecord running = queue.claim("replica-a", Duration.ofMinutes(1)).orElseThrow();
        TooManyJobsException refused = assertThrows(TooManyJobsException.class, () -> queue.submit(newJob("alice"), null));
        assertEquals(30, refused.retryAfterSeconds());
        assertEquals(true, refused.getMessage().startsWith("you have 3 jobs queued or running"));
        queue.succeed(running.id(), "replica-a", "results/x", null, null);
        assertEquals(JobState.QUEUED, queue.submit(newJob("alice"), null).state());
        assertThrows(TooManyJobsException.class, () -> queue.checkRoom("alice"));
    }

    @Test
    void theQueueNeverHoldsMoreThanItsSizeAcrossReplicas() throws Exception {
        PostgresJobQueue.Limits limits = new PostgresJobQueue.Limits(5, 2, 30, 2);
        List<String> owners = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            owners.add("owner-" + i);
        }
        Outcomes outcomes = submitTogether(limits, owners);
        assertEquals(5, outcomes.accepted);
        assertEquals(11, outcomes.queueFull);
        PostgresJobQueue queue = database.queue(limits);
        assertEquals(5, queue.all().size());

        // A claimed job leaves the queue: one more may wait.
        queue.claim("replica-a", Duration.ofMinutes(1)).orElseThrow();
        queue.checkRoom("owner-99");
        queue.submit(newJob("owner-99"), null);
        assertThrows(QueueFullException.class, () -> queue.submit(newJob("owner-100"), null));
    }

    @Test
    void bothLimitsTogetherUnderContention() throws Exception {
        PostgresJobQueue.Limits limits = new PostgresJobQueue.Limits(7, 2, 30, 2);
        List<String> owners = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            owners.add("owner-" + (i % 6));
        }
        Outcomes outcomes = submitTogether(limits, owners);
        assertEquals(7, outcomes.accepted);
        assertEquals(24, outcomes.accepted + outcomes.tooMany + outcomes.queueFull);
        PostgresJobQueue queue = database.queue(limits);
        for (int i = 0; i < 6; i++) {
            int owned = queue.ownedBy("owner-" + i).size();
            assertEquals(true, owned <= 2, "owner-" + i + " has " + owned);
        }
    }
}
