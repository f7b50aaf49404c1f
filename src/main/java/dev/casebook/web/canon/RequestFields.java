package dev.casebook.web.canon;

import dev.casebook.core.canon.json.JsonParser;
import dev.casebook.core.canon.json.JsonSyntaxException;
import dev.casebook.core.canon.json.JsonValue;
import dev.casebook.core.canon.json.NestingTooDeepException;
import dev.casebook.core.canon.json.ParseRules;
import dev.casebook.web.error.Problem;
import dev.casebook.web.error.ProblemType;
import dev.casebook.web.error.ProblemException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A JSON request read with Casebook's own strict parser rather than a data-binding library, so
 * that a field holding a body keeps its number lexemes, member order, duplicates and exact bytes.
 * Collects every shape error (wrong type, unknown or repeated field) before answering once.
 */
final class RequestFields {

    private final byte[] source;
    private final Map<String, JsonValue> values = new LinkedHashMap<>();
    private final Map<String, int[]> spans = new LinkedHashMap<>();
    /** Fields whose value was only checked as portable JSON ({@link JsonParser#parseDocument(byte[], ParseRules, String, int)}), not built. */
    private final Set<String> scanned = new HashSet<>();
    private final List<Problem.FieldError> errors = new ArrayList<>();

    private RequestFields(byte[] source) {
        this.source = source;
    }

    static RequestFields read(byte[] source, int maxDepth, Set<String> allowed) {
        return read(source, maxDepth, allowed, null);
    }

    /**
     * Reads the request's fields; {@code scannedField}, when given, is a field whose value the
     * caller needs only as bytes and, when it is portable, need not be built (see {@link #scanned}).
     */
    static RequestFields read(byte[] source, int maxDepth, Set<String> allowed, String scannedField) {
        RequestFields fields = new RequestFields(source);
        JsonParser.Document doc;
        try {
            doc = JsonParser.parseDocument(source, ParseRules.strict(maxDepth + 2), scannedField, maxDepth);
        } catch (JsonSyntaxException e) {
            throw new ProblemException(Problem.of(ProblemType.MALFORMED_JSON,
                    e.reason() + " (byte " + e.offset() + ")").withContext(Map.of("offset", e.offset())));
        } catch (NestingTooDeepException e) {
            throw new ProblemException(Problem.of(ProblemType.NESTING_TOO_DEEP,
                    "the request nests deeper than " + maxDepth + " levels (byte " + e.offset() + "), the most this service accepts")
                    .withContext(Map.of("limit", maxDepth, "offset", e.offset())));
        }
        if (!(doc.value() instanceof JsonValue.Obj root)) {
            throw new ProblemException(Problem.of(ProblemType.INVALID_REQUEST,
                    "the request body must be a JSON object"));
        }
        int built = 0;
        for (int i = 0; i < doc.rootMemberSpans().size(); i++) {
            boolean scannedOnly = doc.scanned(i);
            JsonValue.Member m = scannedOnly ? null : root.members().get(built++);
            String name = scannedOnly ? scannedField : m.key().value();
            if (!allowed.contains(name)) {
                fields.error(name, "unknown field; the fields are " + new TreeSet<>(allowed));
            } else if (fields.values.containsKey(name) || fields.scanned.contains(name)) {
                fields.error(name, "given more than once");
            } else {
                if (scannedOnly) {
                    fields.scanned.add(name);
                } else {
                    fields.values.put(name, m.value());
                }
                fields.spans.put(name, doc.rootMemberSpans().get(i));
            }
        }
        return fields;
    }

    boolean has(String name) {
        JsonValue v = values.get(name);
        return scanned.contains(name) || (v != null && v != JsonValue.Null.NULL);
    }

    JsonValue value(String name) {
        return values.get(name);
    }

    /**
     * Whether the field's value was only scanned: it is then strict JSON that every modelled
     * language reads alike ({@link dev.casebook.core.canon.json.PortableTree}), available as
     * {@link #sourceBytes}, and {@link #value} has no tree for it.
     */
    boolean scanned(String name) {
        return scanned.contains(name);
    }

    /** The field's value exactly as it was written in the request. */
    byte[] sourceBytes(String name) {
        int[] span = spans.get(name);
        return Arrays.copyOfRange(source, span[0], span[1]);
    }

    String string(String name) {
        return string(values.get(name), name);
    }

    String string(JsonValue v, String field) {
        if (v == null || v == JsonValue.Null.NULL) {
            return null;
        }
        if (v instanceof JsonValue.Str s) {
            return s.value();
        }
        error(field, "must be a string");
        return null;
    }

    /** A nested object's members by name (duplicates reported), or an empty map when absent or not an object. */
    Map<String, JsonValue> object(String name, Set<String> allowed) {
        JsonValue v = values.get(name);
        Map<String, JsonValue> out = new LinkedHashMap<>();
        if (v == null || v == JsonValue.Null.NULL) {
            return out;
        }
        if (!(v instanceof JsonValue.Obj o)) {
            error(name, "must be an object");
            return out;
        }
        for (JsonValue.Member m : o.members()) {
            String key = m.key().value();
            if (!allowed.contains(key)) {
                error(name + "." + key, "unknown field; the fields are " + new TreeSet<>(allowed));
            } else if (out.putIfAbsent(key, m.value()) != null) {
                error(name + "." + key, "given more than once");
            }
        }
        return out;
    }

    void error(String field, String message) {
        errors.add(new Problem.FieldError(field, message));
    }

    void throwIfErrors() {
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid(errors));
        }
    }
}
