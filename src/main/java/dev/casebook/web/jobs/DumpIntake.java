package dev.casebook.web.jobs;

import dev.casebook.core.heap.analysis.DumpFormat;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Streams an uploaded dump into the store (a file, or object storage part by part), never holding more
 * than a buffer of it in memory. Inflates gzip
 * (by magic bytes or Content-Encoding) on the way, stopping as soon as the inflated size passes its cap,
 * so a small file that inflates to gigabytes costs no more than the cap. Refuses, before or while
 * reading: a body over the upload limit or an inflated size over its cap ({@link UploadTooLargeException}),
 * a disk that would drop below its reserve ({@link DiskFullException}), a body cut off early or corrupt
 * gzip ({@link BadUploadException}). Whatever the failure, the partial upload is discarded before the
 * exception leaves.
 */
public final class DumpIntake {

    private static final int BUFFER = 1 << 20;
    private static final long DISK_CHECK_INTERVAL = 64L << 20;

    /** The limits an upload must stay within. */
    public record Limits(long maxUploadBytes, long maxInflatedBytes, long minFreeDiskBytes) {
    }

    /** A dump received into {@code upload}: its size, whether it arrived compressed, its detected format. */
    public record Intake(JobStore.Upload upload, long bytes, boolean compressed, String format) {
    }

    private final JobStore store;
    private final Limits limits;

    public DumpIntake(JobStore store, Limits limits) {
        this.store = store;
        this.limits = limits;
    }

    /** Refuses what can be refused from the headers alone, before a byte is read. */
    public void checkDeclaredLength(long declaredLength) throws IOException {
        if (declaredLength > limits.maxUploadBytes()) {
            throw tooLarge("the upload is " + declaredLength + " bytes; at most " + limits.maxUploadBytes()
                    + " are accepted (casebook.jobs.max-upload-size)", limits.maxUploadBytes());
        }
        if (declaredLength > 0 && store.usableSpace() - declaredLength < limits.minFreeDiskBytes()) {
            throw noSpace();
        }
    }

    /** Receives the stream into a new upload; {@code declaredLength} is -1 when unknown. */
    public Intake receive(InputStream body, boolean declaredGzip, long declaredLength) throws IOException {
        checkDeclaredLength(declaredLength);
        JobStore.Upload upload = store.newUpload();
        try {
            return write(body, declaredGzip, declaredLength, upload);
        } catch (IOException | RuntimeException e) {
            upload.close();
            throw e;
        }
    }

    /** Takes over an upload already on disk (a multipart part), inflating it when it is gzip. */
    public Intake adopt(Path uploaded, boolean declaredGzip) throws IOException {
        try {
            checkDeclaredLength(Files.size(uploaded));
            if (!declaredGzip && !startsWithGzipMagic(uploaded)) {
                String format = detectFormat(uploaded);
                JobStore.Upload upload = store.newUpload();
                try {
                    long bytes = upload.receiveFile(uploaded);
                    if (bytes == 0) {
                        throw badUpload(EMPTY);
                    }
                    return new Intake(upload, bytes, false, format);
                } catch (IOException | RuntimeException e) {
                    upload.close();
                    throw e;
                }
            }
            try (InputStream in = Files.newInputStream(uploaded)) {
                return receive(in, true, -1);
            }
        } finally {
            Files.deleteIfExists(uploaded);
        }
    }

    private static final String EMPTY = "the upload is empty; send the dump as the request body or as the multipart part \"dump\"";

    private Intake write(InputStream body, boolean declaredGzip, long declaredLength, JobStore.Upload upload)
            throws IOException {
        CountingStream received = new CountingStream(new BufferedInputStream(body, BUFFER), limits.maxUploadBytes());
        received.mark(2);
        boolean gzip = declaredGzip || (received.read() == 0x1f && received.read() == 0x8b);
        received.reset();
        long cap = gzip ? limits.maxInflatedBytes() : limits.maxUploadBytes();
        long written;
        String format;
        try (InputStream source = gzip ? new GZIPInputStream(received, 1 << 16) : received) {
            BufferedInputStream dump = new BufferedInputStream(new CheckedDump(source, received, gzip, cap), BUFFER);
            dump.mark(DumpFormat.HEAD_BYTES);
            format = DumpFormat.detect(dump.readNBytes(DumpFormat.HEAD_BYTES)).map(DumpFormat::apiName).orElse("unknown");
            dump.reset();
            written = upload.receive(dump);
        } catch (ZipException | java.io.EOFException e) {
            throw badUpload(gzip ? "the gzip stream is corrupt or cut off (" + e.getMessage() + ")"
                    : "the upload ended early");
        }
        if (declaredLength >= 0 && received.count() < declaredLength) {
            throw badUpload("the upload ended after " + received.count() + " of " + declaredLength + " bytes");
        }
        if (written == 0) {
            throw badUpload(EMPTY);
        }
        return new Intake(upload, written, gzip, format);
    }

    /**
     * The dump as the store receives it: inflated bytes counted against their cap, the disk reserve checked
     * every 64 MiB, and a connection closed mid-upload reported as the client's problem, not ours. A store
     * only ever takes in a dump that stays within the limits.
     */
    private final class CheckedDump extends FilterInputStream {
        private final CountingStream received;
        private final boolean gzip;
        private final long cap;
        private long written;
        private long nextDiskCheck = DISK_CHECK_INTERVAL;

        CheckedDump(InputStream source, CountingStream received, boolean gzip, long cap) {
            super(source);
            this.received = received;
            this.gzip = gzip;
            this.cap = cap;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = in.read(b, off, len);
            } catch (ZipException | java.io.EOFException e) {
                throw e;
            } catch (IOException e) {
                throw badUpload("the upload was cut off after " + received.count() + " bytes (the connection closed)");
            }
            if (n <= 0) {
                return n;
            }
            written += n;
            if (written > cap) {
                throw gzip
                        ? tooLarge("the dump inflates to more than " + cap + " bytes (casebook.jobs.max-inflated-size)", cap)
                        : tooLarge("the upload is larger than " + cap + " bytes (casebook.jobs.max-upload-size)", cap);
            }
            if (written >= nextDiskCheck) {
                nextDiskCheck += DISK_CHECK_INTERVAL;
                if (store.usableSpace() < limits.minFreeDiskBytes()) {
                    throw noSpace();
                }
            }
            return n;
        }
    }

    private static boolean startsWithGzipMagic(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    /** {@code hprof} or {@code pyheap} by how the file starts, else {@code unknown}. */
    static String detectFormat(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return DumpFormat.detect(in.readNBytes(DumpFormat.HEAD_BYTES)).map(DumpFormat::apiName).orElse("unknown");
        }
    }

    private static UploadTooLargeException tooLarge(String detail, long limit) {
        return new UploadTooLargeException(detail, limit);
    }

    private static DiskFullException noSpace() {
        return new DiskFullException();
    }

    private static BadUploadException badUpload(String detail) {
        return new BadUploadException(detail);
    }

    /** Counts compressed bytes and refuses to read past the upload limit. */
    private static final class CountingStream extends FilterInputStream {
        private final long limit;
        private long count;
        private long mark;

        CountingStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                advance(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                advance(n);
            }
            return n;
        }

        private void advance(long n) {
            count += n;
            if (count > limit) {
                throw tooLarge("the upload is larger than " + limit + " bytes (casebook.jobs.max-upload-size)", limit);
            }
        }

        @Override
        public synchronized void mark(int readlimit) {
            super.mark(readlimit);
            mark = count;
        }

        @Override
        public synchronized void reset() throws IOException {
            super.reset();
            count = mark;
        }
    }
}
