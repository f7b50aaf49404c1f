package dev.casebook.core.heap.hprof;

/**
 * Object id to dense index, in flat primitive arrays: 16 bytes per object (the id and an
 * {@link ObjectEntry}) plus a bucket directory of at most 4 bytes per object.
 *
 * <p>Ids are addresses, so they are sorted once (HotSpot writes them in address order, after the
 * classes: then nothing is sorted, see {@link #build}) and the id range is cut into {@code 2^shift}-byte buckets,
 * with {@code shift} chosen so that there are about as many buckets as objects. A lookup reads the
 * bucket's start and end and binary-searches the few ids between them: one or two cache misses
 * instead of the ~23 of a binary search over millions of ids, and no per-object hash entries.
 *
 * <p>Duplicate ids (a damaged dump) keep the first record written and count the others.
 */
final class ObjectIndex {

    private final ChunkedLongs ids;
    private final ChunkedLongs entries;
    private final int mainCount;
    private final long minId;
    private final int shift;
    private final int[] bucketStart;
    /** Class objects, kept apart when the rest arrived sorted (see {@link #build}); indices after the main ones. */
    private final ChunkedLongs sideIds;
    private final ChunkedLongs sideEntries;
    private final int sideCount;
    private final int duplicates;

    private ObjectIndex(Sorted main, Sorted side, int duplicates) {
        this.ids = main.ids;
        this.entries = main.entries;
        this.mainCount = main.count;
        this.sideIds = side.ids;
        this.sideEntries = side.entries;
        this.sideCount = side.count;
        this.duplicates = duplicates;
        this.minId = mainCount == 0 ? 0 : ids.get(0);
        long span = mainCount == 0 ? 0 : ids.get(mainCount - 1) - minId;
        int s = 0;
        while (s < 62 && (span >>> s) > Math.max(mainCount, 1)) {
            s++;
        }
        this.shift = s;
        int buckets = (int) (span >>> s) + 2;
        this.bucketStart = new int[buckets];
        int b = 0;
        for (int i = 0; i < mainCount; i++) {
            int bucket = (int) ((ids.get(i) - minId) >>> s);
            while (b <= bucket) {
                bucketStart[b++] = i;
            }
        }
        while (b < buckets) {
            bucketStart[b++] = mainCount;
        }
    }

    private record Sorted(ChunkedLongs ids, ChunkedLongs entries, int count, int duplicates) {
    }

    /**
     * Builds the index from ids and {@link ObjectEntry entries} in file order, with the class objects
     * given apart. The lists are taken over (sorted in place).
     *
     * <p>HotSpot writes every class first, then the other objects in address order: then the class
     * objects stay in a small side index, searched only when the main one has no such id, and nothing
     * needs sorting. Otherwise everything is sorted together. {@code idsAscending} says the reader saw
     * every id greater than the one before (the usual HotSpot dump), which spares the two passes that
     * would find that out: the check for order and the merge of duplicates.
     */
    static ObjectIndex build(ChunkedLongs ids, ChunkedLongs entries, ChunkedLongs classIds, ChunkedLongs classEntries,
            boolean idsAscending) {
        if (idsAscending) {
            if (classIds.size() > 1) {
                ParallelSort.sort(classIds, classEntries, classIds.size());
            }
            Sorted side = dedupe(classIds, classEntries);
            return new ObjectIndex(new Sorted(ids, entries, ids.size(), 0), side, side.duplicates);
        }
        if (!isSorted(ids, ids.size())) {
            for (int i = 0; i < classIds.size(); i++) {
                ids.add(classIds.get(i));
                entries.add(classEntries.get(i));
            }
            classIds = new ChunkedLongs();
            classEntries = new ChunkedLongs();
            ParallelSort.sort(ids, entries, ids.size());
        } else if (classIds.size() > 1) {
            ParallelSort.sort(classIds, classEntries, classIds.size());
        }
        Sorted main = dedupe(ids, entries);
        Sorted side = dedupe(classIds, classEntries);
        return new ObjectIndex(main, side, main.duplicates + side.duplicates);
    }

    /** Merges runs of one id (a damaged dump), keeping the record earliest in the file. */
    private static Sorted dedupe(ChunkedLongs ids, ChunkedLongs entries) {
        int count = ids.size();
        int duplicates = 0;
        int w = 0;
        for (int r = 0; r < count; r++) {
            if (w > 0 && ids.get(w - 1) == ids.get(r)) {
                duplicates++;
                if (ObjectEntry.offset(entries.get(r)) < ObjectEntry.offset(entries.get(w - 1))) {
                    entries.set(w - 1, entries.get(r));
                }
                continue;
            }
            if (w != r) {
                ids.set(w, ids.get(r));
                entries.set(w, entries.get(r));
            }
            w++;
        }
        ids.truncate(w);
        entries.truncate(w);
        return new Sorted(ids, entries, w, duplicates);
    }

    private static boolean isSorted(ChunkedLongs ids, int count) {
        for (int i = 1; i < count; i++) {
            if (ids.get(i - 1) > ids.get(i)) {
                return false;
            }
        }
        return true;
    }

    int count() {
        return mainCount + sideCount;
    }

    int duplicates() {
        return duplicates;
    }

    long id(int index) {
        return index < mainCount ? ids.get(index) : sideIds.get(index - mainCount);
    }

    /** Where the object's heap sub-record starts (its tag byte). */
    long offset(int index) {
        return ObjectEntry.offset(entry(index));
    }

    long entry(int index) {
        return index < mainCount ? entries.get(index) : sideEntries.get(index - mainCount);
    }

    void setEntry(int index, long entry) {
        if (index < mainCount) {
            entries.set(index, entry);
        } else {
            sideEntries.set(index - mainCount, entry);
        }
    }

    /** The index of {@code id}, or -1 when the dump has no such object. */
    int indexOf(long id) {
        int found = indexInMain(id);
        if (found >= 0 || sideCount == 0) {
            return found;
        }
        int at = search(sideIds, 0, sideCount - 1, id);
        return at < 0 ? -1 : mainCount + at;
    }

    /** The position of {@code id} in the sorted {@code ids[lo..hi]}, or -1. */
    private static int search(ChunkedLongs ids, int lo, int hi, long id) {
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long v = ids.get(mid);
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

    private int indexInMain(long id) {
        long rel = id - minId;
        if (rel < 0 || mainCount == 0) {
            return -1;
        }
        long bucket = rel >>> shift;
        if (bucket >= bucketStart.length - 1) {
            return -1;
        }
        return search(ids, bucketStart[(int) bucket], bucketStart[(int) bucket + 1] - 1, id);
    }

    /** Bytes held by this index, for the memory report. */
    long footprintBytes() {
        return ids.footprintBytes() + entries.footprintBytes() + 4L * bucketStart.length
                + sideIds.footprintBytes() + sideEntries.footprintBytes();
    }

    /** Sorts ids ascending, keeping entries beside them; in place, no boxing. */
    static final class ParallelSort {
        private ParallelSort() {
        }

        /** Runs shorter than this are stragglers, sorted apart and merged into the one long run. */
        private static final int MIN_RUN = 4096;

        static void sort(ChunkedLongs keys, ChunkedLongs values, int count) {
            if (!sortBackboneAndStragglers(keys, values, count)) {
                // Indirect sort by a packed key would need 12+ bytes per object more; a quicksort of the
                // two lists side by side needs none.
                quicksort(keys, values, 0, count - 1, depthLimit(count));
            }
        }

        private static int depthLimit(int count) {
            return 2 * (64 - Long.numberOfLeadingZeros(Math.max(count, 1)));
        }

        /**
         * The common case in HotSpot dumps: objects in address order, with the class objects (written
         * first, in no order) out of place. When all but short runs form one ascending run, the stragglers
         * are copied out, sorted, and merged back from the end: O(n + s log s), extra memory O(s).
         * Returns false (doing nothing) when the ids have more than one long run.
         */
        static boolean sortBackboneAndStragglers(ChunkedLongs k, ChunkedLongs v, int count) {
            int longRuns = 0;
            int stragglers = 0;
            for (int start = 0; start < count; ) {
                int end = runEnd(k, start, count);
                if (end - start >= MIN_RUN) {
                    longRuns++;
                } else {
                    stragglers += end - start;
                }
                start = end;
            }
            if (longRuns != 1) {
                return false;
            }
            ChunkedLongs sk = new ChunkedLongs();
            ChunkedLongs sv = new ChunkedLongs();
            int w = 0;
            for (int start = 0; start < count; ) {
                int end = runEnd(k, start, count);
                boolean backbone = end - start >= MIN_RUN;
                for (int i = start; i < end; i++) {
                    if (backbone) {
                        k.set(w, k.get(i));
                        v.set(w, v.get(i));
                        w++;
                    } else {
                        sk.add(k.get(i));
                        sv.add(v.get(i));
                    }
                }
                start = end;
            }
            if (stragglers > 1) {
                quicksort(sk, sv, 0, stragglers - 1, depthLimit(stragglers));
            }
            int i = w - 1;
            int j = stragglers - 1;
            for (int out = count - 1; j >= 0; out--) {
                if (i >= 0 && k.get(i) > sk.get(j)) {
                    k.set(out, k.get(i));
                    v.set(out, v.get(i));
                    i--;
                } else {
                    k.set(out, sk.get(j));
                    v.set(out, sv.get(j));
                    j--;
                }
            }
            return true;
        }

        private static int runEnd(ChunkedLongs k, int start, int count) {
            int end = start + 1;
            while (end < count && k.get(end - 1) <= k.get(end)) {
                end++;
            }
            return end;
        }

        static void quicksort(ChunkedLongs k, ChunkedLongs v, int lo, int hi, int depth) {
            while (hi - lo > 16) {
                if (depth-- == 0) {
                    heapsort(k, v, lo, hi);
                    return;
                }
                int mid = (lo + hi) >>> 1;
                if (k.get(mid) < k.get(lo)) swap(k, v, mid, lo);
                if (k.get(hi) < k.get(lo)) swap(k, v, hi, lo);
                if (k.get(hi) < k.get(mid)) swap(k, v, hi, mid);
                long pivot = k.get(mid);
                int i = lo;
                int j = hi;
                while (i <= j) {
                    while (k.get(i) < pivot) i++;
                    while (k.get(j) > pivot) j--;
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
                for (int j = i; j > lo && k.get(j - 1) > k.get(j); j--) {
                    swap(k, v, j, j - 1);
                }
            }
        }

        private static void heapsort(ChunkedLongs k, ChunkedLongs v, int lo, int hi) {
            int n = hi - lo + 1;
            for (int i = n / 2 - 1; i >= 0; i--) {
                siftDown(k, v, lo, i, n);
            }
            for (int end = n - 1; end > 0; end--) {
                swap(k, v, lo, lo + end);
                siftDown(k, v, lo, 0, end);
            }
        }

        private static void siftDown(ChunkedLongs k, ChunkedLongs v, int lo, int i, int n) {
            while (true) {
                int c = 2 * i + 1;
                if (c >= n) {
                    return;
                }
                if (c + 1 < n && k.get(lo + c + 1) > k.get(lo + c)) {
                    c++;
                }
                if (k.get(lo + i) >= k.get(lo + c)) {
                    return;
                }
                swap(k, v, lo + i, lo + c);
                i = c;
            }
        }

        private static void swap(ChunkedLongs k, ChunkedLongs v, int a, int b) {
            long t = k.get(a);
            k.set(a, k.get(b));
            k.set(b, t);
            t = v.get(a);
            v.set(a, v.get(b));
            v.set(b, t);
        }
    }
}
