package dev.casebook.core.heap.hprof;

import java.util.Arrays;

/**
 * Object id to dense index, in flat primitive arrays: 16 bytes per object plus a bucket directory of
 * at most 4 bytes per object.
 *
 * <p>Ids are addresses, so they are sorted once (HotSpot writes most of them in address order; the
 * sort is skipped when they already are) and the id range is cut into {@code 2^shift}-byte buckets,
 * with {@code shift} chosen so that there are about as many buckets as objects. A lookup reads the
 * bucket's start and end and binary-searches the few ids between them: one or two cache misses
 * instead of the ~23 of a binary search over millions of ids, and no per-object hash entries.
 *
 * <p>Duplicate ids (a damaged dump) keep the first record written and count the others.
 */
final class ObjectIndex {

    private final long[] ids;
    private final long[] offsets;
    private final int count;
    private final long minId;
    private final int shift;
    private final int[] bucketStart;
    private final int duplicates;

    private ObjectIndex(long[] ids, long[] offsets, int count, int duplicates) {
        this.ids = ids;
        this.offsets = offsets;
        this.count = count;
        this.duplicates = duplicates;
        this.minId = count == 0 ? 0 : ids[0];
        long span = count == 0 ? 0 : ids[count - 1] - minId;
        int s = 0;
        while (s < 62 && (span >>> s) > Math.max(count, 1)) {
            s++;
        }
        this.shift = s;
        int buckets = (int) (span >>> s) + 2;
        this.bucketStart = new int[buckets];
        int b = 0;
        for (int i = 0; i < count; i++) {
            int bucket = (int) ((ids[i] - minId) >>> s);
            while (b <= bucket) {
                bucketStart[b++] = i;
            }
        }
        while (b < buckets) {
            bucketStart[b++] = count;
        }
    }

    /**
     * Builds the index from ids and offsets in file order. The arrays are taken over (sorted in place);
     * only the first {@code count} entries are used.
     */
    static ObjectIndex build(long[] ids, long[] offsets, int count) {
        if (!isSorted(ids, count)) {
            ParallelSort.sort(ids, offsets, count);
        }
        int duplicates = 0;
        int w = 0;
        for (int r = 0; r < count; r++) {
            if (w > 0 && ids[w - 1] == ids[r]) {
                duplicates++;
                if (offsets[r] < offsets[w - 1]) {
                    offsets[w - 1] = offsets[r];
                }
                continue;
            }
            ids[w] = ids[r];
            offsets[w] = offsets[r];
            w++;
        }
        return new ObjectIndex(ids, offsets, w, duplicates);
    }

    private static boolean isSorted(long[] ids, int count) {
        for (int i = 1; i < count; i++) {
            if (ids[i - 1] > ids[i]) {
                return false;
            }
        }
        return true;
    }

    int count() {
        return count;
    }

    int duplicates() {
        return duplicates;
    }

    long id(int index) {
        return ids[index];
    }

    /** Where the object's heap sub-record starts (its tag byte). */
    long offset(int index) {
        return offsets[index];
    }

    /** The index of {@code id}, or -1 when the dump has no such object. */
    int indexOf(long id) {
        long rel = id - minId;
        if (rel < 0 || count == 0) {
            return -1;
        }
        long bucket = rel >>> shift;
        if (bucket >= bucketStart.length - 1) {
            return -1;
        }
        int lo = bucketStart[(int) bucket];
        int hi = bucketStart[(int) bucket + 1] - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long v = ids[mid];
            if (v < id) {
                lo = mid + 1;
            } else if (v > id) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /** Bytes held by this index, for the memory report. */
    long footprintBytes() {
        return 8L * ids.length + 8L * offsets.length + 4L * bucketStart.length;
    }

    /** Sorts ids ascending, keeping offsets beside them; in place, no boxing. */
    static final class ParallelSort {
        private ParallelSort() {
        }

        static void sort(long[] keys, long[] values, int count) {
            // Indirect sort by a packed key would need 12+ bytes per object more; a quicksort of the
            // two arrays side by side needs none.
            quicksort(keys, values, 0, count - 1, 2 * (64 - Long.numberOfLeadingZeros(Math.max(count, 1))));
        }

        private static void quicksort(long[] k, long[] v, int lo, int hi, int depth) {
            while (hi - lo > 16) {
                if (depth-- == 0) {
                    heapsort(k, v, lo, hi);
                    return;
                }
                int mid = (lo + hi) >>> 1;
                if (k[mid] < k[lo]) swap(k, v, mid, lo);
                if (k[hi] < k[lo]) swap(k, v, hi, lo);
                if (k[hi] < k[mid]) swap(k, v, hi, mid);
                long pivot = k[mid];
                int i = lo;
                int j = hi;
                while (i <= j) {
                    while (k[i] < pivot) i++;
                    while (k[j] > pivot) j--;
                    if (i <= j) {
                        swap(k, v, i++, j--);
                    }
                }
                if (j - lo < hi - i) {
                    quicksort(k, v, lo, j, depth);
                    lo = i;
                } else {
                    quicksort(k, v, i, hi, depth);
                    hi = j;
                }
            }
            for (int i = lo + 1; i <= hi; i++) {
                for (int j = i; j > lo && k[j - 1] > k[j]; j--) {
                    swap(k, v, j, j - 1);
                }
            }
        }

        private static void heapsort(long[] k, long[] v, int lo, int hi) {
            int n = hi - lo + 1;
            for (int i = n / 2 - 1; i >= 0; i--) {
                siftDown(k, v, lo, i, n);
            }
            for (int end = n - 1; end > 0; end--) {
                swap(k, v, lo, lo + end);
                siftDown(k, v, lo, 0, end);
            }
        }

        private static void siftDown(long[] k, long[] v, int lo, int i, int n) {
            while (true) {
                int c = 2 * i + 1;
                if (c >= n) {
                    return;
                }
                if (c + 1 < n && k[lo + c + 1] > k[lo + c]) {
                    c++;
                }
                if (k[lo + i] >= k[lo + c]) {
                    return;
                }
                swap(k, v, lo + i, lo + c);
                i = c;
            }
        }

        private static void swap(long[] k, long[] v, int a, int b) {
            long t = k[a];
            k[a] = k[b];
            k[b] = t;
            t = v[a];
            v[a] = v[b];
            v[b] = t;
        }
    }

    static long[] grow(long[] array, int needed) {
        return needed <= array.length ? array : Arrays.copyOf(array, Math.max(needed, array.length + (array.length >> 1) + 16));
    }
}
