package dev.casebook.web.jobs.shared;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.casebook.testing.CuttingProxy;
import dev.casebook.testing.S3ProxyServer;
import dev.casebook.web.jobs.UploadTooLargeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** Streaming uploads into a real S3 server (s3proxy), with parts of S3's smallest size to stay quick. */
class ObjectStorageUploadTest {

    private static final String BUCKET = "casebook-uploads";
    private static final long PART = ObjectStorage.MIN_PART_SIZE;
    private static final long NO_CAP = Long.MAX_VALUE;

    private static S3ProxyServer server;
    private static S3Client inspector;

    @TempDir
    Path scratch;
    private ObjectStorage storage;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyServer.start();
        server.createBucket(BUCKET);
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

    @BeforeEach
    void open() {
        storage = new ObjectStorage(server.settings(BUCKET), scratch, PART);
    }

    @AfterEach
    void close() {
        storage.close();
    }

    @Test
    void aDumpOfSeveralPartsComesBackByteForByte() throws Exception {
        byte[] dump = randomBytes(2 * PART + PART / 2 + 123, 1);

        long stored = storage.upload(new ByteArrayInputStream(dump), "jobs/round-trip/dump", NO_CAP);

        assertEquals(dump.length, stored);
        // A multipart object's ETag is the digest of its parts' digests, followed by the number of parts.
        String etag = inspector.headObject(b -> b.bucket(BUCKET).key("jobs/round-trip/dump")).eTag();
        assertTrue(etag.endsWith("-3\""), etag);
        Path copy = storage.downloadToScratch("jobs/round-trip/dump").orElseThrow();
        assertEquals(scratch.toAbsolutePath(), copy.getParent());
        assertArrayEquals(sha256(dump), sha256(Files.readAllBytes(copy)));
        storage.deleteScratch(copy);
        assertFalse(Files.exists(copy));
        assertScratchEmpty();
        assertNoPendingUploads();
    }

    @Test
    void aDumpShorterThanOnePartIsOneObject() throws Exception {
        byte[] dump = randomBytes(100_000, 2);

        assertEquals(dump.length, storage.upload(new ByteArrayInputStream(dump), "jobs/small/dump", NO_CAP));

        String etag = inspector.headObject(b -> b.bucket(BUCKET).key("jobs/small/dump")).eTag();
        assertFalse(etag.contains("-"), etag);
        assertArrayEquals(dump, storage.get("jobs/small/dump").orElseThrow());
        assertScratchEmpty();
    }

    @Test
    void aDumpOfExactlyOnePartIsStoredWhole() throws Exception {
        byte[] dump = randomBytes(PART, 3);

        assertEquals(dump.length, storage.upload(new ByteArrayInputStream(dump), "jobs/one-part/dump", NO_CAP));

        assertArrayEquals(sha256(dump), sha256(storage.get("jobs/one-part/dump").orElseThrow()));
        assertNoPendingUploads();
    }

    @Test
    void aStreamThatFailsMidUploadLeavesNoObjectAndNoUpload() throws Exception {
        IOException cutOff = new IOException("the client went away");
        InputStream body = new SequenceInputStream(new ByteArrayInputStream(randomBytes(PART + PART / 2, 4)),
                new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw cutOff;
                    }
                });

        IOException thrown = assertThrows(IOException.class, () -> storage.upload(body, "jobs/cut-off/dump", NO_CAP));

        assertSame(cutOff, thrown);
        assertNoObject("jobs/cut-off/dump");
        assertNoPendingUploads();
        assertScratchEmpty();
    }

    @Test
    void anUploadPastItsCapIsRefusedAndAborted() throws Exception {
        long cap = PART + PART / 2;
        byte[] dump = randomBytes(2 * PART + 1, 5);

        UploadTooLargeException refused = assertThrows(UploadTooLargeException.class,
                () -> storage.upload(new ByteArrayInputStream(dump), "jobs/too-large/dump", cap));

        assertEquals(cap, refused.limit());
        assertTrue(refused.getMessage().contains(String.valueOf(cap)), refused.getMessage());
        assertNoObject("jobs/too-large/dump");
        assertNoPendingUploads();
        assertScratchEmpty();
    }

    @Test
    void aPartTheNetworkLosesIsSentAgainFromItsSpoolFile() throws Exception {
        byte[] dump = randomBytes(2 * PART + 77, 6);
        try (CuttingProxy proxy = CuttingProxy.cuttingOnce(server.port(), "partNumber=2");
                ObjectStorage throughProxy = new ObjectStorage(S3ProxyServer.settings(proxy.endpoint(), BUCKET), scratch, PART)) {

            long stored = throughProxy.upload(new ByteArrayInputStream(dump), "jobs/resent/dump", NO_CAP);

            assertEquals(dump.length, stored);
            assertTrue(proxy.cut(), "the proxy never saw part 2");
            assertTrue(proxy.markersSeen() >= 2, "part 2 sent, cut, and sent again: seen " + proxy.markersSeen());
        }
        Path copy = storage.downloadToScratch("jobs/resent/dump").orElseThrow();
        assertArrayEquals(sha256(dump), sha256(Files.readAllBytes(copy)));
        storage.deleteScratch(copy);
        assertNoPendingUploads();
    }

    @Test
    void aMissingDumpIsNoScratchCopy() throws Exception {
        assertTrue(storage.downloadToScratch("jobs/never-uploaded/dump").isEmpty());
        assertScratchEmpty();
    }

    /** The free space is checked against the object's size before a byte is copied, with the margin kept free. */
    @Test
    void aDumpTheScratchDiskCannotTakeIsRefusedBeforeTheDownload() throws Exception {
        byte[] dump = randomBytes(PART + 17, 3);
        storage.upload(new ByteArrayInputStream(dump), "jobs/too-big/dump", NO_CAP);
        long free = Files.getFileStore(scratch).getUsableSpace();
        try (ObjectStorage tight = new ObjectStorage(server.settings(BUCKET), scratch, PART, free)) {
            ScratchSpaceException refused = assertThrows(ScratchSpaceException.class,
                    () -> tight.downloadToScratch("jobs/too-big/dump"));
            assertTrue(refused.getMessage().contains("casebook.jobs.min-free-disk")
                    && refused.getMessage().contains("casebook.store.scratch-dir"), refused.getMessage());
            assertScratchEmpty();
            assertTrue(tight.downloadToScratch("jobs/never-uploaded/dump").isEmpty(), "a missing dump is still no copy");
        }
        try (ObjectStorage roomy = new ObjectStorage(server.settings(BUCKET), scratch, PART, free / 4)) {
            Path copy = roomy.downloadToScratch("jobs/too-big/dump").orElseThrow();
            assertArrayEquals(sha256(dump), sha256(Files.readAllBytes(copy)));
            roomy.deleteScratch(copy);
        }
    }

    @Test
    void theScratchFilesOfARunThatStoppedMidWayAreDeletedAndNothingElse() throws Exception {
        Path spooled = Files.write(scratch.resolve("part-123.spool"), new byte[10]);
        Path copied = Files.write(scratch.resolve("download-456.dump"), new byte[10]);
        Path someoneElses = Files.write(scratch.resolve("notes.txt"), new byte[10]);

        assertEquals(2, storage.deleteLeftoverScratch());

        assertFalse(Files.exists(spooled));
        assertFalse(Files.exists(copied));
        assertTrue(Files.exists(someoneElses));
        Files.delete(someoneElses);
    }

    private void assertNoObject(String key) {
        assertThrows(NoSuchKeyException.class, () -> inspector.headObject(b -> b.bucket(BUCKET).key(key)));
    }

    private void assertNoPendingUploads() {
        assertEquals(java.util.List.of(), inspector.listMultipartUploads(b -> b.bucket(BUCKET)).uploads());
    }

    private void assertScratchEmpty() throws IOException {
        try (Stream<Path> files = Files.list(scratch)) {
            assertEquals(java.util.List.of(), files.toList());
        }
    }

    private static byte[] randomBytes(long length, long seed) {
        byte[] bytes = new byte[Math.toIntExact(length)];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] sha256(byte[] bytes) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }
}
