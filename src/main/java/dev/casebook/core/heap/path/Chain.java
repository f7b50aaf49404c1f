package dev.casebook.core.heap.path;

import dev.casebook.core.heap.graph.RootInfo;
import java.util.List;

/** A shortest chain of references from a root object to a target, both inclusive. */
public record Chain(RootInfo root, List<Step> path) {
    public Chain {
        path = List.copyOf(path);
    }
}
