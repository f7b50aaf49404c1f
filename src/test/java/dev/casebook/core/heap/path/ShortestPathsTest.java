package dev.casebook.core.heap.path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.casebook.core.heap.graph.CancelSignal;
import dev.casebook.core.heap.graph.ProgressListener;
import dev.casebook.testing.ArrayHeapGraph;
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

    /**
     * The census's search goes on to the end; a chain query's stops at its last target. Where both reached an
     * object they must have given it the same parent (so chains do not depend on which one ran), and the one
     * that went on must have reached every object reachable at all. Random graphs, random targets.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void theSearchToTheEndGivesEveryObjectTheParentAStoppingSearchGivesIt(int seed) {
        Random random = new Random(seed);
        int n = 2000;
        int[][] references = new int[n][];
        for (int o = 0; o < n; o++) {
            references[o] = random.ints(random.nextInt(4), 0, n).toArray();
        }
        ArrayHeapGraph graph = ArrayHeapGraph.of(references, random.ints(5, 0, n).toArray());
        ShortestPaths toTheEnd = ShortestPaths.everyObject(graph, false, CancelSignal.NEVER);
        long[] targets = new long[(n + 63) >>> 6];
        int count = 0;
        for (int t : random.ints(3, 0, n).distinct().toArray()) {
            targets[t >>> 6] |= 1L << t;
            count++;
        }
        ShortestPaths stopping = ShortestPaths.search(graph, targets, count, false, CancelSignal.NEVER,
                ProgressListener.NONE);
        long[] reachable = ShortestPaths.reachableIncludingWeak(graph, CancelSignal.NEVER);
        int reached = 0;
        for (int o = 0; o < n; o++) {
            assertEquals(ShortestPaths.isSet(reachable, o), toTheEnd.reached(o), "object " + o);
            assertEquals(toTheEnd.reached(o), toTheEnd.shapes().shape(o) >= 0, "a shape for every reached object");
            if (stopping.reached(o)) {
                reached++;
                assertEquals(stopping.isRoot(o), toTheEnd.isRoot(o));
                assertEquals(stopping.isRoot(o) ? stopping.rootRecord(o) : stopping.parent(o),
                        toTheEnd.isRoot(o) ? toTheEnd.rootRecord(o) : toTheEnd.parent(o), "object " + o);
            }
        }
        assertTrue(reached > 5, "the stopping search reached something: " + reached);
    }
}
