package dev.casebook.core.heap.census;

import java.util.List;

/**
 * What one dump held, kept with its job after the dump is gone, so that later dumps of the same program can be
 * compared with it ({@link Growth}): every class's totals (the histogram, all classes), and per class the
 * reachable instances by path shape.
 *
 * <p>A shape's {@code path} reads like a chain group's: the root ({@code KIND: what it names}), {@code type edge}
 * per step (indices and data-dict keys as {@code [*]}, runs of one step folded as "(repeated)"), the class last (a class object as the class it is).
 * An empty path is the class's "other shapes": the instances of shapes too small to keep one by one, summed.
 * A shape's {@code retainedBytes} sums the retained sizes of the class's top-most instances (those no other
 * instance of the class dominates) that have this shape, so a class's shapes add up to its histogram row.
 */
public record Census(Totals totals, List<ClassRow> classes, List<ShapeRow> shapes) {

    public Census {
        classes = List.copyOf(classes);
        shapes = List.copyOf(shapes);
    }

    /** The dump's objects, and those a strong chain reaches. */
    public record Totals(long objects, long shallowBytes, long reachableObjects, long reachableBytes) {
    }

    /** One class over the whole dump (reachable or not), as the histogram counts it. */
    public record ClassRow(String className, long instances, long shallowBytes, long retainedBytes) {
    }

    /** The reachable instances of one class with one path shape (an empty path: its other shapes). */
    public record ShapeRow(String className, List<String> path, long instances, long shallowBytes, long retainedBytes) {
        public ShapeRow {
            path = List.copyOf(path);
        }

        public boolean otherShapes() {
            return path.isEmpty();
        }
    }
}
