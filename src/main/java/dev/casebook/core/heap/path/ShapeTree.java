package dev.casebook.core.heap.path;

import com.carrotsearch.hppc.LongIntHashMap;
import dev.casebook.core.heap.graph.HeapGraph;
import java.util.Arrays;
import java.util.List;

/**
 * The chain shape of every object the search reaches, built while the search discovers it: an object's shape
 * is its parent's shape extended by the step from the parent ({@code type edge}, indices and data keys as
 * {@code [*]}, runs of one step folded; see {@link ShapeTable}), so the whole tree costs one step lookup and
 * one trie lookup per object, and no second search. A shape here is the steps above an object, from its root
 * down to its parent (the object's own type is not part of it), as a group's path without its last element.
 *
 * <p>Memory: one {@code int} per object, plus one trie node per distinct shape. Shapes are numbered by
 * {@link ShapeTable}; {@link #canonical} merges those that differ only in how often a step repeats.
 */
public final class ShapeTree {

    private final HeapGraph graph;
    private final boolean includeWeak;
    private final ShapeTable shapes = new ShapeTable();
    /** Object -> its shape, -1 while not reached. */
    private final int[] shapeOf;
    /** Step key (see {@link HeapGraph#stepKeyAt}) -> step id. */
    private final LongIntHashMap stepByKey = new LongIntHashMap();
    /**
     * Recent (parent shape, step key) -> shape, direct-mapped: objects of one kind reached from parents of one
     * shape (a list's nodes, a map's entries) find their shape in one probe instead of a step and a trie lookup.
     */
    private static final int RECENT_MASK = (1 << 12) - 1;
    private final int[] recentFrom = new int[RECENT_MASK + 1];
    private final long[] recentKey = new long[RECENT_MASK + 1];
    private final int[] recentShape = new int[RECENT_MASK + 1];
    /** The last step extended, so that the elements of one array cost no lookup at all. */
    private int lastFrom = -1;
    private long lastKey = -1;
    private int lastShape = -1;

    ShapeTree(HeapGraph graph, boolean includeWeak) {
        this.graph = graph;
        this.includeWeak = includeWeak;
        this.shapeOf = new int[graph.objectCount()];
        Arrays.fill(shapeOf, -1);
        Arrays.fill(recentKey, -1);
    }

    /** A root object: its shape is its root, as groups start. */
    void root(int object, int rootRecord) {
        shapeOf[object] = shapes.extend(ShapeTable.EMPTY, shapes.step(graph.rootShape(rootRecord)));
    }

    /** {@code to} was discovered as reference {@code slot} of {@code from}, whose shape is already known. */
    void child(int from, int slot, int to) {
        long key = graph.stepKeyAt(from, slot, to, includeWeak);
        if (key >= 0 && from == lastFrom && key == lastKey) {
            shapeOf[to] = lastShape;
            return;
        }
        int fromShape = shapeOf[from];
        int cached = key < 0 ? -1 : (int) (mix(fromShape, key) & RECENT_MASK);
        if (cached >= 0 && recentFrom[cached] == fromShape && recentKey[cached] == key) {
            shapeOf[to] = recentShape[cached];
            return;
        }
        int step;
        if (key < 0) {
            step = shapes.step(StepLabels.step(graph, from, to, includeWeak));
        } else {
            int at = stepByKey.indexOf(key);
            if (stepByKey.indexExists(at)) {
                step = stepByKey.indexGet(at);
            } else {
                step = shapes.step(StepLabels.step(graph, from, to, includeWeak));
                stepByKey.indexInsert(at, key, step);
            }
        }
        int shape = shapes.extend(fromShape, step);
        shapeOf[to] = shape;
        lastFrom = from;
        lastKey = key;
        lastShape = shape;
        if (cached >= 0) {
            recentFrom[cached] = fromShape;
            recentKey[cached] = key;
            recentShape[cached] = shape;
        }
    }

    private static long mix(int shape, long key) {
        long h = (key ^ ((long) shape << 40) ^ shape) * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 29);
    }

    /** The shape of the steps above {@code object}, or -1 when the search did not reach it. */
    public int shape(int object) {
        return shapeOf[object];
    }

    /** The shape with every "(repeated)" step read once: shapes equal but for how often a step repeats are one. */
    public int canonical(int shape) {
        return shapes.canonical(shape);
    }

    /** How many folded runs the shape has; of shapes with one canonical form, groups show the most folded. */
    public int repeats(int shape) {
        return shapes.repeats(shape);
    }

    /** A group's path: the shape's steps, root first, then {@code object} as groups end (a class object as its class). */
    public List<String> path(int shape, int object) {
        List<String> path = shapes.steps(shape);
        path.add(StepLabels.node(graph, object));
        return path;
    }
}
