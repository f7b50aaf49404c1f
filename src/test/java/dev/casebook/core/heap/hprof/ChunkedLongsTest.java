package dev.casebook.core.heap.hprof;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChunkedLongsTest {

    private static final int CHUNK = 1 << 20;

    /** Values across the small first chunk's doublings and several full chunks, cut and grown again at a boundary or not. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 1023, 1024, 1025, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 2 * CHUNK + 7})
    void keepsEveryValueThroughGrowthAndTruncation(int cut) {
        ChunkedLongs list = new ChunkedLongs();
        int first = 2 * CHUNK + 100;
        for (int i = 0; i < first; i++) {
            list.add(i * 3L);
        }
        assertEquals(first, list.size());
        list.truncate(cut);
        assertEquals(cut, list.size());
        for (int i = cut; i < cut + CHUNK + 5; i++) {
            list.add(-i);
        }
        assertEquals(cut + CHUNK + 5, list.size());
        for (int i = 0; i < list.size(); i++) {
            long expected = i < cut ? i * 3L : -i;
            if (list.get(i) != expected) {
                assertEquals(expected, list.get(i), "value " + i + " after cutting at " + cut);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 1000, 5000})
    void aSmallListStaysSmall(int count) {
        ChunkedLongs list = new ChunkedLongs();
        for (int i = 0; i < count; i++) {
            list.add(i);
        }
        assertEquals(8L * Math.max(1024, Integer.highestOneBit(count - 1) * 2), list.footprintBytes());
    }
}
