package dev.casebook.core.heap.hprof;

import java.util.Arrays;

/** The root sub-records in file order: kind, object id, thread serial and frame number, in flat arrays. */
final class RootTable {

    private RootKind[] kinds = new RootKind[64];
    private long[] ids = new long[64];
    private int[] threads = new int[64];
    private int[] frames = new int[64];
    private int count;

    void add(RootKind kind, long id, int threadSerial, int frame) {
        if (count == ids.length) {
            int n = count * 2;
            kinds = Arrays.copyOf(kinds, n);
            ids = Arrays.copyOf(ids, n);
            threads = Arrays.copyOf(threads, n);
            frames = Arrays.copyOf(frames, n);
        }
        kinds[count] = kind;
        ids[count] = id;
        threads[count] = threadSerial;
        frames[count] = frame;
        count++;
    }

    int count() {
        return count;
    }

    RootKind kind(int i) {
        return kinds[i];
    }

    long id(int i) {
        return ids[i];
    }

    int thread(int i) {
        return threads[i];
    }

    int frame(int i) {
        return frames[i];
    }
}
