package dev.casebook.web.jobs.shared;

import dev.casebook.web.jobs.UploadTooLargeException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Dumps and results of the shared store in one bucket of S3-compatible object storage (AWS, MinIO,
 * Ceph, s3proxy), with a local scratch directory for what passes through this replica: parts on their
 * way up and dumps on their way to the analysis, which memory-maps them.
 *
 * <p>Every failure of the storage is an {@link IOException} that names the operation, the key and the
 * endpoint; an upload past its cap is an {@link UploadTooLargeException}, as for the embedded store.
 * Thread-safe: the S3 client is, and each call keeps its own files.
 */
public final class ObjectStorage implements Closeable {

    /** Parts of 16 MiB cover the 32 GiB inflate cap well within S3's 10,000 parts. */
    public static final long DEFAULT_PART_SIZE = 16L << 20;
    /** The smallest part S3 accepts (but the last). */
    public static final long MIN_PART_SIZE = 5L << 20;
    /** The largest part S3 accepts. */
    public static final long MAX_PART_SIZE = 5L << 30;
    /** A readiness probe answers within seconds, whatever the client's retries would make of a dead endpoint. */
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(3);
    private static final String DOWNLOAD_PREFIX = "download-";
    private static final String DOWNLOAD_SUFFIX = ".dump";
    /** DeleteObjects takes at most this many keys. */
    private static final int DELETE_BATCH = 1000;

    private final S3Settings settings;
    private final S3Client client;
    private final Path scratchDir;
    private final long partSize;
    /** Disk the scratch directory keeps free when a dump is copied into it (casebook.jobs.min-free-disk). */
    private final long keepFreeBytes;

    public ObjectStorage(S3Settings settings, Path scratchDir, long partSize) {
        this(settings, scratchDir, partSize, 0);
    }

    public ObjectStorage(S3Settings settings, Path scratchDir, long partSize, long keepFreeBytes) {
        if (partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE) {
            throw new IllegalArgumentException("a part is " + MIN_PART_SIZE + " to " + MAX_PART_SIZE
                    + " bytes, not " + partSize);
        }
        this.settings = settings;
        this.scratchDir = scratchDir.toAbsolutePath().normalize();
        this.partSize = partSize;
        this.keepFreeBytes = keepFreeBytes;
        this.client = S3Clients.create(settings);
    }

    /**
     * Streams {@code in} to {@code key} as a multipart upload of {@code partSize} parts (one PutObject
     * when it is shorter than a part), returning the bytes stored. Past {@code maxBytes}, or on any
     * failure, the upload is aborted and nothing is left in the bucket.
     */
    public long upload(InputStream in, String key, long maxBytes) throws IOException {
        try {
            return new StreamingUpload(client, settings.bucket(), scratchDir, partSize)
                    .send(in, key, maxBytes);
        } catch (SdkException e) {
            throw failure("uploading " + key, e);
        }
    }

    /**
     * Copies the object to a new file in the scratch directory, for the analysis to memory-map; the
     * caller deletes it with {@link #deleteScratch} when done. Empty when there is no such object.
     *
     * @throws ScratchSpaceException when the copy would leave less than the configured free space
     */
    public Optional<Path> downloadToScratch(String key) throws IOException {
        Files.createDirectories(scratchDir);
        long size;
        try {
            size = client.headObject(b -> b.bucket(settings.bucket()).key(key)).contentLength();
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw failure("looking up " + key, e);
        } catch (SdkException e) {
            throw failure("looking up " + key, e);
        }
        long free = Files.getFileStore(scratchDir).getUsableSpace();
        if (free - size < keepFreeBytes) {
            throw new ScratchSpaceException(String.format(java.util.Locale.ROOT, "this replica's scratch directory has"
                    + " %,d MB free and the dump is %,d MB, with %,d MB to stay free (casebook.jobs.min-free-disk):"
                    + " give the scratch volume (casebook.store.scratch-dir) more space", free >> 20, size >> 20,
                    keepFreeBytes >> 20));
        }
        Path file = Files.createTempFile(scratchDir, DOWNLOAD_PREFIX, DOWNLOAD_SUFFIX);
        try (InputStream in = client.getObject(b -> b.bucket(settings.bucket()).key(key))) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return Optional.of(file);
        } catch (NoSuchKeyException e) {
            Files.deleteIfExists(file);
            return Optional.empty();
        } catch (SdkException e) {
            Files.deleteIfExists(file);
            throw failure("downloading " + key, e);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /** Deletes a copy {@link #downloadToScratch} made; refuses any other file. */
    public void deleteScratch(Path copy) throws IOException {
        Path file = copy.toAbsolutePath().normalize();
        if (!scratchDir.equals(file.getParent())) {
            throw new IllegalArgumentException(copy + " is not in the scratch directory " + scratchDir);
        }
        Files.deleteIfExists(file);
    }

    /**
     * Deletes the spooled parts and scratch copies a previous run of this replica left behind when it
     * stopped mid-way (they belong to no upload or analysis now); other files are kept. Returns how many.
     * For start-up, before any upload or analysis.
     */
    public int deleteLeftoverScratch() throws IOException {
        if (!Files.isDirectory(scratchDir)) {
            return 0;
        }
        int deleted = 0;
        try (var files = Files.newDirectoryStream(scratchDir, f -> isOurs(f.getFileName().toString()))) {
            for (Path file : files) {
                if (Files.deleteIfExists(file)) {
                    deleted++;
                }
            }
        }
        return deleted;
    }

    private static boolean isOurs(String name) {
        return name.startsWith(DOWNLOAD_PREFIX) && name.endsWith(DOWNLOAD_SUFFIX) || StreamingUpload.isSpoolFile(name);
    }

    /** Stores a small object whole (a result document, a dominator index). */
    public void put(String key, byte[] bytes) throws IOException {
        try {
            client.putObject(b -> b.bucket(settings.bucket()).key(key), RequestBody.fromBytes(bytes));
        } catch (SdkException e) {
            throw failure("writing " + key, e);
        }
    }

    /** A small object's bytes, or empty when there is no such object. */
    public Optional<byte[]> get(String key) throws IOException {
        try {
            return Optional.of(client.getObjectAsBytes(b -> b.bucket(settings.bucket()).key(key)).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw failure("reading " + key, e);
        }
    }

    public void delete(String key) throws IOException {
        try {
            client.deleteObject(b -> b.bucket(settings.bucket()).key(key));
        } catch (SdkException e) {
            throw failure("deleting " + key, e);
        }
    }

    /** Deletes every object of one job (its dump, result and dominator tree); returns how many. */
    public int deleteJob(String jobId) throws IOException {
        return deletePrefix(JobObjectKeys.prefix(jobId));
    }

    private int deletePrefix(String prefix) throws IOException {
        try {
            List<ObjectIdentifier> batch = new ArrayList<>();
            int deleted = 0;
            for (S3Object object : client.listObjectsV2Paginator(b -> b.bucket(settings.bucket()).prefix(prefix)).contents()) {
                batch.add(ObjectIdentifier.builder().key(object.key()).build());
                if (batch.size() == DELETE_BATCH) {
                    deleted += deleteBatch(batch);
                }
            }
            return deleted + deleteBatch(batch);
        } catch (SdkException e) {
            throw failure("deleting " + prefix, e);
        }
    }

    private int deleteBatch(List<ObjectIdentifier> batch) throws IOException {
        if (batch.isEmpty()) {
            return 0;
        }
        var response = client.deleteObjects(b -> b.bucket(settings.bucket()).delete(d -> d.objects(batch).quiet(true)));
        if (!response.errors().isEmpty()) {
            var first = response.errors().get(0);
            throw new IOException("deleting " + first.key() + " in bucket " + settings.bucket() + " at "
                    + settings.where() + " failed: " + first.code() + " " + first.message()
                    + " (" + response.errors().size() + " objects not deleted)");
        }
        int n = batch.size();
        batch.clear();
        return n;
    }

    /**
     * Aborts every multipart upload under {@code jobs/} started before {@code cutoff}: those of a replica
     * that died in the middle of an upload (a live one aborts its own on failure), whose parts S3 would
     * otherwise keep, and bill, forever. Uploads of anything else sharing the bucket are left alone. The
     * cutoff must lie further back than the longest upload takes. Returns how many were aborted.
     */
    public int sweepOrphanedUploads(Instant cutoff) throws IOException {
        try {
            int aborted = 0;
            for (MultipartUpload upload : client.listMultipartUploadsPaginator(
                    b -> b.bucket(settings.bucket()).prefix(JobObjectKeys.ROOT)).uploads()) {
                if (upload.initiated() != null && upload.initiated().isBefore(cutoff)) {
                    try {
                        client.abortMultipartUpload(b -> b.bucket(settings.bucket()).key(upload.key())
                                .uploadId(upload.uploadId()));
                        aborted++;
                    } catch (S3Exception e) {
                        if (e.statusCode() != 404) { // completed or aborted since it was listed
                            throw e;
                        }
                    }
                }
            }
            return aborted;
        } catch (SdkException e) {
            throw failure("sweeping orphaned multipart uploads", e);
        }
    }

    /**
     * Whether the bucket answers (HeadBucket), for the readiness probe: empty when it does, else why
     * not in one sentence that names the endpoint and the bucket.
     */
    public Optional<String> checkBucket() {
        String bucket = settings.bucket();
        try {
            client.headBucket(b -> b.bucket(bucket).overrideConfiguration(o -> o.apiCallTimeout(CHECK_TIMEOUT)));
            return Optional.empty();
        } catch (NoSuchBucketException e) {
            return Optional.of("the bucket " + bucket + " does not exist at " + settings.where()
                    + " (casebook.store.s3.bucket)");
        } catch (S3Exception e) {
            return Optional.of(switch (e.statusCode()) {
                case 404 -> "the bucket " + bucket + " does not exist at " + settings.where() + " (casebook.store.s3.bucket)";
                case 301, 400 -> "the bucket " + bucket + " at " + settings.where() + " refused the request (HTTP "
                        + e.statusCode() + "): check casebook.store.s3.region and casebook.store.s3.path-style";
                case 401, 403 -> "access to the bucket " + bucket + " at " + settings.where() + " is denied (HTTP "
                        + e.statusCode() + "): check casebook.store.s3.access-key and casebook.store.s3.secret-key";
                default -> "the bucket " + bucket + " at " + settings.where() + " answered HTTP " + e.statusCode();
            });
        } catch (SdkClientException e) {
            return Optional.of("cannot reach " + settings.where() + " (casebook.store.s3.endpoint): " + rootMessage(e));
        } catch (SdkException e) {
            return Optional.of("the bucket " + bucket + " at " + settings.where() + " cannot be checked: " + rootMessage(e));
        }
    }

    @Override
    public void close() {
        client.close();
    }

    private ObjectStorageException failure(String what, SdkException e) {
        return new ObjectStorageException(what + " in bucket " + settings.bucket() + " at " + settings.where() + " failed: "
                + rootMessage(e), e);
    }

    /** The innermost cause says what happened (Connection refused), the SDK's wrapper only that it did. */
    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.getMessage() : e.getMessage() + " (" + root + ")";
    }
}
