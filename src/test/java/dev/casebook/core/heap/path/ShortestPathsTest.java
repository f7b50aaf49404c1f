package dev.casebook.core.heap.path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShortestPathsTest {

    /** Levels are put in index order: small ones by a sort, large ones through the bitset; both exact. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 10, 900, 5000, 60_000})
    void aLevelIsSortedInPlaceWithoutTouchingItsNeighbours(int size) {
        int n = 64_000;
        Random random = new Random(size);
        int[] distinct = random.ints(0, n).distinct().limit(Math.min(size, n)).toArray();
        int[] queue = new int[distinct.length + 6];
        Arrays.fill(queue, -7);
        System.arraycopy(distinct, 0, queue, 3, distinct.length);
        long[] scratch = new long[(n + 63) >>> 6];
        ShortestPaths.sortLevel(queue, 3, 3 + distinct.length, scratch);
        int[] expected = distinct.clone();
        Arrays.sort(expected);
        assertArrayEquals(expected, Arrays.copyOfRange(queue, 3, 3 + distinct.length));
        assertArrayEquals(new int[] {-7, -7, -7}, Arrays.copyOfRange(queue, 0, 3));
        assertArrayEquals(new int[] {-7, -7, -7}, Arrays.copyOfRange(queue, queue.length - 3, queue.length));
        assertArrayEquals(new long[scratch.length], scratch, "the scratch bitset is left clear");
    }
}
