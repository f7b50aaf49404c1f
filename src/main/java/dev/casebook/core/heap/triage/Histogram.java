package dev.casebook.core.heap.triage;

import dev.casebook.core.heap.dominator.DominatorTree;
import dev.casebook.core.heap.graph.CancelSignal;
import dev.casebook.core.heap.graph.HeapGraph;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Instances, shallow and retained bytes per type. Instances and shallow bytes count every object in the
 * dump; a type's retained bytes sum the retained sizes of its top-most instances (those no other instance
 * of the type dominates), a lower bound for the retained size of the whole set, as Eclipse MAT labels it.
 * One pass over the objects and one over the dominator tree's preorder: O(objects + types).
 */
public final class Histogram {

    /** One type's row. */
    public record Row(String className, long instances, long shallowBytes, long retainedBytes) {
    }

    private long[] instances = new long[0];
    private long[] shallow = new long[0];
    private long[] retained = new long[0];
    private int[] representative = new int[0];
    private long objects;
    private long shallowTotal;

    private Histogram() {
    }

    public static Histogram compute(HeapGraph graph, DominatorTree tree, CancelSignal cancel) {
        return counted(graph, cancel).withRetained(graph, tree, cancel);
    }

    /**
     * Instances and shallow bytes alone: they need no dominator tree, so a second thread can count them while
     * the tree is computed. {@link #withRetained} completes the histogram.
     */
    public static Histogram counted(HeapGraph graph, CancelSignal cancel) {
        Histogram h = new Histogram();
        h.count(graph, cancel);
        return h;
    }

    /** Adds the retained bytes; once, to a histogram from {@link #counted}. */
    public Histogram withRetained(HeapGraph graph, DominatorTree tree, CancelSignal cancel) {
        retain(graph, tree, cancel);
        return this;
    }

    private void count(HeapGraph graph, CancelSignal cancel) {
        grow(graph.typeCount());
        for (int o = 0; o < graph.objectCount(); o++) {
            int type = graph.typeId(o);
            if (type >= instances.length) {
                grow(Math.max(type + 1, instances.length * 2));
            }
            if (instances[type]++ == 0) {
                representative[type] = o;
            }
            long size = graph.shallowSize(o);
            shallow[type] += size;
            shallowTotal += size;
            if ((o & 0xfffff) == 0) {
                cancel.check();
            }
        }
        objects = graph.objectCount();
    }

    private void grow(int size) {
        int old = instances.length;
        instances = Arrays.copyOf(instances, size);
        shallow = Arrays.copyOf(shallow, size);
        retained = Arrays.copyOf(retained, size);
        representative = Arrays.copyOf(representative, size);
        Arrays.fill(representative, old, size, -1);
    }

    private void retain(HeapGraph graph, DominatorTree tree, CancelSignal cancel) {
        int[] coveredUntil = new int[instances.length];
        for (int p = 0; p < tree.reachableObjects(); p++) {
            int o = tree.objectAt(p);
            int type = graph.typeId(o);
            if (p >= coveredUntil[type]) {
                retained[type] += tree.retainedBytes(o);
                coveredUntil[type] = p + tree.retainedObjects(o);
            }
            if ((p & 0xfffff) == 0) {
                cancel.check();
            }
        }
    }

    public long objects() {
        return objects;
    }

    public long shallowBytes() {
        return shallowTotal;
    }

    /** The {@code limit} largest rows by retained bytes, then shallow bytes, then name. */
    public List<Row> rows(HeapGraph graph, int limit) {
        List<Row> rows = new ArrayList<>();
        for (int t = 0; t < instances.length; t++) {
            if (instances[t] > 0) {
                rows.add(new Row(graph.typeName(representative[t]), instances[t], shallow[t], retained[t]));
            }
        }
        rows.sort(Comparator.comparingLong(Row::retainedBytes).reversed()
                .thenComparing(Comparator.comparingLong(Row::shallowBytes).reversed())
                .thenComparing(Row::className));
        return rows.subList(0, Math.min(limit, rows.size()));
    }
}
