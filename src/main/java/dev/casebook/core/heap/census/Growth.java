package dev.casebook.core.heap.census;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What grew between dumps of one program, from their censuses alone (the dumps may be long gone). Object ids
 * are addresses and mean nothing across dumps, so nothing is matched by id: a shape is the same shape in two
 * censuses when its class and path are equal, and a class the same class when its name is.
 *
 * <p>Given censuses oldest first, each shape's instances and retained bytes in each; {@code before} is the
 * oldest, {@code after} the newest. A step grew when it has more instances, or as many retaining more bytes;
 * {@code growingEveryStep} when every step did. A shape absent from a census counts as zero there (it had no
 * instances, or too few to be kept by itself: then they are in its class's "other shapes" row). Shapes and
 * classes whose figures are equal in every census are left out; the rest are ordered by retained bytes gained,
 * then instances gained, largest first. Time O(total rows), one hash lookup each.
 */
public final class Growth {

    /** Instances and bytes in one census. */
    public record Amount(long instances, long shallowBytes, long retainedBytes) {
        Amount minus(Amount other) {
            return new Amount(instances - other.instances, shallowBytes - other.shallowBytes,
                    retainedBytes - other.retainedBytes);
        }
    }

    /** One shape's figures; {@code path} empty for a class's other shapes; {@code steps} the instances, oldest first. */
    public record ShapeGrowth(String className, List<String> path, Amount before, Amount after, Amount delta,
            List<Long> steps, boolean growingEveryStep) {
        public ShapeGrowth {
            path = List.copyOf(path);
            steps = List.copyOf(steps);
        }
    }

    /** One class's histogram row in the oldest and the newest census. */
    public record ClassGrowth(String className, Amount before, Amount after, Amount delta, List<Long> steps,
            boolean growingEveryStep) {
        public ClassGrowth {
            steps = List.copyOf(steps);
        }
    }

    /** Every changed shape and class, largest growth first. */
    public record Report(List<ShapeGrowth> shapes, List<ClassGrowth> classes) {
        public Report {
            shapes = List.copyOf(shapes);
            classes = List.copyOf(classes);
        }
    }

    private Growth() {
    }

    public static Report compare(List<Census> oldestFirst) {
        if (oldestFirst.size() < 2) {
            throw new IllegalArgumentException("a comparison needs at least two censuses");
        }
        int n = oldestFirst.size();
        Map<ShapeKey, Amount[]> shapes = new LinkedHashMap<>();
        Map<String, Amount[]> classes = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            Census census = oldestFirst.get(i);
            for (Census.ShapeRow r : census.shapes()) {
                shapes.computeIfAbsent(new ShapeKey(r.className(), r.path()), k -> new Amount[n])[i] =
                        new Amount(r.instances(), r.shallowBytes(), r.retainedBytes());
            }
            for (Census.ClassRow c : census.classes()) {
                classes.computeIfAbsent(c.className(), k -> new Amount[n])[i] =
                        new Amount(c.instances(), c.shallowBytes(), c.retainedBytes());
            }
        }
        List<ShapeGrowth> shapeRows = new ArrayList<>();
        shapes.forEach((key, amounts) -> {
            Series s = Series.of(amounts);
            if (s.changed) {
                shapeRows.add(new ShapeGrowth(key.className(), key.path(), s.first(), s.last(), s.last().minus(s.first()),
                        s.instances(), s.growingEveryStep));
            }
        });
        List<ClassGrowth> classRows = new ArrayList<>();
        classes.forEach((name, amounts) -> {
            Series s = Series.of(amounts);
            if (s.changed) {
                classRows.add(new ClassGrowth(name, s.first(), s.last(), s.last().minus(s.first()), s.instances(),
                        s.growingEveryStep));
            }
        });
        shapeRows.sort(Comparator.comparing(ShapeGrowth::delta, LARGEST_GAIN).thenComparing(ShapeGrowth::className)
                .thenComparing(g -> String.join("\n", g.path())));
        classRows.sort(Comparator.comparing(ClassGrowth::delta, LARGEST_GAIN).thenComparing(ClassGrowth::className));
        return new Report(shapeRows, classRows);
    }

    private static final Comparator<Amount> LARGEST_GAIN = Comparator.comparingLong(Amount::retainedBytes)
            .thenComparingLong(Amount::instances).reversed();

    private record ShapeKey(String className, List<String> path) {
    }

    /** One row's amounts across the censuses, absent ones as zero. */
    private record Series(Amount[] amounts, boolean changed, boolean growingEveryStep) {
        static Series of(Amount[] raw) {
            Amount[] amounts = new Amount[raw.length];
            boolean changed = false;
            boolean growing = true;
            for (int i = 0; i < raw.length; i++) {
                amounts[i] = raw[i] == null ? new Amount(0, 0, 0) : raw[i];
                if (i > 0) {
                    Amount prev = amounts[i - 1];
                    Amount now = amounts[i];
                    changed |= !now.equals(prev);
                    growing &= now.instances() > prev.instances()
                            || (now.instances() == prev.instances() && now.retainedBytes() > prev.retainedBytes());
                }
            }
            return new Series(amounts, changed, growing);
        }

        Amount first() {
            return amounts[0];
        }

        Amount last() {
            return amounts[amounts.length - 1];
        }

        List<Long> instances() {
            List<Long> out = new ArrayList<>();
            for (Amount a : amounts) {
                out.add(a.instances());
            }
            return out;
        }
    }
}
