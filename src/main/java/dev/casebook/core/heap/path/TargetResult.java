package dev.casebook.core.heap.path;

import java.util.List;

/**
 * The answer for one target query. {@code matched} instances were found; {@code reachable} of them have
 * a chain (strong only, unless weak references were allowed); of the rest, {@code weaklyReachable} are
 * held only through weak, soft, phantom or finalizer references and {@code unreachable} by nothing
 * (garbage the dump still contained).
 */
public record TargetResult(TargetQuery query, int matched, int reachable, int weaklyReachable, int unreachable,
        List<Chain> chains, List<PathGroup> groups) {
    public TargetResult {
        chains = List.copyOf(chains);
        groups = List.copyOf(groups);
    }
}
