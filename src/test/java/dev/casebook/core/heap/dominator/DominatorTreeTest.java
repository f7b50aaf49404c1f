package dev.casebook.core.heap.dominator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.casebook.core.heap.graph.CancelSignal;
import dev.casebook.core.heap.graph.HeapGraph;
import dev.casebook.core.heap.graph.ProgressListener;
import dev.casebook.testing.ArrayHeapGraph;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DominatorTreeTest {

    private static DominatorTree tree(HeapGraph graph) {
        return DominatorTree.compute(graph, CancelSignal.NEVER, ProgressListener.NONE);
    }

    /**
     * Property: on random graphs (sparse and dense, with weak edges and several roots), every immediate
     * dominator and retained size equals what the definition gives, computed naively: d dominates o when
     * o is unreachable from the roots with d removed.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void matchesTheDefinitionOnRandomGraphs(int seed) {
        Random random = new Random(seed);
        for (int round = 0; round < 25; round++) {
            int n = 1 + random.nextInt(seed <= 10 ? 12 : 60);
            double density = random.nextDouble() * 3;
            int[][] refs = new int[n][];
            boolean[][] weak = new boolean[n][];
            long[] sizes = new long[n];
            for (int i = 0; i < n; i++) {
                int degree = (int) (random.nextDouble() * density * 2);
                refs[i] = random.ints(degree, 0, n).toArray();
                weak[i] = new boolean[degree];
                for (int k = 0; k < degree; k++) {
                    weak[i][k] = random.nextInt(8) == 0;
                }
                sizes[i] = 1 + random.nextInt(100);
            }
            int[] roots = random.ints(1 + random.nextInt(3), 0, n).toArray();
            ArrayHeapGraph graph = new ArrayHeapGraph(sizes, new int[n], refs, weak, roots);
            DominatorTree tree = tree(graph);
            boolean[] reachable = reach(graph, -1);
            int reachableCount = 0;
            long reachableBytes = 0;
            for (int o = 0; o < n; o++) {
                if (reachable[o]) {
                    reachableCount++;
                    reachableBytes += sizes[o];
                }
            }
            assertEquals(reachableCount, tree.reachableObjects());
            assertEquals(reachableBytes, tree.reachableBytes());
            for (int o = 0; o < n; o++) {
                String where = "seed " + seed + " round " + round + " object " + o + " in " + Arrays.deepToString(refs)
                        + " roots " + Arrays.toString(roots);
                if (!reachable[o]) {
                    assertEquals(DominatorTree.UNREACHABLE, tree.immediateDominator(o), where);
                    assertEquals(0, tree.retainedObjects(o), where);
                    continue;
                }
                assertEquals(naiveIdom(graph, o, reachable), tree.immediateDominator(o), where);
                boolean[] without = reach(graph, o);
                int retained = 0;
                long bytes = 0;
                for (int x = 0; x < n; x++) {
                    if (reachable[x] && !without[x]) {
                        retained++;
                        bytes += sizes[x];
                    }
                }
                assertEquals(retained, tree.retainedObjects(o), where);
                assertEquals(bytes, tree.retainedBytes(o), where);
                int from = tree.position(o);
                for (int p = from; p < from + retained; p++) {
                    int x = tree.objectAt(p);
                    assertTrue(!without[x], where + ": the retained set is the subtree's range");
                }
            }
        }
    }

    /** The objects the roots reach over strong references, with {@code removed} taken out (-1: none). */
    private static boolean[] reach(HeapGraph graph, int removed) {
        int n = graph.objectCount();
        boolean[] seen = new boolean[n];
        ArrayList<Integer> queue = new ArrayList<>();
        for (int r = 0; r < graph.rootCount(); r++) {
            int o = graph.rootObject(r);
            if (o != removed && !seen[o]) {
                seen[o] = true;
                queue.add(o);
            }
        }
        for (int h = 0; h < queue.size(); h++) {
            graph.forEachReference(queue.get(h), (slot, target, weak) -> {
                if (!weak && target != removed && !seen[target]) {
                    seen[target] = true;
                    queue.add(target);
                }
            });
        }
        return seen;
    }

    /** The dominator of o that every other strict dominator of o dominates (the closest one), or SUPER_ROOT. */
    private static int naiveIdom(HeapGraph graph, int o, boolean[] reachable) {
        List<Integer> dominators = new ArrayList<>();
        for (int d = 0; d < graph.objectCount(); d++) {
            if (d != o && reachable[d] && !reach(graph, d)[o]) {
                dominators.add(d);
            }
        }
        for (int d : dominators) {
            boolean closest = true;
            boolean[] withoutD = reach(graph, d);
            for (int other : dominators) {
                // every other strict dominator must dominate d, i.e. d is unreachable without it
                if (other != d && reach(graph, other)[d]) {
                    closest = false;
                }
            }
            if (closest && !withoutD[o]) {
                return d;
            }
        }
        return DominatorTree.SUPER_ROOT;
    }

    @Test
    void aChainOfAMillionObjectsNeedsNoRecursion() {
        int n = 1_000_000;
        int[][] refs = new int[n][];
        for (int i = 0; i < n; i++) {
            refs[i] = i + 1 < n ? new int[] {i + 1} : new int[0];
        }
        DominatorTree tree = tree(ArrayHeapGraph.of(refs, 0));
        assertEquals(n, tree.retainedObjects(0));
        assertEquals(n - 1, tree.immediateDominator(n - 1) + 1);
        assertEquals(1, tree.retainedObjects(n - 1));
    }

    @Test
    void anObjectHeldByTwoListsIsRetainedByNeither() {
        // 0 -> list A (1), 0 -> list B (2); both hold 3; A alone holds 4.
        int[][] refs = {{1, 2}, {3, 4}, {3}, {}, {}};
        DominatorTree tree = tree(ArrayHeapGraph.of(refs, 0));
        assertEquals(2, tree.retainedObjects(1));
        assertEquals(1, tree.retainedObjects(2));
        assertEquals(0, tree.immediateDominator(3));
        List<Integer> top = new ArrayList<>();
        tree.forEachChild(DominatorTree.SUPER_ROOT, top::add);
        assertEquals(List.of(0), top);
        List<Integer> children = new ArrayList<>();
        tree.forEachChild(0, children::add);
        assertEquals(List.of(1, 2, 3), children.stream().sorted().toList());
        assertEquals(3, tree.childCount(0));
    }
}
