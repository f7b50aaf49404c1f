package dev.casebook.core.heap.census;

import com.carrotsearch.hppc.IntArrayList;
import com.carrotsearch.hppc.LongArrayList;
import com.carrotsearch.hppc.LongIntHashMap;
import dev.casebook.core.heap.dominator.DominatorTree;
import dev.casebook.core.heap.graph.CancelSignal;
import dev.casebook.core.heap.graph.HeapGraph;
import dev.casebook.core.heap.path.ShapeTree;
import dev.casebook.core.heap.triage.Histogram;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a job's {@link Census} from what the analysis already has: the shape the search gave every reachable
 * object ({@link ShapeTree}), the dominator tree and the histogram. One pass over the objects groups them by
 * (type, shape) and sums instances and shallow bytes; one pass over the dominator tree's preorder adds the
 * retained sizes of each type's top-most instances (as the histogram does, so a class's shapes add up to its
 * row). Time O(objects), one hash lookup each; memory one {@code int} per object while it runs.
 *
 * <p>Bounded: a shape is kept on its own when it has at least {@link #KEPT_SHARE} of the reachable objects or
 * of the reachable bytes (at most {@link #MAX_SHAPES} shapes, the largest); the rest of a class's instances are
 * summed in its "other shapes" row, so every reachable instance is counted exactly once.
 */
public final class CensusBuilder {

    /** The share of the reachable objects, or bytes, a shape needs to be kept by itself. */
    static final double KEPT_SHARE = 1e-5;
    static final int MAX_SHAPES = 20_000;

    private CensusBuilder() {
    }

    public static Census build(HeapGraph graph, ShapeTree shapes, DominatorTree tree, List<Histogram.Row> histogram,
            Census.Totals totals, CancelSignal cancel) {
        Entries entries = new Entries();
        int[] entryOf = new int[graph.objectCount()];
        for (int o = 0; o < entryOf.length; o++) {
            if ((o & 0xfffff) == 0) {
                cancel.check();
            }
            int shape = shapes.shape(o);
            entryOf[o] = shape < 0 ? -1 : entries.add(shapes, graph.typeId(o), shape, o, graph.shallowSize(o));
        }
        int[] coveredUntil = new int[Math.max(1, graph.typeCount())];
        for (int p = 0; p < tree.reachableObjects(); p++) {
            if ((p & 0xfffff) == 0) {
                cancel.check();
            }
            int o = tree.objectAt(p);
            int type = graph.typeId(o);
            if (type >= coveredUntil.length) {
                coveredUntil = Arrays.copyOf(coveredUntil, Math.max(type + 1, coveredUntil.length * 2));
            }
            if (p >= coveredUntil[type]) {
                if (entryOf[o] >= 0) {
                    entries.retained.buffer[entryOf[o]] += tree.retainedBytes(o);
                }
                coveredUntil[type] = p + tree.retainedObjects(o);
            }
        }
        return new Census(totals, classes(histogram), rows(graph, shapes, entries, totals));
    }

    /**
     * One row per (type, canonical shape), with the most folded form of the shape to show. Almost every shape
     * leads to objects of one type, so the row of a shape's last type is kept by shape number: most objects then
     * find their row with two array reads instead of a canonical lookup and a hash lookup.
     */
    private static final class Entries {
        final LongIntHashMap index = new LongIntHashMap();
        final IntArrayList byShape = new IntArrayList();
        final IntArrayList types = new IntArrayList();
        final IntArrayList shown = new IntArrayList();
        final IntArrayList representative = new IntArrayList();
        final LongArrayList instances = new LongArrayList();
        final LongArrayList shallow = new LongArrayList();
        final LongArrayList retained = new LongArrayList();

        int add(ShapeTree shapes, int type, int shape, int object, long size) {
            int e = shape < byShape.size() ? byShape.get(shape) : -1;
            if (e < 0 || types.get(e) != type) {
                e = lookUp(shapes, type, shape, object);
                while (byShape.size() <= shape) {
                    byShape.add(-1);
                }
                byShape.set(shape, e);
            }
            instances.buffer[e]++;
            shallow.buffer[e] += size;
            return e;
        }

        private int lookUp(ShapeTree shapes, int type, int shape, int object) {
            long key = ((long) type << 32) | shapes.canonical(shape);
            int at = index.indexOf(key);
            int e;
            if (index.indexExists(at)) {
                e = index.indexGet(at);
                int current = shown.get(e);
                if (current != shape && shapes.repeats(shape) > shapes.repeats(current)) {
                    shown.set(e, shape);
                }
            } else {
                e = shown.size();
                index.indexInsert(at, key, e);
                shown.add(shape);
                types.add(type);
                representative.add(object);
                instances.add(0);
                shallow.add(0);
                retained.add(0);
            }
            return e;
        }
    }

    /**
     * Rows by class name and path (types of one name from different class loaders are one class here): the
     * large shapes, each with its path; the small ones summed per class without ever writing their paths.
     */
    private static List<Census.ShapeRow> rows(HeapGraph graph, ShapeTree shapes, Entries entries, Census.Totals totals) {
        double objects = Math.max(1, totals.reachableObjects());
        double bytes = Math.max(1, totals.reachableBytes());
        Map<Key, long[]> large = new LinkedHashMap<>();
        Map<String, long[]> other = new LinkedHashMap<>();
        for (int e = 0; e < entries.shown.size(); e++) {
            int representative = entries.representative.get(e);
            String className = graph.typeName(representative);
            long instances = entries.instances.get(e);
            long retained = entries.retained.get(e);
            long[] sums = instances / objects >= KEPT_SHARE || retained / bytes >= KEPT_SHARE
                    ? large.computeIfAbsent(new Key(className, shapes.path(entries.shown.get(e), representative)),
                            k -> new long[3])
                    : other.computeIfAbsent(className, k -> new long[3]);
            sums[0] += instances;
            sums[1] += entries.shallow.get(e);
            sums[2] += retained;
        }
        List<Census.ShapeRow> rows = new ArrayList<>();
        large.forEach((key, sums) -> rows.add(new Census.ShapeRow(key.className(), key.path(), sums[0], sums[1], sums[2])));
        other.forEach((className, sums) -> rows.add(new Census.ShapeRow(className, List.of(), sums[0], sums[1], sums[2])));
        return bounded(rows, totals);
    }

    private record Key(String className, List<String> path) {
    }

    /**
     * At most {@link #MAX_SHAPES} shapes, the largest by their share of the objects or of the bytes (a stable
     * sort: ties keep their order); the rest, and the "other shapes" rows, summed per class.
     */
    static List<Census.ShapeRow> bounded(List<Census.ShapeRow> rows, Census.Totals totals) {
        List<Census.ShapeRow> kept = new ArrayList<>();
        Map<String, long[]> other = new LinkedHashMap<>();
        for (Census.ShapeRow r : rows) {
            if (r.otherShapes()) {
                add(other, r);
            } else {
                kept.add(r);
            }
        }
        if (kept.size() > MAX_SHAPES) {
            double objects = Math.max(1, totals.reachableObjects());
            double bytes = Math.max(1, totals.reachableBytes());
            kept.sort(Comparator.comparingDouble(r -> -Math.max(r.instances() / objects, r.retainedBytes() / bytes)));
            for (Census.ShapeRow r : kept.subList(MAX_SHAPES, kept.size())) {
                add(other, r);
            }
            kept = new ArrayList<>(kept.subList(0, MAX_SHAPES));
        }
        List<Census.ShapeRow> out = kept;
        other.forEach((className, sums) -> out.add(new Census.ShapeRow(className, List.of(), sums[0], sums[1], sums[2])));
        return out;
    }

    private static void add(Map<String, long[]> other, Census.ShapeRow r) {
        long[] sums = other.computeIfAbsent(r.className(), k -> new long[3]);
        sums[0] += r.instances();
        sums[1] += r.shallowBytes();
        sums[2] += r.retainedBytes();
    }

    private static List<Census.ClassRow> classes(List<Histogram.Row> histogram) {
        Map<String, long[]> byName = new LinkedHashMap<>();
        for (Histogram.Row r : histogram) {
            long[] sums = byName.computeIfAbsent(r.className(), k -> new long[3]);
            sums[0] += r.instances();
            sums[1] += r.shallowBytes();
            sums[2] += r.retainedBytes();
        }
        List<Census.ClassRow> rows = new ArrayList<>();
        byName.forEach((name, sums) -> rows.add(new Census.ClassRow(name, sums[0], sums[1], sums[2])));
        return rows;
    }
}
