package dev.casebook.core.heap.analysis;

import dev.casebook.core.heap.path.TargetQuery;
import dev.casebook.core.heap.triage.Triage;
import java.util.List;

/**
 * What to find in a dump: the targets (none: triage only), how many chains to list per target, whether
 * weak references may be part of a chain, how many histogram rows to keep, and the share of the heap (in
 * percent) a suspect must retain.
 */
public record AnalysisRequest(List<TargetQuery> targets, int maxChains, boolean includeWeak, int histogramLimit,
        double suspectThreshold) {

    public AnalysisRequest {
        targets = List.copyOf(targets);
        if (maxChains < 0 || histogramLimit < 0) {
            throw new IllegalArgumentException("maxChains and histogramLimit must not be negative");
        }
        if (!(suspectThreshold > 0 && suspectThreshold <= 100)) {
            throw new IllegalArgumentException("suspectThreshold must be above 0 and at most 100");
        }
    }

    public static AnalysisRequest triageOnly() {
        return new AnalysisRequest(List.of(), 10, false, Triage.DEFAULT_HISTOGRAM_LIMIT, Triage.DEFAULT_SUSPECT_THRESHOLD);
    }
}
