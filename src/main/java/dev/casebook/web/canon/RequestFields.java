package dev.casebook.web.canon;

import dev.casebook.core.canon.json.JsonParser;
import dev.casebook.core.canon.json.JsonSyntaxException;
import dev.casebook.core.canon.json.JsonValue;
import dev.casebook.core.canon.json.NestingTooDeepException;
import dev.casebook.core.canon.json.ParseRules;
import dev.casebook.core.canon.json.PortableTree;
import dev.casebook.web.error.Problem;
import dev.casebook.web.error.ProblemException;
import java.util.ArrayList;
import java.util.Arrays;
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
    private final List<Problem.FieldError> errors = new ArrayList<>();
    private JsonParser.Extent extent;

    private RequestFields(byte[] source) {
        this.source = source;
    }

    static RequestFields read(byte[] source, int maxDepth, Set<String> allowed) {
        RequestFields fields = new RequestFields(source);
        JsonParser.Document doc;
        try {
            doc = JsonParser.parseDocument(source, ParseRules.strict(maxDepth + 2));
        } catch (JsonSyntaxException e) {
            throw new ProblemException(Problem.of(400, "malformed-json", "The request body is not valid JSON",
                    e.reason() + " (byte " + e.offset() + ")").withContext(Map.of("offset", e.offset())));
        } catch (NestingTooDeepException e) {
            throw new ProblemException(Problem.of(400, "nesting-too-deep", "The body nests too deep",
                    "the request nests deeper than " + maxDepth + " levels (byte " + e.offset() + "), the most this service accepts")
                    .withContext(Map.of("limit", maxDepth, "offset", e.offset())));
        }
        fields.extent = doc.extent();
        if (!(doc.value() instanceof JsonValue.Obj root)) {
            throw new ProblemException(Problem.of(400, "invalid-request", "The request is not valid",
                    "the request body must be a JSON object"));
        }
        for (int i = 0; i < root.members().size(); i++) {
            JsonValue.Member m = root.members().get(i);
            String name = m.key().value();
            if (!allowed.contains(name)) {
                fields.error(name, "unknown field; the fields are " + new TreeSet<>(allowed));
            } else if (fields.values.containsKey(name)) {
                fields.error(name, "given more than once");
            } else {
                fields.values.put(name, m.value());
                fields.spans.put(name, doc.rootMemberSpans().get(i));
            }
        }
        return fields;
    }

    boolean has(String name) {
        JsonValue v = values.get(name);
        return v != null && v != JsonValue.Null.NULL;
    }

    JsonValue value(String name) {
        return values.get(name);
    }

    /**
     * The field's value when every modelled language would read it alike ({@link PortableTree}),
     * else null. Usually known from the request's parse as a whole, without walking the value.
     */
    JsonValue portableValue(String name) {
        JsonValue v = values.get(name);
        return v != null && PortableTree.check(extent, v) ? v : null;
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
            String detail = errors.stream().map(e -> e.field() + ": " + e.message()).reduce((a, b) -> a + "; " + b).orElse("");
            throw new ProblemException(Problem.of(400, "invalid-request", "The request is not valid", detail).withErrors(List.copyOf(errors)));
        }
    }
}
