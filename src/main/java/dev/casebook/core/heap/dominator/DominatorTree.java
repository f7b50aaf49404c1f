package dev.casebook.core.heap.dominator;

import dev.casebook.core.heap.graph.AnalysisPhase;
import dev.casebook.core.heap.graph.CancelSignal;
import dev.casebook.core.heap.graph.HeapGraph;
import dev.casebook.core.heap.graph.ProgressListener;
import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * The exact dominator tree of a heap and every object's retained size.
 *
 * <p><b>Graph.</b> The strong references of a {@link HeapGraph} (weak ones are not followed), under a
 * virtual super-root whose successors are the objects of the strong root records. A terminal root
 * ({@link HeapGraph#rootIsTerminal}) is a node whose references are not followed, as in the chain search,
 * so both analyses see one graph. Object {@code d} dominates {@code o} when every path from the
 * super-root to {@code o} passes through {@code d}; the objects {@code d} dominates are what would become
 * unreachable without it, its <em>retained set</em>.
 *
 * <p><b>Algorithm.</b> Semi-NCA (Georgiadis): an iterative depth-first search numbers the reachable objects
 * in preorder; a pass over the graph builds each object's predecessors in flat arrays (CSR); semidominators
 * come from Lengauer–Tarjan's evaluation with iterative path compression, and each immediate dominator is
 * the nearest common ancestor of the DFS parent and the semidominator, found by walking up the already
 * computed dominators. Nothing recurses, so a linked list of millions of objects is no problem. Retained
 * sizes are summed bottom-up in reverse preorder (a dominator always precedes what it dominates). Last,
 * the dominator tree is laid out in its own preorder, so that each object's retained set is one contiguous
 * range of {@link #objectAt} positions, {@code retainedObjects} long, and the tree itself needs no more
 * than that order and the retained counts.
 *
 * <p><b>Cost.</b> Two passes over the references of the reachable objects (the search, which also counts
 * predecessors, and filling them) and near-linear work besides. Memory while computing: at most six
 * {@code int} per object plus one {@code int} per strong reference; afterwards, kept: 20 bytes per object
 * (retained objects, retained bytes, position) plus 4 per reachable object (order). The int arrays of one
 * phase are handed on to the next rather than dropped and allocated again: an analysis allocates little
 * more than its peak, so the JVM has less garbage to collect and its heap grows less.
 */
public final class DominatorTree {

    /** The immediate dominator of an object held directly by the super-root (a top-level dominator). */
    public static final int SUPER_ROOT = -1;
    /** The immediate dominator of an object not strongly reachable at all. */
    public static final int UNREACHABLE = -2;

    private final int[] retainedObjects;
    private final long[] retainedBytes;
    private final int[] order;
    private final int[] position;
    private final int reachableObjects;
    private final int objectCount;
    private final long reachableBytes;

    private DominatorTree(int objectCount, int[] retainedObjects, long[] retainedBytes, int[] order,
            int reachableObjects, int[] position, long reachableBytes) {
        this.objectCount = objectCount;
        this.retainedObjects = retainedObjects;
        this.retainedBytes = retainedBytes;
        this.order = order;
        this.position = position;
        this.reachableObjects = reachableObjects;
        this.reachableBytes = reachableBytes;
    }

    /** Computes the tree; {@link HeapGraph#shallowSize} gives each object's own size. */
    public static DominatorTree compute(HeapGraph graph, CancelSignal cancel, ProgressListener progress) {
        return new Builder(graph, cancel, progress).build();
    }

    public int objectCount() {
        return objectCount;
    }

    /**
     * The object's immediate dominator, {@link #SUPER_ROOT} or {@link #UNREACHABLE}: the nearest object before
     * it in the preorder whose range contains it. Not kept as an array (4 bytes an object for a rare question),
     * so this walks back: O(preorder distance to the dominator).
     */
    public int immediateDominator(int object) {
        int at = position[object];
        if (at < 0) {
            return UNREACHABLE;
        }
        for (int p = at - 1; p >= 0; p--) {
            if (p + retainedObjects[order[p]] > at) {
                return order[p];
            }
        }
        return SUPER_ROOT;
    }

    public boolean reachable(int object) {
        return position[object] >= 0;
    }

    /** Objects in the retained set, the object itself included; 0 when unreachable. */
    public int retainedObjects(int object) {
        return retainedObjects[object];
    }

    /** Shallow bytes of the retained set; 0 when unreachable. */
    public long retainedBytes(int object) {
        return retainedBytes[object];
    }

    /** Strongly reachable objects (the super-root's retained set, the super-root excluded). */
    public int reachableObjects() {
        return reachableObjects;
    }

    public long reachableBytes() {
        return reachableBytes;
    }

    /**
     * The object's place in the dominator tree's preorder: its retained set is the positions
     * {@code [position, position + retainedObjects)}. -1 when unreachable.
     */
    public int position(int object) {
        return position[object];
    }

    /** The object at a position of the dominator tree's preorder. */
    public int objectAt(int position) {
        return order[position];
    }

    /** Calls {@code consumer} with each object {@code parent} immediately dominates ({@link #SUPER_ROOT}: the top level). */
    public void forEachChild(int parent, IntConsumer consumer) {
        int from;
        int end;
        if (parent == SUPER_ROOT) {
            from = 0;
            end = reachableObjects;
        } else {
            if (!reachable(parent)) {
                return;
            }
            from = position[parent] + 1;
            end = position[parent] + retainedObjects[parent];
        }
        for (int p = from; p < end; p += retainedObjects[order[p]]) {
            consumer.accept(order[p]);
        }
    }

    /** How many objects {@code parent} immediately dominates. */
    public int childCount(int parent) {
        int[] count = {0};
        forEachChild(parent, c -> count[0]++);
        return count[0];
    }

    /**
     * The computation, in the order of its phases. Every int array is n + 3 long, so that one made for a
     * phase (indexed by object or by preorder number, up to n + 2) can serve the next one.
     */
    private static final class Builder {
        private static final int ROOT = 1;

        private final HeapGraph graph;
        private final CancelSignal cancel;
        private final ProgressListener progress;
        private final int n;
        private final boolean[] terminal;
        /** Object -> preorder number (from 2; the super-root is 1); 0 unvisited; -(pusher)-1 while on the stack. */
        private int[] preOf;
        private int[] objectOfPre;
        private int[] dfsParent;
        private int last;
        /** During the search: each object's strong references from reached objects, roots excluded. */
        private int[] indegree;
        /** The root objects as a bitset over objects. */
        private long[] rootObjects;
        private int[] predStart;
        private int[] preds;

        Builder(HeapGraph graph, CancelSignal cancel, ProgressListener progress) {
            this.graph = graph;
            this.cancel = cancel;
            this.progress = progress;
            this.n = graph.objectCount();
            this.terminal = RetainedSet.terminalOnly(graph);
        }

        private int[] ints() {
            return new int[n + 3];
        }

        private boolean expands(int object) {
            return terminal == null || !terminal[object];
        }

        private boolean isRoot(int object) {
            return (rootObjects[object >>> 6] & (1L << object)) != 0;
        }

        DominatorTree build() {
            progress.progress(AnalysisPhase.DOMINATING, 0);
            search();
            progress.progress(AnalysisPhase.DOMINATING, 25);
            predecessors();
            progress.progress(AnalysisPhase.DOMINATING, 50);
            int[] idomPre = semiNca();
            progress.progress(AnalysisPhase.DOMINATING, 75);
            // The semidominators' array (once preOf) now holds each object's immediate dominator.
            int[] idom = preOf;
            preOf = null;
            Arrays.fill(idom, UNREACHABLE);
            for (int w = ROOT + 1; w <= last; w++) {
                int d = idomPre[w];
                idom[objectOfPre[w]] = d == ROOT ? SUPER_ROOT : objectOfPre[d];
            }
            int[] retainedObjects = dfsParent;
            dfsParent = null;
            Arrays.fill(retainedObjects, 0);
            long[] retainedBytes = new long[n];
            long total = 0;
            for (int w = last; w > ROOT; w--) {
                int object = objectOfPre[w];
                retainedObjects[object]++;
                long size = graph.shallowSize(object);
                retainedBytes[object] += size;
                total += size;
                int d = idom[object];
                if (d >= 0) {
                    retainedObjects[d] += retainedObjects[object];
                    retainedBytes[d] += retainedBytes[object];
                }
                if ((w & 0xfffff) == 0) {
                    cancel.check();
                }
            }
            int[] position = layOut(idom, retainedObjects, idomPre);
            objectOfPre = null;
            int[] order = idom;
            for (int o = 0; o < n; o++) {
                if (position[o] >= 0) {
                    order[position[o]] = o;
                }
            }
            progress.progress(AnalysisPhase.DOMINATING, 100);
            return new DominatorTree(n, retainedObjects, retainedBytes, order, last - ROOT, position, total);
        }

        /** Iterative DFS from the super-root; a node's parent is its latest pusher, which keeps it a true DFS. */
        private void search() {
            preOf = ints();
            objectOfPre = ints();
            dfsParent = ints();
            indegree = ints();
            last = ROOT;
            rootObjects = new long[(n + 63) >>> 6];
            int[] stack = new int[Math.max(16, Math.min(n, 1 << 20))];
            int[] top = {0};
            for (int r = graph.rootCount() - 1; r >= 0; r--) {
                int object = graph.rootObject(r);
                if (object >= 0 && graph.rootHoldsStrongly(r)) {
                    rootObjects[object >>> 6] |= 1L << object;
                    if (preOf[object] == 0) {
                        preOf[object] = -ROOT - 1;
                        stack = push(stack, top, object);
                    }
                }
            }
            // Root objects need no predecessors (see predecessors()); the others' are counted on the way,
            // which spares a pass over every reference.
            int[][] stackRef = {stack};
            int[] pusher = {0};
            HeapGraph.ReferenceVisitor pushUnvisited = (slot, target, weak) -> {
                if (weak) {
                    return;
                }
                if (!isRoot(target)) {
                    indegree[target]++;
                }
                if (preOf[target] <= 0) {
                    preOf[target] = -pusher[0] - 1;
                    stackRef[0] = push(stackRef[0], top, target);
                }
            };
            long visited = 0;
            while (top[0] > 0) {
                int object = stackRef[0][--top[0]];
                if (preOf[object] > 0) {
                    continue;
                }
                int pre = ++last;
                dfsParent[pre] = -preOf[object] - 1;
                preOf[object] = pre;
                objectOfPre[pre] = object;
                if (expands(object)) {
                    pusher[0] = pre;
                    graph.forEachReference(object, pushUnvisited);
                }
                if ((++visited & 0xffff) == 0) {
                    cancel.check();
                    progress.progress(AnalysisPhase.DOMINATING, (int) (25 * visited / Math.max(1, n)));
                }
            }
        }

        private static int[] push(int[] stack, int[] top, int value) {
            if (top[0] == stack.length) {
                stack = Arrays.copyOf(stack, stack.length + (stack.length >> 1) + 16);
            }
            stack[top[0]++] = value;
            return stack;
        }

        /**
         * Each reached object's predecessors, as preorder numbers, in CSR form: counted during the search,
         * filled by one more pass over the references. A root object needs none: the super-root is its
         * predecessor, so its semidominator and immediate dominator are the super-root whatever else refers
         * to it. Leaving those out spares, in a JVM dump, the reference every instance of a system class
         * holds to its class.
         */
        private void predecessors() {
            // predStart[w] is first the end of w's range; filling counts it down to its start.
            predStart = ints();
            int sum = 0;
            for (int w = ROOT + 1; w <= last; w++) {
                sum += indegree[objectOfPre[w]];
                predStart[w] = sum;
            }
            predStart[last + 1] = sum;
            preds = new int[sum];
            int[] from = {0};
            HeapGraph.ReferenceVisitor fill = (slot, target, weak) -> {
                if (!weak && !isRoot(target)) {
                    preds[--predStart[preOf[target]]] = from[0];
                }
            };
            for (int v = ROOT + 1; v <= last; v++) {
                int object = objectOfPre[v];
                if (expands(object)) {
                    from[0] = v;
                    graph.forEachReference(object, fill);
                }
                if ((v & 0xffff) == 0) {
                    cancel.check();
                }
            }
        }

        /**
         * Semidominators by Lengauer–Tarjan's eval, then immediate dominators by nearest common ancestor.
         * Returns the immediate dominators by preorder number; the semidominators are left in preOf's array.
         */
        private int[] semiNca() {
            // The object-to-number map is not needed again: its array holds the semidominators.
            int[] semi = preOf;
            int[] label = indegree;
            indegree = null;
            int[] ancestor = ints();
            for (int v = 0; v <= last + 1; v++) {
                semi[v] = v;
                label[v] = v;
            }
            int[] path = new int[64];
            for (int w = last; w > ROOT; w--) {
                int object = objectOfPre[w];
                if (isRoot(object)) {
                    semi[w] = ROOT;
                    ancestor[w] = dfsParent[w];
                    continue;
                }
                int s = semi[w];
                for (int k = predStart[w]; k < predStart[w + 1]; k++) {
                    int v = preds[k];
                    int u;
                    if (ancestor[v] == 0) {
                        u = v;
                    } else {
                        path = compress(v, ancestor, label, semi, path);
                        u = label[v];
                    }
                    if (semi[u] < s) {
                        s = semi[u];
                    }
                }
                semi[w] = s;
                ancestor[w] = dfsParent[w];
                if ((w & 0xffff) == 0) {
                    cancel.check();
                }
            }
            preds = null;
            predStart = null;
            rootObjects = null;
            int[] idom = ancestor;
            idom[ROOT] = 0;
            for (int w = ROOT + 1; w <= last; w++) {
                int d = dfsParent[w];
                while (d > semi[w]) {
                    d = idom[d];
                }
                idom[w] = d;
            }
            return idom;
        }

        /** Path compression without recursion: the path to the forest root is walked, then fixed from the top. */
        private static int[] compress(int v, int[] ancestor, int[] label, int[] semi, int[] path) {
            int depth = 0;
            int x = v;
            while (ancestor[ancestor[x]] != 0) {
                if (depth == path.length) {
                    path = Arrays.copyOf(path, depth * 2);
                }
                path[depth++] = x;
                x = ancestor[x];
            }
            for (int i = depth - 1; i >= 0; i--) {
                int y = path[i];
                int a = ancestor[y];
                if (semi[label[a]] < semi[label[y]]) {
                    label[y] = label[a];
                }
                ancestor[y] = ancestor[a];
            }
            return path;
        }

        /**
         * Each object's place in a preorder of the dominator tree, without building the tree: objects are
         * placed in DFS preorder, in which a dominator always comes first, each at the next free place
         * inside its dominator's range (its retained count long). Children come in DFS order.
         * {@code nextFree} is a spare array, overwritten.
         */
        private int[] layOut(int[] idom, int[] retainedObjects, int[] nextFree) {
            int[] position = new int[n];
            Arrays.fill(position, -1);
            int topLevel = 0;
            for (int w = ROOT + 1; w <= last; w++) {
                int object = objectOfPre[w];
                int d = idom[object];
                int at;
                if (d == SUPER_ROOT) {
                    at = topLevel;
                    topLevel += retainedObjects[object];
                } else {
                    at = nextFree[d];
                    nextFree[d] += retainedObjects[object];
                }
                position[object] = at;
                nextFree[object] = at + 1;
            }
            return position;
        }
    }
}
