package dev.casebook.core.heap.path;

import dev.casebook.core.heap.graph.RootInfo;
import java.util.List;

/**
 * A shortest chain of references from a root object to a target, both inclusive. {@code length} is the
 * number of objects on it. A chain longer than {@link #MAX_LISTED_STEPS} (deep down a linked list) lists
 * its first and last {@code MAX_LISTED_STEPS / 2} steps and says how many were omitted between them, so
 * that one result cannot grow with the depth of the heap.
 */
public record Chain(RootInfo root, int length, int omittedSteps, List<Step> path) {

    public static final int MAX_LISTED_STEPS = 200;

    public Chain {
        path = List.copyOf(path);
    }
}
