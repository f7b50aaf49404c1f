package dev.casebook.core.heap.path;

import dev.casebook.core.heap.graph.HeapGraph;

/**
 * The text of one step of a shape, shared by groups ({@link ChainReporter}) and the census ({@link ShapeTree}):
 * both must write a step the same way, or a census shape would not read like the group it counts.
 */
final class StepLabels {

    private StepLabels() {
    }

    /** An object as a shape shows it: its type, or for a class object the class it is. */
    static String node(HeapGraph graph, int object) {
        String type = graph.typeName(object);
        if (type.equals("java.lang.Class")) {
            String name = graph.objectName(object);
            return name != null ? name : type;
        }
        return type;
    }

    /** {@code type edge} for the step {@code from -> to}, indices and data keys as {@code [*]}. */
    static String step(HeapGraph graph, int from, int to, boolean includeWeak) {
        String label = node(graph, from);
        String edge = graph.edgeShape(from, to, includeWeak);
        // Built by hand: an indy concatenation is slow until compiled.
        return new StringBuilder(label.length() + 1 + edge.length()).append(label).append(' ').append(edge).toString();
    }
}
