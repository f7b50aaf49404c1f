package dev.casebook.core.heap.hprof;

import java.util.Arrays;

/**
 * A list of longs in fixed 1 Mi-entry chunks, indexed by int. Growing never copies the values, and the
 * index keeps using the chunks once the pass is over, so the object index is never held twice (no
 * final copy into one big array). A read costs one extra load of the chunk table, which stays in cache.
 */
final class ChunkedLongs {

    private static final int SHIFT = 20;
    private static final int CHUNK = 1 << SHIFT;
    private static final int MASK = CHUNK - 1;

    private long[][] chunks = new long[8][];
    private int size;

    void add(long value) {
        int chunk = size >>> SHIFT;
        if ((size & MASK) == 0) {
            if (chunk == chunks.length) {
                chunks = Arrays.copyOf(chunks, chunk * 2);
            }
            chunks[chunk] = new long[Math.min(CHUNK, Math.max(1024, size))];
        } else if ((size & MASK) == chunks[chunk].length) {
            // The first chunk starts small so that small dumps stay small.
            chunks[chunk] = Arrays.copyOf(chunks[chunk], Math.min(CHUNK, chunks[chunk].length * 2));
        }
        chunks[chunk][size & MASK] = value;
        size++;
    }

    long get(int i) {
        return chunks[i >>> SHIFT][i & MASK];
    }

    void set(int i, long value) {
        chunks[i >>> SHIFT][i & MASK] = value;
    }

    int size() {
        return size;
    }

    /** Drops entries from {@code newSize} on (after duplicates were merged out). */
    void truncate(int newSize) {
        size = Math.min(size, newSize);
    }

    long footprintBytes() {
        long bytes = 0;
        for (long[] chunk : chunks) {
            bytes += chunk == null ? 0 : 8L * chunk.length;
        }
        return bytes;
    }
}
