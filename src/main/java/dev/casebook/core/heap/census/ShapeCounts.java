package dev.casebook.core.heap.census;

import com.carrotsearch.hppc.IntArrayList;
import com.carrotsearch.hppc.LongArrayList;
import com.carrotsearch.hppc.LongIntHashMap;
import dev.casebook.core.heap.dominator.DominatorTree;
import dev.casebook.core.heap.graph.CancelSignal;
import dev.casebook.core.heap.graph.HeapGraph;
import dev.casebook.core.heap.path.ShapeTree;

/**
 * A census's counts: every reachable object counted, with its shallow size, under one entry per (type,
 * canonical shape), each entry keeping the most folded form of its shape to show; then, once the dominator tree
 * is done, the retained sizes. Counting needs only the search's shapes, so it runs on the search's thread,
 * beside the dominator tree. Time O(objects) each; memory a few words per entry and one {@code int} per type.
 */
public final class ShapeCounts {

    final ShapeTree shapes;
    /** The entry of a shape's most recent type: almost every shape leads to objects of one type. */
    private final IntArrayList byShape = new IntArrayList();
    private final LongIntHashMap index = new LongIntHashMap();
    /**
     * Recent (shape, type) -> entry, direct-mapped, for shapes that lead to objects of several types in turn
     * (an {@code Object[]}'s elements), which would otherwise miss {@link #byShape} on every object.
     */
    private static final int RECENT_BITS = 12;
    private final int[] recentShape = new int[1 << RECENT_BITS];
    private final int[] recentType = new int[1 << RECENT_BITS];
    private final int[] recentEntry = new int[1 << RECENT_BITS];
    final IntArrayList types = new IntArrayList();
    final IntArrayList shown = new IntArrayList();
    final IntArrayList representative = new IntArrayList();
    final LongArrayList instances = new LongArrayList();
    final LongArrayList shallow = new LongArrayList();
    final LongArrayList retained = new LongArrayList();
    private boolean retainedAdded;

    private ShapeCounts(ShapeTree shapes) {
        this.shapes = shapes;
        java.util.Arrays.fill(recentShape, -1);
    }

    /** Counts every object {@code shapes} gives a shape. */
    public static ShapeCounts count(HeapGraph graph, ShapeTree shapes, CancelSignal cancel) {
        ShapeCounts counts = new ShapeCounts(shapes);
        for (int o = 0; o < graph.objectCount(); o++) {
            if ((o & 0xfffff) == 0) {
                cancel.check();
            }
            int shape = shapes.shape(o);
            if (shape >= 0) {
                int e = counts.add(graph.typeId(o), shape, o);
                counts.instances.buffer[e]++;
                counts.shallow.buffer[e] += graph.shallowSize(o);
            }
        }
        return counts;
    }

    /**
     * Adds, from the dominator tree, the retained bytes of each type's top-most instances (those no other
     * instance of their type dominates), as the histogram counts them, so that a class's shapes add up to its
     * row: one pass over the tree's preorder, where a retained set is the range after its object.
     */
    public void addRetained(HeapGraph graph, DominatorTree tree, CancelSignal cancel) {
        if (retainedAdded) {
            throw new IllegalStateException("retained sizes are added once");
        }
        int[] coveredUntil = new int[Math.max(1, graph.typeCount())];
        for (int p = 0; p < tree.reachableObjects(); p++) {
            if ((p & 0xfffff) == 0) {
                cancel.check();
            }
            int o = tree.objectAt(p);
            int type = graph.typeId(o);
            if (p >= coveredUntil[type]) {
                int shape = shapes.shape(o);
                if (shape >= 0) {
                    retained.buffer[entryOf(type, shape)] += tree.retainedBytes(o);
                }
                coveredUntil[type] = p + tree.retainedObjects(o);
            }
        }
        retainedAdded = true;
    }

    boolean retainedAdded() {
        return retainedAdded;
    }

    int entries() {
        return shown.size();
    }

    /** The entry of a reached object: two array reads for most, a hash lookup for the rest. */
    int entryOf(int type, int shape) {
        int e = shape < byShape.size() ? byShape.get(shape) : -1;
        if (e >= 0 && types.get(e) == type) {
            return e;
        }
        int at = index.indexOf(key(type, shape));
        if (!index.indexExists(at)) {
            throw new IllegalStateException("object of type " + type + " and shape " + shape + " was not counted");
        }
        return index.indexGet(at);
    }

    private long key(int type, int shape) {
        return ((long) type << 32) | shapes.canonical(shape);
    }

    private int add(int type, int shape, int object) {
        int e = shape < byShape.size() ? byShape.get(shape) : -1;
        if (e >= 0 && types.get(e) == type) {
            return e;
        }
        int r = (int) (((((long) shape << 32) | type) * 0x9E3779B97F4A7C15L) >>> (64 - RECENT_BITS));
        if (recentShape[r] == shape && recentType[r] == type) {
            return recentEntry[r];
        }
        e = lookUp(type, shape, object);
        recentShape[r] = shape;
        recentType[r] = type;
        recentEntry[r] = e;
        while (byShape.size() <= shape) {
            byShape.add(-1);
        }
        byShape.set(shape, e);
        return e;
    }

    private int lookUp(int type, int shape, int object) {
        long key = key(type, shape);
        int at = index.indexOf(key);
        if (index.indexExists(at)) {
            int e = index.indexGet(at);
            int current = shown.get(e);
            if (current != shape && shapes.repeats(shape) > shapes.repeats(current)) {
                shown.set(e, shape);
            }
            return e;
        }
        int e = shown.size();
        index.indexInsert(at, key, e);
        shown.add(shape);
        types.add(type);
        representative.add(object);
        instances.add(0);
        shallow.add(0);
        retained.add(0);
        return e;
    }
}
