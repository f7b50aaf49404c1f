package dev.casebook.web.jobs.shared;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.casebook.testing.S3ProxyServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/** Small objects, deleting a job, the orphan sweep and the readiness check, against a real S3 server (s3proxy). */
class ObjectStorageTest {

    private static final String BUCKET = "casebook-objects";
    private static final String SWEPT_BUCKET = "casebook-sweep";

    private static S3ProxyServer server;
    private static S3Client inspector;

    @TempDir
    Path scratch;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyServer.start();
        server.createBucket(BUCKET);
        server.createBucket(SWEPT_BUCKET);
        inspector = server.client();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (inspector != null) {
            inspector.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aSmallObjectIsReadBackAndAMissingOneIsEmpty() throws Exception {
        try (ObjectStorage storage = storage(server.settings(BUCKET))) {
            byte[] result = "{\"heap\":{}}".getBytes(StandardCharsets.UTF_8);

            String run = JobObjectKeys.run("small-1", "replica-a", 1);
            storage.put(JobObjectKeys.result(run), result);

            assertArrayEquals(result, storage.get(JobObjectKeys.result(run)).orElseThrow());
            assertEquals(Optional.empty(), storage.get(JobObjectKeys.dominators(run)));
            storage.delete(JobObjectKeys.result(run));
            assertEquals(Optional.empty(), storage.get(JobObjectKeys.result(run)));
        }
    }

    @Test
    void deletingAJobRemovesAllItsObjectsAndNoOtherJobs() throws Exception {
        try (ObjectStorage storage = storage(server.settings(BUCKET))) {
            // "job-1" is a prefix of "job-12" as a string; as a job it must not be.
            for (String job : List.of("job-1", "job-12")) {
                storage.upload(new ByteArrayInputStream(new byte[1000]), JobObjectKeys.dump(job), Long.MAX_VALUE);
                String run = JobObjectKeys.run(job, "replica-a", 1);
                storage.put(JobObjectKeys.result(run), new byte[] {'{', '}'});
                storage.put(JobObjectKeys.dominators(run), new byte[] {1, 2, 3});
            }

            assertEquals(3, storage.deleteJob("job-1"));

            assertEquals(List.of(), keys("jobs/job-1/"));
            assertEquals(List.of("jobs/job-12/dump", "jobs/job-12/runs/replica-a-1/dominators",
                    "jobs/job-12/runs/replica-a-1/result.json"), keys("jobs/job-12/"));
            assertEquals(0, storage.deleteJob("job-1"));
        }
    }

    @Test
    void theSweepAbortsAnOldDanglingUploadAndKeepsAFreshOneAndAnotherApplications() throws Exception {
        String others = inspector.createMultipartUpload(b -> b.bucket(SWEPT_BUCKET).key("reports/2026.csv")).uploadId();
        String orphan = inspector.createMultipartUpload(b -> b.bucket(SWEPT_BUCKET).key("jobs/orphan/dump")).uploadId();
        inspector.uploadPart(b -> b.bucket(SWEPT_BUCKET).key("jobs/orphan/dump").uploadId(orphan).partNumber(1),
                software.amazon.awssdk.core.sync.RequestBody.fromBytes(new byte[1024]));
        // S3 gives upload times to the second: the fresh upload starts in a later second than the cutoff.
        Thread.sleep(1100);
        Instant cutoff = Instant.now();
        Thread.sleep(1100);
        String fresh = inspector.createMultipartUpload(b -> b.bucket(SWEPT_BUCKET).key("jobs/fresh/dump")).uploadId();

        try (ObjectStorage storage = storage(server.settings(SWEPT_BUCKET))) {
            assertEquals(1, storage.sweepOrphanedUploads(cutoff));
        }

        List<MultipartUpload> left = inspector.listMultipartUploads(b -> b.bucket(SWEPT_BUCKET)).uploads();
        assertEquals(List.of(fresh, others).stream().sorted().toList(),
                left.stream().map(MultipartUpload::uploadId).sorted().toList());
        inspector.abortMultipartUpload(b -> b.bucket(SWEPT_BUCKET).key("reports/2026.csv").uploadId(others));
        inspector.abortMultipartUpload(b -> b.bucket(SWEPT_BUCKET).key("jobs/fresh/dump").uploadId(fresh));
    }

    @Test
    void anExistingBucketIsReady() {
        try (ObjectStorage storage = storage(server.settings(BUCKET))) {
            assertEquals(Optional.empty(), storage.checkBucket());
        }
    }

    @Test
    void aMissingBucketIsNotReadyAndSaysWhich() {
        try (ObjectStorage storage = storage(server.settings("no-such-bucket"))) {
            String reason = storage.checkBucket().orElseThrow();

            assertTrue(reason.contains("the bucket no-such-bucket does not exist at " + server.endpoint()), reason);
        }
    }

    @Test
    void anUnreachableEndpointIsNotReadyAndSaysWhere() throws IOException {
        URI nobody = URI.create("http://127.0.0.1:" + closedPort());
        try (ObjectStorage storage = storage(S3ProxyServer.settings(nobody, BUCKET))) {
            String reason = storage.checkBucket().orElseThrow();

            assertTrue(reason.startsWith("cannot reach " + nobody + " (casebook.store.s3.endpoint): "), reason);
            assertTrue(reason.contains("Connection refused"), reason);
        }
    }

    @Test
    void aWrongSecretIsNotReadyAndNamesTheKeys() {
        S3Settings good = server.settings(BUCKET);
        S3Settings wrongSecret = new S3Settings(good.endpoint(), BUCKET, good.region(), good.accessKey(),
                Optional.of("not-the-secret"), true);
        try (ObjectStorage storage = storage(wrongSecret)) {
            String reason = storage.checkBucket().orElseThrow();

            assertTrue(reason.contains("is denied"), reason);
            assertTrue(reason.contains("casebook.store.s3.secret-key"), reason);
            assertTrue(!reason.contains("not-the-secret"), reason);
        }
    }

    private ObjectStorage storage(S3Settings settings) {
        return new ObjectStorage(settings, scratch, ObjectStorage.MIN_PART_SIZE);
    }

    private static List<String> keys(String prefix) {
        return inspector.listObjectsV2(b -> b.bucket(BUCKET).prefix(prefix)).contents().stream()
                .map(o -> o.key()).sorted().toList();
    }

    /** A loopback port nothing listens on: one the system just handed out and took back. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
