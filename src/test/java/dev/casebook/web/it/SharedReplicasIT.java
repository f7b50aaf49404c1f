package dev.casebook.web.it;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.casebook.testing.HeapDumps;
import dev.casebook.testing.PackagedService;
import dev.casebook.testing.SlowUpload;
import dev.casebook.testing.PostgresServer;
import dev.casebook.testing.S3ProxyServer;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Three replicas of the packaged service (separate JVMs) sharing one real PostgreSQL and one s3proxy
 * bucket, killed with SIGKILL mid-upload and mid-analysis and paused with SIGSTOP past their lease:
 * every accepted job ends succeeded, each succeeded exactly once (one "succeeded" line across every
 * replica's log), its result is the one the row names, and a paused replica writes nothing when it comes
 * back. Then 120 jobs under random kills and pauses, with the figures printed.
 */
class SharedReplicasIT {

    private static final String ROOM = "dev.casebook.testing.leaks.LeakyApp$Room";
    private static final Duration LEASE = Duration.ofSeconds(4);
    private static final int REPLICAS = 3;
    private static final int RANDOM_JOBS = 120;
    private static final Pattern SUCCEEDED = Pattern.compile("Job ([0-9a-f-]{36}) succeeded \\(start (\\d+)");

    private final List<PackagedService> everyStart = new CopyOnWriteArrayList<>();
    private final PackagedService[] replicas = new PackagedService[REPLICAS];
    private final Random random = new Random(20261207L);
    private DataSource db;
    private S3ProxyServer s3;
    private String[] properties;
    private Path data;

    @AfterEach
    void stopEverything() throws Exception {
        for (PackagedService service : everyStart) {
            if (service.isAlive()) {
                service.pause(false);
                service.kill();
            }
        }
        if (s3 != null) {
            s3.close();
        }
    }

    private void startParts() throws Exception {
        db = PostgresServer.shared().newDatabase();
        PGSimpleDataSource pg = (PGSimpleDataSource) db;
        s3 = S3ProxyServer.start();
        s3.createBucket("replicas");
        data = Files.createTempDirectory(Path.of("target"), "it-replicas");
        properties = new String[] {"casebook.store.kind=shared",
            "quarkus.datasource.jdbc.url=" + PostgresServer.shared().url(pg.getDatabaseName()),
            "quarkus.datasource.username=" + pg.getUser(), "quarkus.datasource.password=",
            "casebook.store.s3.endpoint=" + s3.endpoint(), "casebook.store.s3.bucket=replicas",
            "casebook.store.s3.region=" + S3ProxyServer.REGION, "casebook.store.s3.access-key=" + S3ProxyServer.ACCESS_KEY,
            "casebook.store.s3.secret-key=" + S3ProxyServer.SECRET_KEY, "casebook.store.s3.path-style=true",
            "casebook.store.lease=" + LEASE.toSeconds() + "s", "casebook.store.heartbeat=1s",
            "casebook.jobs.warm-up-rounds=0", "casebook.jobs.max-attempts=6", "casebook.jobs.queue-size=1000",
            "casebook.jobs.max-active-per-owner=1000"};
        for (int i = 0; i < REPLICAS; i++) {
            start(i);
        }
    }

    /** Replica {@code i} (again): its own data and scratch directory, HOSTNAME replica-i in its lease name. */
    private void start(int i) throws Exception {
        Path dir = data.resolve("replica-" + i);
        List<String> props = new ArrayList<>(List.of(properties));
        props.add("casebook.store.scratch-dir=" + dir.resolve("scratch").toAbsolutePath());
        replicas[i] = PackagedService.start(dir, Map.of("HOSTNAME", "replica-" + i), props.toArray(String[]::new));
        everyStart.add(replicas[i]);
    }

    private void restart(int i) throws Exception {
        replicas[i].kill();
        start(i);
    }

    /** Which replica holds the lease on a running job now, if one does. */
    private Optional<Integer> leaseHolder(String id) throws SQLException {
        String owner = text("SELECT lease_owner FROM jobs WHERE id = ? AND state = 'running'", id);
        return owner == null ? Optional.empty() : Optional.of(Integer.parseInt(owner.replaceAll("^replica-(\\d+)-.*", "$1")));
    }

    private String text(String sql, String id) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private long rows() throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("SELECT count(*) FROM jobs");
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private PackagedService anyLive() {
        List<PackagedService> live = new ArrayList<>();
        for (PackagedService r : replicas) {
            live.add(r);
        }
        Collections.shuffle(live, random);
        return live.get(0);
    }

    /** Submits to replica {@code i}; empty when that replica died under the upload. */
    private Optional<String> submit(PackagedService replica, Path dump) {
        try {
            return Optional.of(given().baseUri(replica.baseUri()).contentType("application/octet-stream").body(dump.toFile())
                    .post("/v1/jobs?className=" + ROOM).then().statusCode(202).extract().jsonPath().getString("id"));
        } catch (RuntimeException | AssertionError e) {
            return Optional.empty();
        }
    }

    private String awaitRunning(String id) throws Exception {
        for (int i = 0; i < 600; i++) {
            String state = text("SELECT state FROM jobs WHERE id = ?", id);
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
                JsonPath job = given().baseUri(anyLive().baseUri()).get("/v1/jobs/" + id).then().statusCode(200)
                        .extract().jsonPath();
                if (!List.of("queued", "running").contains(job.getString("state"))) {
                    return job;
                }
            } catch (RuntimeException | AssertionError replicaPausedOrRestarting) {
                // ask another one
            }
            Thread.sleep(100);
        }
        throw new AssertionError(id + " did not finish in " + within);
    }

    /** How many times each job succeeded, by the "succeeded" lines of every replica's every start. */
    private Map<String, Integer> successes() throws IOException {
        Map<String, Integer> counts = new HashMap<>();
        for (PackagedService service : everyStart) {
            Matcher m = SUCCEEDED.matcher(service.log());
            while (m.find()) {
                counts.merge(m.group(1), 1, Integer::sum);
            }
        }
        return counts;
    }

    /** The job succeeded once, and its result is whole and the one its row names. */
    private void assertSucceededOnce(String id, JsonPath job, Map<String, Integer> successes) throws SQLException {
        assertEquals("succeeded", job.getString("state"), id + ": " + job.getString("error"));
        assertEquals(50, job.getInt("result.targets[0].reachable"), id);
        assertEquals(1, successes.getOrDefault(id, 0), id + " succeeded once, on one replica");
        String resultKey = text("SELECT result_key FROM jobs WHERE id = ?", id);
        assertTrue(resultKey.startsWith("jobs/" + id + "/runs/replica-"), resultKey);
        assertTrue(s3.client().headObject(b -> b.bucket("replicas").key(resultKey)).contentLength() > 0);
    }

    @Test
    void replicasKilledAndPausedLoseNothingRunNothingTwiceAndOverwriteNothing() throws Exception {
        startParts();
        Path big = HeapDumps.leakyLive(200_000);
        Path small = HeapDumps.leakyLive();

        // 1. SIGKILL mid-upload: the upload is refused (the client sees the connection die) and is no job.
        AtomicLong sent = new AtomicLong();
        PackagedService receiving = replicas[0];
        Thread upload = new Thread(() -> SlowUpload.post(receiving.baseUri() + "/v1/jobs?className=" + ROOM, big, sent));
        upload.start();
        while (sent.get() < Files.size(big) / 3 && upload.isAlive()) {
            Thread.sleep(5);
        }
        restart(0);
        upload.join(30_000);
        assertEquals(0, rows(), "a cut upload never becomes a job");

        // 2. SIGKILL mid-analysis: another replica takes the job over within about one lease, and it succeeds once.
        String killed = submit(replicas[1], big).orElseThrow();
        awaitRunning(killed);
        int holder = leaseHolder(killed).orElseThrow();
        long killedAt = System.nanoTime();
        restart(holder);
        JsonPath afterKill = awaitFinal(killed, Duration.ofMinutes(2));
        double takeoverSeconds = (System.nanoTime() - killedAt) / 1e9;
        assertEquals(2, afterKill.getInt("attempts"), "the killed start counts");

        // 3. SIGSTOP past the lease, then SIGCONT: the job is taken over, and the paused replica writes nothing.
        String paused = submit(replicas[2], big).orElseThrow();
        awaitRunning(paused);
        int sleeper = leaseHolder(paused).orElseThrow();
        replicas[sleeper].pause(true);
        long pauseDeadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (leaseHolder(paused).map(h -> h == sleeper).orElse(false) && System.nanoTime() < pauseDeadline) {
            Thread.sleep(100);
        }
        assertTrue(!leaseHolder(paused).map(h -> h == sleeper).orElse(false), "another replica took the job over");
        JsonPath afterPause = awaitFinal(paused, Duration.ofMinutes(2));
        String row = text("SELECT row_to_json(j)::text FROM jobs j WHERE id = ?", paused);
        replicas[sleeper].pause(false);
        Thread.sleep(LEASE.toMillis() + 2000);
        assertEquals(row, text("SELECT row_to_json(j)::text FROM jobs j WHERE id = ?", paused),
                "the replica that came back wrote nothing over the new owner's work");

        Map<String, Integer> successes = successes();
        assertSucceededOnce(killed, afterKill, successes);
        assertSucceededOnce(paused, afterPause, successes);

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
                while (accepted.size() < RANDOM_JOBS) {
                    Optional<String> id = submit(anyLive(), small);
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
        System.out.printf("replicas: %d jobs accepted (%d uploads cut by a kill or pause, retried), %d kills, %d pauses"
                + " past the lease; lost %d, succeeded twice %d, taken over %d; %.0f jobs/min under chaos; first takeover"
                + " after a kill took %.1f s (lease %d s)%n", accepted.size(), refused.get(), chaos.kills.get(),
                chaos.pauses.get(), lost, twice, takenOver, accepted.size() / minutes, takeoverSeconds, LEASE.toSeconds());
        for (String id : accepted) {
            assertSucceededOnce(id, finals.get(id), successes);
        }
        assertEquals(0, lost);
        assertEquals(0, twice);
        assertTrue(chaos.kills.get() > 0 && chaos.pauses.get() > 0, "the chaos did strike");
        assertTrue(rows() - accepted.size() - 2 <= chaos.kills.get(),
                "at most one job per kill was stored after its client lost the connection: " + rows());
    }

    /** Every 1.5 to 3 s, kills a replica (restarting it) or pauses one past its lease. */
    private final class Chaos implements Runnable {
        volatile boolean stop;
        final AtomicInteger kills = new AtomicInteger();
        final AtomicInteger pauses = new AtomicInteger();

        @Override
        public void run() {
            try {
                while (!stop) {
                    Thread.sleep(1500 + random.nextInt(1500));
                    int victim = random.nextInt(REPLICAS);
                    if (random.nextBoolean()) {
                        restart(victim);
                        kills.incrementAndGet();
                    } else {
                        replicas[victim].pause(true);
                        Thread.sleep(LEASE.toMillis() + 1000);
                        replicas[victim].pause(false);
                        pauses.incrementAndGet();
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
