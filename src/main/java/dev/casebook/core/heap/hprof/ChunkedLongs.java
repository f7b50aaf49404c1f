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
    /** The chunk being filled, and how many of its slots hold values. */
    private long[] tail = new long[0];
    private int fill;
    private int size;

    void add(long value) {
        if (fill == tail.length) {
            grow();
        }
        tail[fill++] = value;
        size++;
    }

    /**
     * Doubles the first chunk (it starts small, so that small dumps stay small) or starts a new one. One
     * slow path for both: the doublings happen early, so the JIT has seen this branch taken long before the
     * first new chunk is needed, and does not compile it as a trap that throws the pass back into the
     * interpreter at the millionth value.
     */
    private void grow() {
        if (tail.length == 0 || tail.length == CHUNK) {
            int chunk = size >>> SHIFT;
            if (chunk == chunks.length) {
                chunks = Arrays.copyOf(chunks, chunk * 2);
            }
            tail = new long[Math.min(CHUNK, Math.max(1024, size))];
            fill = 0;
            chunks[chunk] = tail;
        } else {
            tail = Arrays.copyOf(tail, Math.min(CHUNK, tail.length * 2));
            chunks[size >>> SHIFT] = tail;
        }
    }

    /** Appends every value of {@code other}, a chunk's run at a time. */
    void addAll(ChunkedLongs other) {
        for (int i = 0; i < other.size; ) {
            if (fill == tail.length) {
                grow();
            }
            int n = Math.min(tail.length - fill, other.size - i);
            long[] from = other.chunks[i >>> SHIFT];
            int at = i & MASK;
            n = Math.min(n, from.length - at);
            System.arraycopy(from, at, tail, fill, n);
            fill += n;
            size += n;
            i += n;
        }
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

    /** Drops every value and chunk, so that the memory can go at once. */
    void clear() {
        chunks = new long[8][];
        tail = new long[0];
        fill = 0;
        size = 0;
    }

    /** Drops entries from {@code newSize} on (after duplicates were merged out). */
    void truncate(int newSize) {
        size = Math.min(size, newSize);
        // Further adds (tests add after a merge) go on from the chunk that now ends the list.
        tail = size == 0 ? new long[0] : chunks[(size - 1) >>> SHIFT];
        fill = size == 0 ? 0 : size - ((size - 1) >>> SHIFT << SHIFT);
    }

    long footprintBytes() {
        long bytes = 0;
        for (long[] chunk : chunks) {
            bytes += chunk == null ? 0 : 8L * chunk.length;
        }
        return bytes;
    }
}
