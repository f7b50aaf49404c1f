package dev.casebook.core.heap.path;

import java.util.List;

/** All matched instances whose chains have the same shape ({@code type edge} per step, indices as {@code [*]}). */
public record PathGroup(List<String> path, int count) {
    public PathGroup {
        path = List.copyOf(path);
    }
}
