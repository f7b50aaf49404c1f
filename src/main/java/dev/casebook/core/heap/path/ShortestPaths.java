package dev.casebook.core.heap.path;

import dev.casebook.core.heap.graph.AnalysisPhase;
import dev.casebook.core.heap.graph.CancelSignal;
import dev.casebook.core.heap.graph.HeapGraph;
import dev.casebook.core.heap.graph.ProgressListener;

/**
 * One breadth-first search from all roots at once, serving every target: afterwards each reached object
 * has one parent (of the objects one level nearer the roots that refer to it, the one with the lowest
 * index), so a shortest chain to any target is a walk up the parents.
 *
 * <p>Roots are seeded once each, with the first root record that names them. Each level is visited in
 * index order, which is the dump's address and file order: the reads of a level sweep the file forward.
 * Only strong references are followed unless {@code includeWeak}. The search stops as soon as every
 * target is reached, or when the queue empties (which proves the rest unreachable that way); one made for a
 * census goes on to the end. Memory: two {@code int} per object (parent, queue; the queue is dropped afterwards) plus two bitsets.
 * Time: O(objects + references visited + levels x objects / 64).
 */
public final class ShortestPaths {

    static final int UNVISITED = -1;
    private static final int ROOT_BASE = -2;

    private final int[] parent;
    private final boolean includeWeak;
    private final ShapeTree shapes;

    private ShortestPaths(int[] parent, boolean includeWeak, ShapeTree shapes) {
        this.parent = parent;
        this.includeWeak = includeWeak;
        this.shapes = shapes;
    }

    /** The search a chain query needs: it stops as soon as every target is reached. */
    public static ShortestPaths search(HeapGraph graph, long[] targets, int targetCount, boolean includeWeak,
            CancelSignal cancel, ProgressListener progress) {
        return search(graph, targets, targetCount, includeWeak, null, cancel, progress);
    }

    /**
     * The search a census needs: it goes on until every reachable object has its parent, and gives each one
     * its shape ({@link #shapes()}) as it is discovered. It reads references with
     * {@link HeapGraph#forEachReferenceReadOnly}, so it may run on a second thread beside the dominator tree's
     * passes; it answers every target query a {@link #search} would, with the same parents.
     */
    public static ShortestPaths everyObject(HeapGraph graph, boolean includeWeak, CancelSignal cancel) {
        return search(graph, null, Integer.MAX_VALUE, includeWeak, new ShapeTree(graph, includeWeak), cancel,
                ProgressListener.NONE);
    }

    /** {@code targets} null: none, the search goes on to the end. */
    private static ShortestPaths search(HeapGraph graph, long[] targets, int targetCount, boolean includeWeak,
            ShapeTree shapes, CancelSignal cancel, ProgressListener progress) {
        int n = graph.objectCount();
        int[] parent = new int[n];
        java.util.Arrays.fill(parent, UNVISITED);
        int[] queue = new int[n];
        int tail = 0;
        int remaining = targetCount;
        for (int r = 0; r < graph.rootCount(); r++) {
            int object = graph.rootObject(r);
            if (object >= 0 && graph.rootHoldsStrongly(r) && parent[object] == UNVISITED) {
                parent[object] = ROOT_BASE - r;
                if (shapes != null) {
                    shapes.root(object, r);
                }
                if (!graph.rootIsTerminal(r)) {
                    queue[tail++] = object;
                }
                if (targets != null && isSet(targets, object)) {
                    remaining--;
                }
            }
        }
        Expander expander = new Expander(parent, queue, targets, includeWeak, shapes);
        expander.tail = tail;
        expander.remaining = remaining;
        int head = 0;
        int lastPercent = -1;
        int levelEnd = 0;
        long[] scratch = new long[(n + 63) >>> 6];
        while (head < expander.tail && expander.remaining > 0) {
            if (head == levelEnd) {
                // A new level: visit it in index order, which is file order, so the reads of the level
                // sweep the dump forward instead of jumping about (the parents stay those of a
                // breadth-first search: any object of the previous level is a shortest-path parent).
                levelEnd = expander.tail;
                sortLevel(queue, head, levelEnd, scratch);
            }
            int object = queue[head++];
            expander.from = object;
            if (shapes != null) {
                graph.forEachReferenceReadOnly(object, expander);
            } else {
                graph.forEachReference(object, expander);
            }
            if ((head & 0xffff) == 0) {
                cancel.check();
                int percent = (int) (100L * head / n);
                if (percent != lastPercent) {
                    lastPercent = percent;
                    progress.progress(AnalysisPhase.SEARCHING, percent);
                }
            }
        }
        return new ShortestPaths(parent, includeWeak, shapes);
    }

    /** Sorts queue[from, to): small levels by a sort, large ones through a bitset in O(n/64 + size). */
    static void sortLevel(int[] queue, int from, int to, long[] scratch) {
        int size = to - from;
        if (size < 2) {
            return;
        }
        if (size < (scratch.length << 6) >>> 6) {
            java.util.Arrays.sort(queue, from, to);
            return;
        }
        for (int i = from; i < to; i++) {
            scratch[queue[i] >>> 6] |= 1L << queue[i];
        }
        int out = from;
        for (int w = 0; w < scratch.length; w++) {
            long word = scratch[w];
            while (word != 0) {
                queue[out++] = (w << 6) + Long.numberOfTrailingZeros(word);
                word &= word - 1;
            }
            scratch[w] = 0;
        }
    }

    /**
     * Which objects are reachable at all when weak references count too: a second, plain search used only
     * to tell "only weakly reachable" from "unreachable". Returns a bitset.
     */
    public static long[] reachableIncludingWeak(HeapGraph graph, CancelSignal cancel) {
        int n = graph.objectCount();
        long[] seen = new long[(n + 63) >>> 6];
        int[] queue = new int[n];
        int tail = 0;
        for (int r = 0; r < graph.rootCount(); r++) {
            int object = graph.rootObject(r);
            if (object >= 0 && graph.rootHoldsStrongly(r) && !isSet(seen, object)) {
                seen[object >>> 6] |= 1L << object;
                queue[tail++] = object;
            }
        }
        int[] tailRef = {tail};
        HeapGraph.ReferenceVisitor visitor = (s, target, weak) -> {
            if (!isSet(seen, target)) {
                seen[target >>> 6] |= 1L << target;
                queue[tailRef[0]++] = target;
            }
        };
        for (int head = 0; head < tailRef[0]; head++) {
            graph.forEachReference(queue[head], visitor);
            if ((head & 0xffff) == 0) {
                cancel.check();
            }
        }
        return seen;
    }

    static boolean isSet(long[] bits, int i) {
        return (bits[i >>> 6] & (1L << i)) != 0;
    }

    public boolean reached(int object) {
        return parent[object] != UNVISITED;
    }

    /** Whether the object is a root itself (the start of its chain). */
    public boolean isRoot(int object) {
        return parent[object] <= ROOT_BASE;
    }

    /** The root record that holds this root object. */
    public int rootRecord(int object) {
        return ROOT_BASE - parent[object];
    }

    /** The object that leads to {@code object} on its shortest chain (only when reached and not a root). */
    public int parent(int object) {
        return parent[object];
    }

    /** Every reached object's shape, for a search made by {@link #everyObject}; null for one that stopped early. */
    public ShapeTree shapes() {
        return shapes;
    }

    /** Whether weak references were followed (so a chain's edges may be weak ones). */
    public boolean includesWeak() {
        return includeWeak;
    }

    private static final class Expander implements HeapGraph.ReferenceVisitor {
        private final int[] parent;
        private final int[] queue;
        private final long[] targets;
        private final boolean includeWeak;
        private final ShapeTree shapes;
        int from;
        int tail;
        int remaining;

        Expander(int[] parent, int[] queue, long[] targets, boolean includeWeak, ShapeTree shapes) {
            this.shapes = shapes;
            this.parent = parent;
            this.queue = queue;
            this.targets = targets;
            this.includeWeak = includeWeak;
        }

        @Override
        public void reference(int s, int target, boolean weak) {
            if (parent[target] != UNVISITED || (weak && !includeWeak)) {
                return;
            }
            parent[target] = from;
            queue[tail++] = target;
            if (shapes != null) {
                shapes.child(from, s, target);
            }
            if (targets != null && isSet(targets, target)) {
                remaining--;
            }
        }
    }
}
