package dev.casebook.core.heap.hprof;

import dev.casebook.core.heap.graph.DumpFormatException;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Random and sequential big-endian reads over a dump file of any size, through memory-mapped windows.
 *
 * <p>A {@code MappedByteBuffer} covers at most 2 GiB, so the file is mapped in windows of
 * {@code 2^windowShift} bytes, each extended by {@link #OVERLAP} bytes into the next: a read of up to
 * eight bytes that starts in a window is always inside that window's mapping, and the hot path is a
 * shift, a mask and one buffer read. Reads past the end of the file throw
 * {@link DumpFormatException} with the offset.
 *
 * <p>{@link #close} unmaps the windows at once rather than leaving that to the collector: until then the
 * mapping keeps a deleted dump's disk space taken and its pages in the process's memory, so that jobs
 * back to back would each hold their predecessor's dump too. The caller must not read from another thread
 * while closing; a read after close throws.
 */
final class DumpFile implements AutoCloseable {

    /** Enough for the widest single read (a u8 or an 8-byte id). */
    static final int OVERLAP = 8;
    static final int DEFAULT_WINDOW_SHIFT = 30;

    private final FileChannel channel;
    /** Read-only mapped buffers; after close, empty ones of the same class (see {@link #CLOSED}). */
    private final ByteBuffer[] windows;
    private final int windowShift;
    private final long windowMask;
    private final long size;

    private DumpFile(FileChannel channel, int windowShift) throws IOException {
        this.channel = channel;
        this.windowShift = windowShift;
        this.windowMask = (1L << windowShift) - 1;
        this.size = channel.size();
        long windowSize = 1L << windowShift;
        int count = (int) ((size + windowSize - 1) >>> windowShift);
        this.windows = new ByteBuffer[Math.max(count, 1)];
        java.util.Arrays.fill(windows, CLOSED);
        try {
            for (int i = 0; i < count; i++) {
                long start = (long) i << windowShift;
                long length = Math.min(windowSize + OVERLAP, size - start);
                windows[i] = channel.map(FileChannel.MapMode.READ_ONLY, start, length);
            }
        } catch (IOException | RuntimeException | Error e) {
            // Out of address space or mappings half-way: the windows already mapped go now, not with the collector.
            unmapAll();
            throw e;
        }
    }

    /** Opens with windows of {@code 2^windowShift} bytes; small windows let tests cross window edges. */
    static DumpFile open(Path path, int windowShift) throws IOException {
        if (windowShift < 4 || windowShift > 30) {
            throw new IllegalArgumentException("window shift " + windowShift);
        }
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            return new DumpFile(channel, windowShift);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    long size() {
        return size;
    }

    int u1(long pos) {
        check(pos, 1);
        return windows[(int) (pos >>> windowShift)].get((int) (pos & windowMask)) & 0xff;
    }

    int u2(long pos) {
        check(pos, 2);
        return windows[(int) (pos >>> windowShift)].getShort((int) (pos & windowMask)) & 0xffff;
    }

    /** A four-byte value as a signed int (lengths and counts are compared after widening). */
    int i4(long pos) {
        check(pos, 4);
        return windows[(int) (pos >>> windowShift)].getInt((int) (pos & windowMask));
    }

    long u4(long pos) {
        return i4(pos) & 0xffffffffL;
    }

    long u8(long pos) {
        check(pos, 8);
        return windows[(int) (pos >>> windowShift)].getLong((int) (pos & windowMask));
    }

    /** An identifier of {@code idSize} (4 or 8) bytes; 4-byte ids are unsigned. */
    long id(long pos, int idSize) {
        return idSize == 8 ? u8(pos) : u4(pos);
    }

    /**
     * An id read without the end-of-file check, for positions inside records the indexer has already
     * bounds-checked (the buffer still checks its own bounds).
     */
    long idUnchecked(long pos, int idSize) {
        ByteBuffer window = windows[(int) (pos >>> windowShift)];
        int at = (int) (pos & windowMask);
        return idSize == 8 ? window.getLong(at) : window.getInt(at) & 0xffffffffL;
    }

    long u4Unchecked(long pos) {
        return windows[(int) (pos >>> windowShift)].getInt((int) (pos & windowMask)) & 0xffffffffL;
    }

    /** {@code length} bytes, for names and strings (never a whole object). */
    byte[] bytes(long pos, int length) {
        check(pos, length);
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = (byte) u1(pos + i);
        }
        return out;
    }

    private void check(long pos, int length) {
        if (pos < 0 || pos > size - length) {
            throw DumpFormatException.atOffset("the file ends inside a record", Math.max(0, Math.min(pos, size)));
        }
    }

    /**
     * What a window reads after close: empty, so a read throws rather than touch unmapped memory, and of the
     * mapped windows' class, so the hot reads stay monomorphic.
     */
    private static final ByteBuffer CLOSED = ByteBuffer.allocateDirect(0).asReadOnlyBuffer();

    @Override
    public void close() throws IOException {
        try {
            unmapAll();
        } finally {
            channel.close();
        }
    }

    private void unmapAll() {
        for (int i = 0; i < windows.length; i++) {
            ByteBuffer window = windows[i];
            windows[i] = CLOSED;
            if (window != CLOSED) {
                Unmapper.unmap(window);
            }
        }
    }

    /**
     * Java 17 has no public way to unmap a buffer: {@code sun.misc.Unsafe.invokeCleaner} (module
     * jdk.unsupported, as Lucene and Netty use it) is the one that frees it now. Where it is missing the
     * collector unmaps later, as before.
     */
    static final class Unmapper {
        private static final Object UNSAFE;
        private static final Method INVOKE_CLEANER;

        static {
            Object unsafe = null;
            Method invokeCleaner = null;
            try {
                Class<?> type = Class.forName("sun.misc.Unsafe");
                Field field = type.getDeclaredField("theUnsafe");
                field.setAccessible(true);
                unsafe = field.get(null);
                invokeCleaner = type.getMethod("invokeCleaner", ByteBuffer.class);
            } catch (ReflectiveOperationException | RuntimeException unavailable) {
                unsafe = null;
                invokeCleaner = null;
            }
            UNSAFE = unsafe;
            INVOKE_CLEANER = invokeCleaner;
        }

        private Unmapper() {
        }

        static boolean available() {
            return INVOKE_CLEANER != null;
        }

        static void unmap(ByteBuffer mapped) {
            if (INVOKE_CLEANER == null) {
                return;
            }
            try {
                INVOKE_CLEANER.invoke(UNSAFE, mapped);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // Left to the collector, as without the method.
            }
        }
    }
}
