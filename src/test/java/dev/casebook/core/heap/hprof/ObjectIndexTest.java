package dev.casebook.core.heap.hprof;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ObjectIndexTest {

    private static ChunkedLongs chunked(long[] values, int count) {
        ChunkedLongs list = new ChunkedLongs();
        for (int i = 0; i < count; i++) {
            list.add(values[i]);
        }
        return list;
    }

    private static long[] array(ChunkedLongs list) {
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i);
        }
        return out;
    }

    /** Ids as dumps write them: aligned addresses in a few far-apart regions, in shuffled segment order. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 17, 1000, 100_000})
    void findsEveryIdAndNothingElseWhateverTheOrder(int count) {
        Random random = new Random(count);
        long[] ids = new long[count];
        long[] offsets = new long[count];
        Map<Long, Long> expected = new HashMap<>();
        long[] regions = {0x7_0000_0000L, 0x7_8000_0000L, 0x10_0000_0000L};
        for (int i = 0; i < count; i++) {
            long id;
            do {
                id = regions[random.nextInt(regions.length)] + 8L * random.nextInt(1 << 22);
            } while (expected.containsKey(id));
            ids[i] = id;
            offsets[i] = 1000L + i;
            expected.put(id, offsets[i]);
        }
        ObjectIndex index = ObjectIndex.build(chunked(ids, count), chunked(offsets, count), new ChunkedLongs(), new ChunkedLongs(), false);
        assertEquals(count, index.count());
        for (int i = 1; i < index.count(); i++) {
            assertEquals(true, index.id(i - 1) < index.id(i), "sorted");
        }
        for (var e : expected.entrySet()) {
            int at = index.indexOf(e.getKey());
            assertEquals(e.getValue(), index.offset(at));
        }
        for (int i = 0; i < 1000; i++) {
            long probe = regions[random.nextInt(regions.length)] + random.nextInt(1 << 25) + 3;
            assertEquals(expected.containsKey(probe), index.indexOf(probe) >= 0);
        }
        assertEquals(-1, index.indexOf(0));
        assertEquals(-1, index.indexOf(Long.MAX_VALUE));
        assertEquals(-1, index.indexOf(-8));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 4095, 4096, 20_000})
    void aSortedBackboneWithStragglersSortsLikeAFullSort(int stragglers) {
        Random random = new Random(stragglers);
        int backbone = 50_000;
        int count = backbone + stragglers;
        long[] ids = new long[count];
        long[] offsets = new long[count];
        for (int i = 0; i < stragglers; i++) {
            ids[i] = 8L * random.nextInt(1 << 24) + 4;
        }
        for (int i = 0; i < backbone; i++) {
            ids[stragglers + i] = 8L * (i * 3L);
        }
        for (int i = 0; i < count; i++) {
            offsets[i] = ids[i] * 7;
        }
        long[] expected = ids.clone();
        Arrays.sort(expected);
        ChunkedLongs keys = chunked(ids, count);
        ChunkedLongs values = chunked(offsets, count);
        ObjectIndex.ParallelSort.sort(keys, values, count);
        assertEquals(true, Arrays.equals(expected, array(keys)));
        for (int i = 0; i < count; i++) {
            assertEquals(keys.get(i) * 7, values.get(i), "offsets travel with their ids");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 5000, 100_000})
    void idsInManyRunsFallBackToAFullSort(int count) {
        long[] ids = new Random(count).longs(count, 0, 1L << 40).map(x -> x & ~7L).distinct().toArray();
        long[] offsets = ids.clone();
        ChunkedLongs keys = chunked(ids, ids.length);
        ChunkedLongs values = chunked(offsets, ids.length);
        ObjectIndex.ParallelSort.sort(keys, values, ids.length);
        long[] expected = ids.clone();
        Arrays.sort(expected);
        assertEquals(true, Arrays.equals(expected, array(keys)));
        assertEquals(true, Arrays.equals(expected, array(values)));
    }

    /** Objects in address order (found out, or known from the reader), or not: every object and class is found either way. */
    @ParameterizedTest
    @ValueSource(strings = {"sorted", "known ascending", "unsorted"})
    void classObjectsKeptApartAreFoundAsIfTheyWereInTheMainIndex(String order) {
        long[] objects = {0x1000, 0x1010, 0x1020, 0x2000, 0x2008};
        if (order.equals("unsorted")) {
            long t = objects[0];
            objects[0] = objects[3];
            objects[3] = t;
        }
        long[] classes = {0x1018, 0x0800, 0x3000};
        ObjectIndex index = ObjectIndex.build(chunked(objects, objects.length), chunked(objects, objects.length),
                chunked(classes, classes.length), chunked(classes, classes.length), order.equals("known ascending"));
        assertEquals(8, index.count());
        for (long id : objects) {
            assertEquals(id, index.entry(index.indexOf(id)));
        }
        for (long id : classes) {
            int at = index.indexOf(id);
            assertEquals(id, index.id(at));
            assertEquals(id, index.entry(at));
        }
        assertEquals(-1, index.indexOf(0x1008));
        assertEquals(-1, index.indexOf(0x0900));
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 50})
    void duplicateIdsKeepTheFirstRecordAndAreCounted(int copies) {
        long[] ids = new long[copies + 1];
        long[] offsets = new long[copies + 1];
        Arrays.fill(ids, 0x40);
        for (int i = 0; i < copies; i++) {
            offsets[i] = 500 - i;
        }
        ids[copies] = 0x10;
        offsets[copies] = 7;
        ObjectIndex index = ObjectIndex.build(chunked(ids, copies + 1), chunked(offsets, copies + 1), new ChunkedLongs(),
                new ChunkedLongs(), false);
        assertEquals(2, index.count());
        assertEquals(copies - 1, index.duplicates());
        assertEquals(500 - (copies - 1), index.offset(index.indexOf(0x40)), "the record earliest in the file");
        assertEquals(7, index.offset(index.indexOf(0x10)));
    }
}
