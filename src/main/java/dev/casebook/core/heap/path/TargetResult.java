package dev.casebook.core.heap.path;

import java.util.List;

/**
 * The answer for one target query. {@code matched} instances were found; {@code reachable} of them have
 * a chain (strong only, unless weak references were allowed); of the rest, {@code weaklyReachable} are
 * held only through weak, soft, phantom or finalizer references and {@code unreachable} by nothing
 * (garbage the dump still contained). {@code retainedObjects} and {@code retainedBytes} are exact for the
 * matched instances together (what would become unreachable without all of them); -1 when not computed.
 * {@code typeMatch} says which types a class-name query was read as (null for an object id).
 */
public record TargetResult(TargetQuery query, TypeResolver.TypeMatch typeMatch, int matched, int reachable,
        int weaklyReachable, int unreachable, List<Chain> chains, List<PathGroup> groups, long retainedObjects,
        long retainedBytes) {
    public TargetResult {
        chains = List.copyOf(chains);
        groups = List.copyOf(groups);
    }

    public TargetResult(TargetQuery query, int matched, int reachable, int weaklyReachable, int unreachable,
            List<Chain> chains, List<PathGroup> groups, long retainedObjects, long retainedBytes) {
        this(query, null, matched, reachable, weaklyReachable, unreachable, chains, groups, retainedObjects,
                retainedBytes);
    }

    public TargetResult(TargetQuery query, int matched, int reachable, int weaklyReachable, int unreachable,
            List<Chain> chains, List<PathGroup> groups) {
        this(query, matched, reachable, weaklyReachable, unreachable, chains, groups, -1, -1);
    }

    TargetResult withTypeMatch(TypeResolver.TypeMatch match) {
        return new TargetResult(query, match, matched, reachable, weaklyReachable, unreachable, chains, groups,
                retainedObjects, retainedBytes);
    }
}
