package dev.casebook.core.heap.census;

import dev.casebook.core.heap.graph.HeapGraph;
import dev.casebook.core.heap.path.ShapeTree;
import dev.casebook.core.heap.triage.Histogram;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a job's {@link Census} from what the analysis already has: the objects counted by (type, shape), with
 * retained sizes ({@link ShapeCounts}), and the histogram.
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

    /**
     * The census: {@code counts}, with their retained sizes added ({@link ShapeCounts#addRetained}), bounded.
     */
    public static Census build(HeapGraph graph, ShapeCounts counts, List<Histogram.Row> histogram,
            Census.Totals totals) {
        if (!counts.retainedAdded()) {
            throw new IllegalStateException("the counts' retained sizes were not added");
        }
        return new Census(totals, classes(histogram), rows(graph, counts, totals));
    }

    /**
     * Rows by class name and path (types of one name from different class loaders are one class here): the
     * large shapes, each with its path; the small ones summed per class without ever writing their paths.
     */
    private static List<Census.ShapeRow> rows(HeapGraph graph, ShapeCounts entries, Census.Totals totals) {
        ShapeTree shapes = entries.shapes;
        double objects = Math.max(1, totals.reachableObjects());
        double bytes = Math.max(1, totals.reachableBytes());
        Map<Key, long[]> large = new LinkedHashMap<>();
        Map<String, long[]> other = new LinkedHashMap<>();
        for (int e = 0; e < entries.entries(); e++) {
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
