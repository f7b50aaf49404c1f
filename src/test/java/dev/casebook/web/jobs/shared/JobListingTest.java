package dev.casebook.web.jobs.shared;

import static dev.casebook.web.jobs.shared.SharedQueueDatabase.newJob;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.casebook.web.jobs.JobRecord;
import dev.casebook.web.jobs.JobState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a replica reads back: the record as submitted, and lists newest first, all or one owner's. */
class JobListingTest {

    @Test
    void aStoredJobReadsBackAsItWasSubmitted() throws Exception {
        SharedQueueDatabase database = new SharedQueueDatabase();
        PostgresJobQueue queue = database.queue(new PostgresJobQueue.Limits(100, 100, 30, 2));
        JobRecord job = newJob("alice");
        JobRecord stored = queue.submit(job, "dumps/" + job.id());

        assertEquals(stored, queue.find(job.id()).orElseThrow());
        assertEquals(job.query(), stored.query());
        assertEquals(JobState.QUEUED, stored.state());
        assertEquals(4096, stored.dumpBytes());
        assertTrue(stored.compressed());
        assertEquals("hprof", stored.format());
        assertEquals(0, stored.attempts());
        assertTrue(stored.createdAt() != null && stored.startedAt() == null && stored.finishedAt() == null);
        assertEquals(new PostgresJobQueue.ObjectKeys("dumps/" + job.id(), null, null, null), queue.keys(job.id()).orElseThrow());
        assertTrue(queue.keys("no-such-job").isEmpty());
        assertTrue(queue.find("no-such-job").isEmpty());
    }

    @Test
    void listsAreNewestFirstAndByOwner() throws Exception {
        SharedQueueDatabase database = new SharedQueueDatabase();
        PostgresJobQueue queue = database.queue(new PostgresJobQueue.Limits(100, 100, 30, 2));
        List<String> all = new ArrayList<>();
        List<String> alices = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            String owner = i % 3 == 0 ? "alice" : "bob";
            String id = queue.submit(newJob(owner), null).id();
            all.add(id);
            if (owner.equals("alice")) {
                alices.add(id);
            }
        }
        Collections.reverse(all);
        Collections.reverse(alices);
        assertEquals(all, queue.all().stream().map(JobRecord::id).toList());
        assertEquals(alices, queue.ownedBy("alice").stream().map(JobRecord::id).toList());
        assertTrue(queue.ownedBy("bob").stream().allMatch(j -> j.owner().equals("bob")));
        assertEquals(List.of(), queue.ownedBy("carol"));
    }
}
