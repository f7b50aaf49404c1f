package dev.casebook.web.jobs.shared;

import dev.casebook.web.jobs.UploadTooLargeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Streams one object of unknown length into a bucket, holding no more than a copy buffer in memory:
 * the stream is cut into parts of {@code partSize} bytes, each written to a spool file in the scratch
 * directory and sent from there, so that a part the network loses is sent again from the file (the
 * client's retries) rather than from a stream that cannot be rewound. A stream shorter than one part
 * is one PutObject. On any failure (the stream's, the server's, the cap) the multipart upload is
 * aborted, so that nothing of it stays in the bucket; the spool file is always deleted.
 *
 * <p>Each call sends one object; the class is not shared between threads.
 */
final class StreamingUpload {

    /** S3 allows at most this many parts in one upload: with 16 MiB parts, 156 GiB. */
    static final int MAX_PARTS = 10_000;
    private static final int COPY_BUFFER = 1 << 20;
    private static final String SPOOL_PREFIX = "part-";
    private static final String SPOOL_SUFFIX = ".spool";

    private final S3Client client;
    private final String bucket;
    private final Path scratchDir;
    private final long partSize;

    StreamingUpload(S3Client client, String bucket, Path scratchDir, long partSize) {
        this.client = client;
        this.bucket = bucket;
        this.scratchDir = scratchDir;
        this.partSize = partSize;
    }

    static boolean isSpoolFile(String name) {
        return name.startsWith(SPOOL_PREFIX) && name.endsWith(SPOOL_SUFFIX);
    }

    /** Sends {@code in} to {@code key}; refuses with {@link UploadTooLargeException} past {@code maxBytes}. */
    long send(InputStream in, String key, long maxBytes) throws IOException {
        Files.createDirectories(scratchDir);
        Path spool = Files.createTempFile(scratchDir, SPOOL_PREFIX, SPOOL_SUFFIX);
        try {
            Spooler spooler = new Spooler(in, spool, maxBytes);
            long first = spooler.next();
            if (first < partSize) {
                client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(spool));
                return first;
            }
            return sendInParts(spooler, spool, key);
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    /** The first part is already in the spool file, and full. */
    private long sendInParts(Spooler spooler, Path spool, String key) throws IOException {
        String uploadId = client.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            long length = Files.size(spool);
            while (length > 0) {
                int number = parts.size() + 1;
                if (number > MAX_PARTS) {
                    throw new IOException("the object " + key + " needs more than " + MAX_PARTS + " parts of "
                            + partSize + " bytes, the most S3 takes");
                }
                long size = length;
                String etag = client.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number)
                        .contentLength(size), RequestBody.fromFile(spool)).eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                length = spooler.next();
            }
            client.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
            return spooler.total();
        } catch (IOException | RuntimeException | Error e) {
            abort(key, uploadId, e);
            throw e;
        }
    }

    private void abort(String key, String uploadId, Throwable cause) {
        try {
            client.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
        } catch (RuntimeException abortFailed) {
            // The orphan sweep aborts it later; the first failure is the one the caller must see.
            cause.addSuppressed(abortFailed);
        }
    }

    /** Refills the spool file with the stream's next part, counting against the cap. */
    private final class Spooler {
        private final InputStream in;
        private final Path spool;
        private final long maxBytes;
        private final byte[] buffer = new byte[COPY_BUFFER];
        private long total;

        Spooler(InputStream in, Path spool, long maxBytes) {
            this.in = in;
            this.spool = spool;
            this.maxBytes = maxBytes;
        }

        /** Replaces the spool file's content with up to one part; 0 when the stream is over. */
        long next() throws IOException {
            long written = 0;
            try (OutputStream out = Files.newOutputStream(spool)) {
                while (written < partSize) {
                    int n = in.read(buffer, 0, (int) Math.min(buffer.length, partSize - written));
                    if (n < 0) {
                        break;
                    }
                    total += n;
                    if (total > maxBytes) {
                        throw new UploadTooLargeException("the upload is larger than " + maxBytes + " bytes", maxBytes);
                    }
                    out.write(buffer, 0, n);
                    written += n;
                }
            }
            return written;
        }

        long total() {
            return total;
        }
    }
}
