package dev.casebook.web.jobs;

import java.util.List;

/**
 * What a job was asked: the targets (object ids and class names), how many chains to list per target,
 * the dump's format and whether weak references may be part of a chain.
 */
public record JobQuery(List<Long> objectIds, List<String> classNames, int maxChains, String format,
        boolean includeWeak) {

    public static final int DEFAULT_MAX_CHAINS = 10;
    public static final int MAX_MAX_CHAINS = 1000;

    public JobQuery {
        objectIds = List.copyOf(objectIds);
        classNames = List.copyOf(classNames);
    }

    public boolean hasTargets() {
        return !objectIds.isEmpty() || !classNames.isEmpty();
    }
}
