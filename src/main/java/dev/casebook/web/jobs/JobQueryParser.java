package dev.casebook.web.jobs;

import dev.casebook.core.heap.analysis.DumpFormat;
import dev.casebook.web.error.Problem;
import dev.casebook.web.error.ProblemException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a job's targets and options from query parameters or form fields, with one 400 that lists every
 * bad value: {@code objectId} (hex {@code 0x7f3a...} or decimal), {@code className}, {@code maxChains}
 * (0-1000, default 10), {@code format} (auto, hprof, pyheap), {@code includeWeak} (true or false),
 * {@code histogramLimit} (0-10000, default 50), {@code suspectThreshold} (percent, above 0 and at most 100,
 * default 10). No target at all is a triage of the whole heap.
 */
final class JobQueryParser {

    /** {@code auto} and every format's API name. */
    private static final Set<String> FORMATS = java.util.stream.Stream.concat(java.util.stream.Stream.of("auto"),
            java.util.Arrays.stream(DumpFormat.values()).map(DumpFormat::apiName)).collect(java.util.stream.Collectors.toSet());

    private JobQueryParser() {
    }

    static JobQuery parse(List<String> objectIds, List<String> classNames, String maxChains, String format,
            String includeWeak) {
        return parse(objectIds, classNames, maxChains, format, includeWeak, null, null);
    }

    static JobQuery parse(List<String> objectIds, List<String> classNames, String maxChains, String format,
            String includeWeak, String histogramLimit, String suspectThreshold) {
        List<Problem.FieldError> errors = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (String raw : nonNull(objectIds)) {
            try {
                ids.add(parseId(raw.trim()));
            } catch (NumberFormatException e) {
                errors.add(new Problem.FieldError("objectId", "\"" + shorten(raw) + "\" is not an object id (hex 0x7f3a... or decimal)"));
            }
        }
        List<String> names = new ArrayList<>();
        for (String raw : nonNull(classNames)) {
            String name = raw.trim();
            if (name.isEmpty() || name.length() > 1000) {
                errors.add(new Problem.FieldError("className", "must be a class name such as com.example.Outer$Inner"));
            } else {
                names.add(name);
            }
        }
        int chains = JobQuery.DEFAULT_MAX_CHAINS;
        if (maxChains != null) {
            try {
                chains = Integer.parseInt(maxChains.trim());
                if (chains < 0 || chains > JobQuery.MAX_MAX_CHAINS) {
                    errors.add(new Problem.FieldError("maxChains", "must be between 0 and " + JobQuery.MAX_MAX_CHAINS));
                }
            } catch (NumberFormatException e) {
                errors.add(new Problem.FieldError("maxChains", "must be a whole number"));
            }
        }
        String fmt = format == null ? "auto" : format.trim().toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(fmt)) {
            errors.add(new Problem.FieldError("format", "must be one of auto, " + String.join(", ",
                    java.util.Arrays.stream(DumpFormat.values()).map(DumpFormat::apiName).toList())));
        }
        boolean weak = false;
        if (includeWeak != null) {
            String w = includeWeak.trim().toLowerCase(Locale.ROOT);
            if (w.equals("true") || w.equals("false")) {
                weak = w.equals("true");
            } else {
                errors.add(new Problem.FieldError("includeWeak", "must be true or false"));
            }
        }
        int rows = dev.casebook.core.heap.triage.Triage.DEFAULT_HISTOGRAM_LIMIT;
        if (histogramLimit != null) {
            try {
                rows = Integer.parseInt(histogramLimit.trim());
                if (rows < 0 || rows > JobQuery.MAX_HISTOGRAM_LIMIT) {
                    errors.add(new Problem.FieldError("histogramLimit", "must be between 0 and " + JobQuery.MAX_HISTOGRAM_LIMIT));
                }
            } catch (NumberFormatException e) {
                errors.add(new Problem.FieldError("histogramLimit", "must be a whole number"));
            }
        }
        double threshold = dev.casebook.core.heap.triage.Triage.DEFAULT_SUSPECT_THRESHOLD;
        if (suspectThreshold != null) {
            try {
                threshold = Double.parseDouble(suspectThreshold.trim());
                if (!(threshold > 0 && threshold <= 100)) {
                    errors.add(new Problem.FieldError("suspectThreshold", "must be a percentage above 0 and at most 100"));
                }
            } catch (NumberFormatException e) {
                errors.add(new Problem.FieldError("suspectThreshold", "must be a number (a percentage of the heap)"));
            }
        }
        if (!errors.isEmpty()) {
            String detail = errors.stream().map(e -> e.field() + ": " + e.message()).reduce((a, b) -> a + "; " + b).orElse("");
            throw new ProblemException(Problem.of(400, "invalid-request", "The request is not valid", detail).withErrors(errors));
        }
        return new JobQuery(ids, names, chains, fmt, weak, rows, threshold);
    }

    static long parseId(String raw) {
        if (raw.startsWith("0x") || raw.startsWith("0X")) {
            return Long.parseUnsignedLong(raw.substring(2), 16);
        }
        return Long.parseUnsignedLong(raw);
    }

    private static List<String> nonNull(List<String> values) {
        return values == null ? List.of() : values;
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
