package dev.casebook.core.heap.path;

import java.util.List;

/**
 * All matched instances whose chains have the same shape: the root ({@code KIND: what it names}), then
 * {@code type edge} per step (indices and a data dict's keys as {@code [*]}), the target's type last.
 * {@code retainedBytes} sums the retained sizes of the group's top-most instances (those no other matched
 * instance dominates); -1 when retained sizes were not computed.
 */
public record PathGroup(List<String> path, int count, long retainedBytes) {
    public PathGroup {
        path = List.copyOf(path);
    }

    public PathGroup(List<String> path, int count) {
        this(path, count, -1);
    }
}
