package dev.casebook.core.heap.dominator;

import dev.casebook.core.heap.graph.CancelSignal;
import dev.casebook.core.heap.graph.HeapGraph;
import java.util.Arrays;

/**
 * The retained size of a set of objects (all instances of a class, a target's matches). It is not the sum
 * of their retained sizes: an object two members hold is dominated by neither. It is what the roots no
 * longer reach once every member is gone, so it takes one more search of the strong graph that does not
 * enter the members: O(objects + references). A set of one is read off the tree.
 */
public final class RetainedSet {

    public record Size(long objects, long bytes) {
    }

    private RetainedSet() {
    }

    public static Size measure(HeapGraph graph, DominatorTree tree, int[] members, CancelSignal cancel) {
        int[] reachable = Arrays.stream(members).filter(tree::reachable).distinct().toArray();
        if (reachable.length == 0) {
            return new Size(0, 0);
        }
        if (reachable.length == 1) {
            return new Size(tree.retainedObjects(reachable[0]), tree.retainedBytes(reachable[0]));
        }
        int n = graph.objectCount();
        long[] seen = new long[(n + 63) >>> 6];
        for (int member : reachable) {
            seen[member >>> 6] |= 1L << member;
        }
        boolean[] terminal = terminalOnly(graph);
        int[] queue = new int[Math.max(16, tree.reachableObjects())];
        int tail = 0;
        for (int r = 0; r < graph.rootCount(); r++) {
            int object = graph.rootObject(r);
            if (object >= 0 && graph.rootHoldsStrongly(r) && (seen[object >>> 6] & (1L << object)) == 0) {
                seen[object >>> 6] |= 1L << object;
                queue[tail++] = object;
            }
        }
        int[] tailRef = {tail};
        int[][] queueRef = {queue};
        HeapGraph.ReferenceVisitor visit = (slot, target, weak) -> {
            if (!weak && (seen[target >>> 6] & (1L << target)) == 0) {
                seen[target >>> 6] |= 1L << target;
                queueRef[0][tailRef[0]++] = target;
            }
        };
        long stillBytes = 0;
        for (int head = 0; head < tailRef[0]; head++) {
            int object = queueRef[0][head];
            stillBytes += graph.shallowSize(object);
            if (terminal == null || !terminal[object]) {
                graph.forEachReference(object, visit);
            }
            if ((head & 0xffff) == 0) {
                cancel.check();
            }
        }
        return new Size(tree.reachableObjects() - tailRef[0], tree.reachableBytes() - stillBytes);
    }

    /** Objects that only terminal roots name (their references are not followed), or null. */
    static boolean[] terminalOnly(HeapGraph graph) {
        boolean[] terminal = null;
        for (int r = 0; r < graph.rootCount(); r++) {
            int object = graph.rootObject(r);
            if (object >= 0 && graph.rootIsTerminal(r)) {
                if (terminal == null) {
                    terminal = new boolean[graph.objectCount()];
                }
                terminal[object] = true;
            }
        }
        if (terminal != null) {
            for (int r = 0; r < graph.rootCount(); r++) {
                int object = graph.rootObject(r);
                if (object >= 0 && graph.rootHoldsStrongly(r) && !graph.rootIsTerminal(r)) {
                    terminal[object] = false;
                }
            }
        }
        return terminal;
    }

    /**
     * The members no other member dominates, as a bitset over objects: their retained sizes can be summed
     * without counting anything twice. O(m log m) for m members, by their positions in the tree's preorder.
     */
    public static long[] topMost(DominatorTree tree, int[] members) {
        long[] result = new long[(tree.objectCount() + 63) >>> 6];
        long[] byPosition = new long[members.length];
        int count = 0;
        for (int member : members) {
            if (tree.reachable(member)) {
                byPosition[count++] = ((long) tree.position(member) << 32) | member;
            }
        }
        Arrays.sort(byPosition, 0, count);
        long coveredUntil = -1;
        for (int i = 0; i < count; i++) {
            int position = (int) (byPosition[i] >>> 32);
            int member = (int) byPosition[i];
            if (position >= coveredUntil) {
                result[member >>> 6] |= 1L << member;
                coveredUntil = (long) position + tree.retainedObjects(member);
            }
        }
        return result;
    }
}
