package dev.casebook.core.heap.hprof;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

    /** Lists of every size class appended to each other: the first chunk still doubling, full chunks, edges. */
    @ParameterizedTest
    @CsvSource({"0, 5", "5, 0", "1000, 1030", "1500, " + (CHUNK + 3), (CHUNK - 1) + ", 2", CHUNK + ", " + CHUNK,
        (CHUNK + 17) + ", " + (2 * CHUNK + 9)})
    void appendsAnotherListInOrder(int before, int appended) {
        ChunkedLongs list = new ChunkedLongs();
        for (int i = 0; i < before; i++) {
            list.add(i);
        }
        ChunkedLongs other = new ChunkedLongs();
        for (int i = 0; i < appended; i++) {
            other.add(-1L - i);
        }
        list.addAll(other);
        list.add(Long.MAX_VALUE);
        assertEquals(before + appended + 1, list.size());
        for (int i = 0; i < list.size() - 1; i++) {
            long expected = i < before ? i : -1L - (i - before);
            if (list.get(i) != expected) {
                assertEquals(expected, list.get(i), "value " + i);
            }
        }
        assertEquals(Long.MAX_VALUE, list.get(list.size() - 1));
    }
}
