package dev.casebook.web.it;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.casebook.testing.HeapDumps;
import dev.casebook.testing.PackagedService;
import dev.casebook.testing.ReplicaSet;
import dev.casebook.testing.SlowUpload;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Three replicas of the packaged service (separate JVMs) sharing one real PostgreSQL and one s3proxy
 * bucket, killed with SIGKILL mid-upload and mid-analysis and paused with SIGSTOP past their lease:
 * every accepted job ends succeeded, each succeeded exactly once (one "succeeded" line across every
 * replica's log), its result is the one the row names, and a paused replica writes nothing when it comes
 * back. Then 100 jobs under random kills and pauses, with the figures printed.
 */
class SharedReplicasIT {

    private static final String ROOM = "dev.casebook.testing.leaks.LeakyApp$Room";
    private static final Duration LEASE = Duration.ofSeconds(4);
    private static final int REPLICAS = 3;
    private static final int RANDOM_JOBS = 100;
    private static final Pattern SUCCEEDED = Pattern.compile("Job ([0-9a-f-]{36}) succeeded \\(start (\\d+)");

    private final Random random = new Random(20261207L);
    /** Replicas stopped with SIGSTOP right now: nobody asks them anything until they go on. */
    private final Set<Integer> paused = ConcurrentHashMap.newKeySet();
    private ReplicaSet replicas;

    @AfterEach
    void stopEverything() throws Exception {
        if (replicas != null) {
            replicas.close();
        }
    }

    private void pause(int i, boolean stopped) throws Exception {
        if (stopped) {
            paused.add(i);
            replicas.replica(i).pause(true);
        } else {
            replicas.replica(i).pause(false);
            paused.remove(i);
        }
    }

    /** A replica that is not paused, at random (it may still be killed under the caller). */
    private PackagedService anyAwake() {
        List<Integer> awake = new ArrayList<>();
        for (int i = 0; i < REPLICAS; i++) {
            if (!paused.contains(i)) {
                awake.add(i);
            }
        }
        return replicas.replica(awake.get(random.nextInt(awake.size())));
    }

    /** Submits to replica {@code i}; empty when that replica died under the upload. */
    private Optional<String> submit(PackagedService replica, Path dump) {
        try {
            return Optional.of(given().baseUri(replica.baseUri()).contentType("application/octet-stream").body(dump.toFile())
                    .post("/v1/jobs?className=" + ROOM).then().statusCode(202).extract().jsonPath().getString("id"));
        } catch (Exception | AssertionError diedOrPausedUnderIt) {
            return Optional.empty();
        }
    }

    private String awaitRunning(String id) throws Exception {
        for (int i = 0; i < 600; i++) {
            String state = replicas.text("SELECT state FROM jobs WHERE id = ?", id);
            if (!"queued".equals(state)) {
                return state;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(id + " never started");
    }

    private JsonPath awaitFinal(String id, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                JsonPath job = given().baseUri(anyAwake().baseUri()).get("/v1/jobs/" + id).then().statusCode(200)
                        .extract().jsonPath();
                if (!List.of("queued", "running").contains(job.getString("state"))) {
                    return job;
                }
            } catch (Exception | AssertionError replicaKilledOrRestarting) {
                // ask another one
            }
            Thread.sleep(100);
        }
        throw new AssertionError(id + " did not finish in " + within);
    }

    /** How many times each job succeeded, by the "succeeded" lines of every replica's every start. */
    private Map<String, Integer> successes() throws IOException {
        Map<String, Integer> counts = new HashMap<>();
        for (PackagedService service : replicas.everyStart()) {
            Matcher m = SUCCEEDED.matcher(service.log());
            while (m.find()) {
                counts.merge(m.group(1), 1, Integer::sum);
            }
        }
        return counts;
    }

    /** The job succeeded once, and its result is whole and the one its row names. */
    private void assertSucceededOnce(String id, JsonPath job, int rooms, Map<String, Integer> successes) throws SQLException {
        assertEquals("succeeded", job.getString("state"), id + ": " + job.getString("error"));
        assertEquals(rooms, job.getInt("result.targets[0].reachable"), id);
        assertEquals(1, successes.getOrDefault(id, 0), id + " succeeded once, on one replica");
        String resultKey = replicas.text("SELECT result_key FROM jobs WHERE id = ?", id);
        assertTrue(resultKey.startsWith("jobs/" + id + "/runs/replica-"), resultKey);
        assertTrue(replicas.s3().client().headObject(b -> b.bucket(ReplicaSet.BUCKET).key(resultKey)).contentLength() > 0);
    }

    @Test
    void replicasKilledAndPausedLoseNothingRunNothingTwiceAndOverwriteNothing() throws Exception {
        replicas = ReplicaSet.start(REPLICAS, List.of("casebook.store.lease=" + LEASE.toSeconds() + "s",
                "casebook.store.heartbeat=1s", "casebook.jobs.max-attempts=6", "casebook.jobs.queue-size=1000",
                "casebook.jobs.max-active-per-owner=1000"));
        Path big = HeapDumps.leakyLive(200_000);
        Path small = HeapDumps.leakyLive();

        // 1. SIGKILL mid-upload: the upload is refused (the client sees the connection die) and is no job.
        AtomicLong sent = new AtomicLong();
        PackagedService receiving = replicas.replica(0);
        Thread upload = new Thread(() -> SlowUpload.post(receiving.baseUri() + "/v1/jobs?className=" + ROOM, big, sent));
        upload.start();
        while (sent.get() < Files.size(big) / 3 && upload.isAlive()) {
            Thread.sleep(5);
        }
        boolean spooling;
        try (var files = Files.list(replicas.scratch(0))) {
            spooling = files.anyMatch(f -> f.getFileName().toString().startsWith("part-"));
        }
        replicas.restart(0);
        upload.join(30_000);
        assertEquals(0, replicas.rows(), "a cut upload never becomes a job");
        try (var files = Files.list(replicas.scratch(0))) {
            assertEquals(List.of(), files.toList(), "the restarted replica removed the part it was spooling ("
                    + (spooling ? "seen" : "not seen") + " before the kill)");
        }

        // 2. SIGKILL mid-analysis: another replica takes the job over within about one lease, and it succeeds once.
        String killed = submit(replicas.replica(1), big).orElseThrow();
        awaitRunning(killed);
        int holder = replicas.leaseHolder(killed).orElseThrow();
        long killedAt = System.nanoTime();
        replicas.replica(holder).kill();
        while (replicas.leaseHolder(killed).orElse(-1) == holder
                && System.nanoTime() - killedAt < Duration.ofMinutes(1).toNanos()) {
            Thread.sleep(50);
        }
        double takeoverSeconds = (System.nanoTime() - killedAt) / 1e9;
        assertTrue(takeoverSeconds < 2 * LEASE.toSeconds(), "taken over within about one lease: " + takeoverSeconds + " s");
        JsonPath afterKill = awaitFinal(killed, Duration.ofMinutes(2));
        replicas.start(holder);
        assertEquals(2, afterKill.getInt("attempts"), "the killed start counts");

        // 3. SIGSTOP past the lease, then SIGCONT: the job is taken over, and the paused replica writes nothing.
        String slept = submit(replicas.replica(2), big).orElseThrow();
        awaitRunning(slept);
        int sleeper = replicas.leaseHolder(slept).orElseThrow();
        pause(sleeper, true);
        long pauseDeadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (replicas.leaseHolder(slept).map(h -> h == sleeper).orElse(false) && System.nanoTime() < pauseDeadline) {
            Thread.sleep(100);
        }
        assertTrue(!replicas.leaseHolder(slept).map(h -> h == sleeper).orElse(false), "another replica took the job over");
        JsonPath afterPause = awaitFinal(slept, Duration.ofMinutes(2));
        String row = replicas.text("SELECT row_to_json(j)::text FROM jobs j WHERE id = ?", slept);
        pause(sleeper, false);
        Thread.sleep(LEASE.toMillis() + 2000);
        assertEquals(row, replicas.text("SELECT row_to_json(j)::text FROM jobs j WHERE id = ?", slept),
                "the replica that came back wrote nothing over the new owner's work");

        Map<String, Integer> successes = successes();
        assertSucceededOnce(killed, afterKill, 200_000, successes);
        assertSucceededOnce(slept, afterPause, 200_000, successes);

        // 4. Many jobs under random kills and pauses.
        Chaos chaos = new Chaos();
        List<String> accepted = new CopyOnWriteArrayList<>();
        AtomicInteger refused = new AtomicInteger();
        long start = System.nanoTime();
        Thread chaosThread = new Thread(chaos);
        chaosThread.start();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            Thread client = new Thread(() -> {
                // Submitting goes on until the chaos has both killed and paused: with fast jobs, 100 can be
                // accepted before its first strike.
                while (accepted.size() < RANDOM_JOBS || !chaos.struckBoth()) {
                    Optional<String> id = submit(anyAwake(), small);
                    if (id.isPresent()) {
                        accepted.add(id.get());
                    } else {
                        refused.incrementAndGet();
                    }
                }
            });
            client.start();
            clients.add(client);
        }
        for (Thread client : clients) {
            client.join();
        }
        chaos.stop = true;
        chaosThread.join();
        Map<String, JsonPath> finals = new ConcurrentHashMap<>();
        for (String id : accepted) {
            finals.put(id, awaitFinal(id, Duration.ofMinutes(3)));
        }
        double minutes = (System.nanoTime() - start) / 60e9;
        successes = successes();
        int lost = 0;
        int twice = 0;
        for (String id : accepted) {
            lost += finals.get(id).getString("state").equals("succeeded") ? 0 : 1;
            twice += successes.getOrDefault(id, 0) > 1 ? 1 : 0;
        }
        long takenOver = accepted.stream().filter(id -> finals.get(id).getInt("attempts") > 1).count();
        System.out.printf("replicas: %d jobs accepted (%d submissions failed on a killed or restarting replica and were sent again), %d kills, %d pauses"
                + " past the lease; lost %d, succeeded twice %d, taken over %d; %.0f jobs/min under chaos; first takeover"
                + " after a kill took %.1f s (lease %d s)%n", accepted.size(), refused.get(), chaos.kills.get(),
                chaos.pauses.get(), lost, twice, takenOver, accepted.size() / minutes, takeoverSeconds, LEASE.toSeconds());
        for (String id : accepted) {
            assertSucceededOnce(id, finals.get(id), 50, successes);
        }
        assertEquals(0, lost);
        assertEquals(0, twice);
        assertTrue(chaos.kills.get() > 0 && chaos.pauses.get() > 0, "the chaos did strike");
        assertTrue(replicas.rows() - accepted.size() - 2 <= chaos.kills.get(),
                "at most one job per kill was stored after its client lost the connection: " + replicas.rows());
    }

    /**
     * Every 1.5 to 3 s, kills a replica (restarting it) or pauses one past its lease: first one kill, then
     * one pause, then either at random.
     */
    private final class Chaos implements Runnable {
        volatile boolean stop;
        final AtomicInteger kills = new AtomicInteger();
        final AtomicInteger pauses = new AtomicInteger();

        boolean struckBoth() {
            return kills.get() > 0 && pauses.get() > 0;
        }

        @Override
        public void run() {
            try {
                for (int strike = 0; !stop; strike++) {
                    Thread.sleep(1500 + random.nextInt(1500));
                    int victim = random.nextInt(REPLICAS);
                    boolean kill = strike == 0 || (strike > 1 && random.nextBoolean());
                    if (kill) {
                        replicas.restart(victim);
                        kills.incrementAndGet();
                    } else if (paused.size() < REPLICAS - 1) {
                        pause(victim, true);
                        Thread.sleep(LEASE.toMillis() + 1000);
                        pause(victim, false);
                        pauses.incrementAndGet();
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
