package dev.casebook.web.jobs;

import dev.casebook.core.heap.triage.Triage;
import java.util.List;

/**
 * What a job was asked: the targets (object ids and class names, with their subclasses or not; none for a
 * triage of the whole heap), how many chains to list per target, the dump's format, whether weak references may be part of a chain,
 * how many histogram rows to keep and the share of the heap (percent) a suspect must retain. Records
 * stored before the triage options (or {@code subclasses}) existed read them as their defaults.
 */
public record JobQuery(List<Long> objectIds, List<String> classNames, boolean subclasses, int maxChains,
        String format, boolean includeWeak, Integer histogramLimit, Double suspectThreshold) {

    public static final int DEFAULT_MAX_CHAINS = 10;
    public static final int MAX_MAX_CHAINS = 1000;
    public static final int MAX_HISTOGRAM_LIMIT = 10_000;

    public JobQuery {
        objectIds = List.copyOf(objectIds);
        classNames = List.copyOf(classNames);
        histogramLimit = histogramLimit == null ? Triage.DEFAULT_HISTOGRAM_LIMIT : histogramLimit;
        suspectThreshold = suspectThreshold == null ? Triage.DEFAULT_SUSPECT_THRESHOLD : suspectThreshold;
    }

    public boolean hasTargets() {
        return !objectIds.isEmpty() || !classNames.isEmpty();
    }
}
