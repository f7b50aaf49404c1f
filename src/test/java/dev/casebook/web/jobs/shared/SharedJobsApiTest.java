package dev.casebook.web.jobs.shared;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.casebook.testing.HeapDumps;
import dev.casebook.testing.S3ProxyServer;
import dev.casebook.testing.TestKeys;
import dev.casebook.web.auth.Role;
import dev.casebook.web.health.SharedStoreResources;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPOutputStream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The job API with {@code casebook.store.kind=shared}, against a real PostgreSQL and a real s3proxy:
 * uploads (raw, gzip form) stream into the bucket and become rows, a replica claims and runs them,
 * results and the dominator tree are read back from the bucket, owners see only their own jobs, deleting
 * a job empties its prefix, and a database that is down refuses an upload with 503 and stores nothing.
 */
@QuarkusTest
@TestProfile(SharedJobsApiTest.SharedWithKeys.class)
class SharedJobsApiTest {

    private static final String ROOM = "dev.casebook.testing.leaks.LeakyApp$Room";

    static List<TestKeys.Key> keys() {
        Random random = new Random(20261207L);
        return List.of(TestKeys.issue("alice", Role.USER, random), TestKeys.issue("bob", Role.USER, random),
                TestKeys.issue("ops", Role.ADMIN, random));
    }

    public static final class SharedWithKeys implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SharedStoreResources.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            Path dir = Path.of("target", "casebook-test-shared-api");
            try {
                Files.createDirectories(dir);
                Files.write(dir.resolve("keys"), keys().stream().map(TestKeys.Key::line).toList());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("casebook.auth.keys-file", dir.resolve("keys").toString(),
                    "casebook.store.lease", "4s",
                    "casebook.store.heartbeat", "1s");
        }
    }

    private static final String ALICE = keys().get(0).key();
    private static final String BOB = keys().get(1).key();
    private static final String OPS = keys().get(2).key();

    /** Set by {@link SharedStoreResources}: while true the database refuses every new connection. */
    AtomicBoolean databaseDown;

    private static RequestSpecification as(String key) {
        return given().header("Authorization", "Bearer " + key);
    }

    private static JsonPath awaitFinal(String key, String id) throws InterruptedException {
        for (int i = 0; i < 1200; i++) {
            JsonPath job = as(key).get("/v1/jobs/" + id).then().statusCode(200).extract().jsonPath();
            if (!List.of("queued", "running").contains(job.getString("state"))) {
                return job;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("job " + id + " did not finish in 2 minutes");
    }

    private static List<String> objects(String prefix) {
        try (S3Client s3 = S3Clients.create(S3ProxyServer.settings(ConfigProvider.getConfig()
                .getValue("casebook.store.s3.endpoint", URI.class), SharedStoreResources.BUCKET))) {
            return s3.listObjectsV2Paginator(b -> b.bucket(SharedStoreResources.BUCKET).prefix(prefix)).contents()
                    .stream().map(S3Object::key).sorted().toList();
        }
    }

    @Test
    void anUploadRunsFromTheBucketAndOnlyItsOwnerSeesIt() throws Exception {
        String id = as(ALICE).contentType("application/octet-stream").body(HeapDumps.leakyLive().toFile())
                .post("/v1/jobs?className=" + ROOM + "&maxChains=2").then().statusCode(202)
                .body("state", equalTo("queued")).extract().jsonPath().getString("id");

        JsonPath job = awaitFinal(ALICE, id);

        assertEquals("succeeded", job.getString("state"), job.prettify());
        assertEquals(50, job.getInt("result.targets[0].reachable"));
        assertEquals(1, job.getInt("attempts"));
        // The job reads succeeded the moment its row commits; its replica deletes the dump right after.
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (objects("jobs/" + id + "/").contains("jobs/" + id + "/dump") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        List<String> kept = objects("jobs/" + id + "/");
        assertEquals(3, kept.size(), "the result, the dominator tree and the census; the dump was deleted: " + kept);
        as(ALICE).get("/v1/jobs/" + id + "/dominators?limit=3").then().statusCode(200)
                .body("children.size()", equalTo(3));
        for (String path : List.of("/v1/jobs/" + id, "/v1/jobs/" + id + "/dominators")) {
            as(BOB).get(path).then().statusCode(404).body("type", containsString("job-not-found"));
        }
        as(BOB).delete("/v1/jobs/" + id).then().statusCode(404);
        as(BOB).get("/v1/jobs").then().statusCode(200).body("id", not(hasItem(id)));
        as(ALICE).get("/v1/jobs").then().statusCode(200).body("id", hasItem(id));
        as(OPS).get("/v1/jobs?state=succeeded").then().statusCode(200).body("id", hasItem(id));

        as(ALICE).delete("/v1/jobs/" + id).then().statusCode(204);

        as(ALICE).get("/v1/jobs/" + id).then().statusCode(404);
        assertEquals(List.of(), objects("jobs/" + id + "/"));
    }

    @Test
    void growthComparesJobsWhoseCensusesLiveInTheBucket() throws Exception {
        String before = as(ALICE).contentType("application/octet-stream").body(HeapDumps.leakyLive().toFile())
                .post("/v1/jobs").then().statusCode(202).extract().jsonPath().getString("id");
        String after = as(ALICE).contentType("application/octet-stream").body(HeapDumps.leakyLive(200_000).toFile())
                .post("/v1/jobs").then().statusCode(202).extract().jsonPath().getString("id");
        assertEquals("succeeded", awaitFinal(ALICE, before).getString("state"));
        assertEquals("succeeded", awaitFinal(ALICE, after).getString("state"));

        as(ALICE).get("/v1/jobs/" + after + "/growth?baseline=" + before).then().statusCode(200)
                .body("baselines", equalTo(List.of(before)))
                .body("histogramDelta.find { it.className == '" + ROOM + "' }.delta.instances", equalTo(199_950))
                .body("histogramDelta.find { it.className == '" + ROOM + "' }.steps", equalTo(List.of(50, 200_000)));
        as(BOB).get("/v1/jobs/" + after + "/growth?baseline=" + before).then().statusCode(404);
    }

    @Test
    void aGzipFormUploadIsInflatedOnItsWayIntoTheBucket() throws Exception {
        Path gz = Files.createTempFile("shared-form", ".hprof.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(HeapDumps.leakyLive(), out);
        }
        String id = as(BOB).multiPart("dump", gz.toFile(), "application/gzip").multiPart("className", ROOM)
                .post("/v1/jobs").then().statusCode(202).extract().jsonPath().getString("id");

        JsonPath job = awaitFinal(BOB, id);

        assertEquals("succeeded", job.getString("state"), job.prettify());
        assertTrue(job.getBoolean("compressed"));
        assertEquals(Files.size(HeapDumps.leakyLive()), job.getLong("dumpBytes"), "the inflated size");
        Files.delete(gz);
    }

    @Test
    void withTheDatabaseDownAnUploadIsRefusedWith503AndLeavesNothing() {
        List<String> before = objects("jobs/");
        databaseDown.set(true);
        try {
            as(ALICE).contentType("application/octet-stream").body(HeapDumps.leakyLive().toFile())
                    .post("/v1/jobs?className=" + ROOM).then().statusCode(503)
                    .header("Retry-After", "5")
                    .body("type", containsString("store-unavailable"))
                    .body("detail", containsString("database"))
                    .body(not(containsString("jdbc")));
        } finally {
            databaseDown.set(false);
        }
        assertEquals(before, objects("jobs/"));
    }

    @Test
    void theReplicaCountsItsClaims() throws Exception {
        String id = as(ALICE).contentType("application/octet-stream").body(HeapDumps.leakyLive().toFile())
                .post("/v1/jobs?className=" + ROOM).then().statusCode(202).extract().jsonPath().getString("id");
        awaitFinal(ALICE, id);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("casebook_replica_claims_total") && !l.endsWith(" 0.0")), metrics);
        assertTrue(metrics.contains("casebook_replica_takeovers_total"));
        assertTrue(metrics.contains("casebook_replica_lease_losses_total"));
    }
}
