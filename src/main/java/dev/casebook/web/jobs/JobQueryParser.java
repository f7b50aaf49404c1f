package dev.casebook.web.jobs;

import dev.casebook.core.heap.analysis.DumpFormat;
import dev.casebook.web.error.Problem;
import dev.casebook.web.error.ProblemException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a job's targets and options from query parameters or form fields, with one 400 that lists every
 * bad value: {@code objectId} (hex {@code 0x7f3a...} or decimal), {@code className}, {@code maxChains}
 * (0-1000, default 10), {@code format} (auto, hprof, pyheap), {@code includeWeak} and {@code subclasses}
 * (true or false), {@code histogramLimit} (0-10000, default 50), {@code suspectThreshold} (percent, above 0 and at most 100,
 * default 10). No target at all is a triage of the whole heap.
 */
final class JobQueryParser {

    /**
     * Every parameter POST /v1/jobs takes, as a query parameter or a form field: the one list to extend when
     * a job takes a new one (then read it in {@link #parse(Map, String)} and document it on
     * {@link JobsResource}). Any other name is refused, so that a misspelt option is never silently ignored.
     */
    static final List<String> PARAMETERS = List.of("objectId", "className", "subclasses", "maxChains", "format",
            "includeWeak", "histogramLimit", "suspectThreshold");
    /** The parameters that may be given more than once. */
    private static final Set<String> REPEATABLE = Set.of("objectId", "className");

    /** {@code auto} and every format's API name. */
    private static final Set<String> FORMATS = java.util.stream.Stream.concat(java.util.stream.Stream.of("auto"),
            java.util.Arrays.stream(DumpFormat.values()).map(DumpFormat::apiName)).collect(java.util.stream.Collectors.toSet());

    private JobQueryParser() {
    }

    /**
     * Everything a request gave, by name ({@code kind} says how it was given: "query parameter" or "form
     * field"): unknown names and single values given twice are refused with the rest.
     */
    static JobQuery parse(Map<String, List<String>> given, String kind) {
        List<Problem.FieldError> errors = names(given, kind);
        List<Long> ids = new ArrayList<>();
        for (String raw : values(given, "objectId")) {
            try {
                ids.add(parseId(raw.trim()));
            } catch (NumberFormatException e) {
                errors.add(new Problem.FieldError("objectId", "\"" + shorten(raw) + "\" is not an object id (hex 0x7f3a... or decimal)"));
            }
        }
        List<String> names = new ArrayList<>();
        for (String raw : values(given, "className")) {
            String name = raw.trim();
            if (name.isEmpty() || name.length() > 1000) {
                errors.add(new Problem.FieldError("className", "must be a class name such as com.example.Outer$Inner"));
            } else {
                names.add(name);
            }
        }
        boolean subclasses = bool(value(given, "subclasses"), "subclasses", errors);
        int chains = wholeNumber(value(given, "maxChains"), "maxChains", JobQuery.DEFAULT_MAX_CHAINS, 0,
                JobQuery.MAX_MAX_CHAINS, errors);
        String format = value(given, "format");
        String fmt = format == null ? "auto" : format.trim().toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(fmt)) {
            errors.add(new Problem.FieldError("format", "must be one of auto, " + String.join(", ",
                    java.util.Arrays.stream(DumpFormat.values()).map(DumpFormat::apiName).toList())));
        }
        boolean weak = bool(value(given, "includeWeak"), "includeWeak", errors);
        int rows = wholeNumber(value(given, "histogramLimit"), "histogramLimit",
                dev.casebook.core.heap.triage.Triage.DEFAULT_HISTOGRAM_LIMIT, 0, JobQuery.MAX_HISTOGRAM_LIMIT, errors);
        double threshold = dev.casebook.core.heap.triage.Triage.DEFAULT_SUSPECT_THRESHOLD;
        String suspectThreshold = value(given, "suspectThreshold");
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
            throw new ProblemException(Problem.invalid(errors));
        }
        return new JobQuery(ids, names, subclasses, chains, fmt, weak, rows, threshold);
    }

    /** {@code true} or {@code false} (any case), false when absent; anything else is noted in {@code errors}. */
    private static boolean bool(String raw, String field, List<Problem.FieldError> errors) {
        if (raw == null) {
            return false;
        }
        String v = raw.trim().toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            errors.add(new Problem.FieldError(field, "must be true or false"));
        }
        return v.equals("true");
    }

    /**
     * A raw query string's parameters in the order the request gave them (a JAX-RS map has no order, and a
     * 400 should list the bad names as the caller wrote them).
     */
    static Map<String, List<String>> queryParameters(String rawQuery) {
        Map<String, List<String>> given = new java.util.LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return given;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            given.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return given;
    }

    private static String decode(String s) {
        try {
            return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s; // a stray '%' stays as written: the name or value is then refused as it stands
        }
    }

    /** The names that are no parameter, and the single-valued ones given more than once. */
    static List<Problem.FieldError> names(Map<String, List<String>> given, String kind) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : given.entrySet()) {
            if (!PARAMETERS.contains(e.getKey())) {
                errors.add(new Problem.FieldError(e.getKey(), "unknown " + kind + "; the " + kind + "s are "
                        + String.join(", ", PARAMETERS)));
            } else if (e.getValue().size() > 1 && !REPEATABLE.contains(e.getKey())) {
                errors.add(new Problem.FieldError(e.getKey(), "given more than once"));
            }
        }
        return errors;
    }

    private static List<String> values(Map<String, List<String>> given, String name) {
        return given.getOrDefault(name, List.of());
    }

    private static String value(Map<String, List<String>> given, String name) {
        List<String> values = given.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** A whole number between {@code min} and {@code max}, or {@code fallback} when absent; a bad one is noted in {@code errors}. */
    static int wholeNumber(String raw, String field, int fallback, int min, int max, List<Problem.FieldError> errors) {
        if (raw == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value < min || value > max) {
                errors.add(new Problem.FieldError(field, max == Integer.MAX_VALUE ? "must be at least " + min
                        : "must be between " + min + " and " + max));
            }
            return value;
        } catch (NumberFormatException e) {
            errors.add(new Problem.FieldError(field, "must be a whole number"));
            return fallback;
        }
    }

    static long parseId(String raw) {
        if (raw.startsWith("0x") || raw.startsWith("0X")) {
            return Long.parseUnsignedLong(raw.substring(2), 16);
        }
        return Long.parseUnsignedLong(raw);
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
