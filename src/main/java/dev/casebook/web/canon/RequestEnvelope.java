package dev.casebook.web.canon;

import dev.casebook.core.canon.json.JsonParser;
import dev.casebook.core.canon.json.JsonSyntaxException;
import dev.casebook.core.canon.json.JsonValue;
import dev.casebook.core.canon.json.NestingTooDeepException;
import dev.casebook.core.canon.json.ParseRules;
import dev.casebook.core.canon.json.PortableScan;
import dev.casebook.web.error.Problem;
import dev.casebook.web.error.ProblemException;
import dev.casebook.web.error.ProblemType;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A request document's root object, walked once member by member: the shape only the HTTP
 * binding needs (each field's exact source span, a field whose value is only scanned, unknown and
 * repeated fields), while every value is read by the strict {@link JsonParser}. Syntax errors read
 * as they would from parsing the whole document, at the same offsets.
 */
final class RequestEnvelope {

    /** A request's fields, each handed over once, in source order. */
    interface Fields {
        /**
         * Field {@code name}'s value, from {@code source[start..end)}; null when it was only scanned:
         * an object or array of strict JSON that every modelled language reads alike
         * ({@link dev.casebook.core.canon.json.PortableTree}), left unbuilt for a caller that reads its bytes again anyway.
         */
        void field(String name, JsonValue value, int start, int end);
    }

    private final Set<String> allowed;
    private final String unknown;
    private final String scannedField;

    /** A request whose fields are {@code allowed}; a field named {@code scannedField} (or none, when null) may be scanned. */
    RequestEnvelope(Set<String> allowed, String scannedField) {
        this.allowed = allowed;
        this.unknown = "unknown field; the fields are " + new TreeSet<>(allowed);
        this.scannedField = scannedField;
    }

    /**
     * Hands each allowed field's first occurrence to {@code fields} and reports the rest to
     * {@code errors}; a document that is not JSON, nests deeper than {@code maxDepth} below its
     * root or is not an object is a problem thrown at once.
     */
    void read(byte[] source, int maxDepth, FieldErrors errors, Fields fields) {
        try {
            walk(source, maxDepth, errors, fields);
        } catch (JsonSyntaxException e) {
            throw new ProblemException(Problem.of(ProblemType.MALFORMED_JSON,
                    e.reason() + " (byte " + e.offset() + ")").withContext(Map.of("offset", e.offset())));
        } catch (NestingTooDeepException e) {
            throw new ProblemException(Problem.of(ProblemType.NESTING_TOO_DEEP,
                    "the request nests deeper than " + maxDepth + " levels (byte " + e.offset() + "), the most this service accepts")
                    .withContext(Map.of("limit", maxDepth, "offset", e.offset())));
        }
    }

    private void walk(byte[] in, int maxDepth, FieldErrors errors, Fields fields) throws JsonSyntaxException, NestingTooDeepException {
        int pos = whitespace(in, 0);
        if (pos >= in.length || in[pos] != '{') {
            // Not an object (a byte order mark included): the parser's error for the whole, or the shape's.
            JsonParser.parse(in, ParseRules.strict(maxDepth + 2));
            throw new ProblemException(Problem.of(ProblemType.INVALID_REQUEST, "the request body must be a JSON object"));
        }
        // Values count their levels from their own: the root object is one.
        JsonParser values = JsonParser.over(in, ParseRules.strict(maxDepth + 1));
        Set<String> seen = new HashSet<>();
        pos = whitespace(in, pos + 1);
        if (peek(in, pos) == '}') {
            pos++;
        } else {
            while (true) {
                pos = whitespace(in, pos);
                int c = peek(in, pos);
                if (c != '"') {
                    throw new JsonSyntaxException(c < 0 ? "unexpected end of input, expected a property name"
                            : "expected a property name in double quotes but found " + JsonParser.describe(c), pos);
                }
                JsonParser.Read key = values.valueAt(pos);
                String name = ((JsonValue.Str) key.value()).value();
                pos = whitespace(in, key.end());
                c = peek(in, pos);
                if (c != ':') {
                    throw new JsonSyntaxException(c < 0 ? "unexpected end of input, expected ':'"
                            : "expected ':' after the property name but found " + JsonParser.describe(c), pos);
                }
                int start = whitespace(in, pos + 1);
                JsonValue value = null;
                c = peek(in, start);
                PortableScan.Scanned scanned = name.equals(scannedField) && (c == '{' || c == '[')
                        ? PortableScan.scan(in, start, maxDepth) : null;
                if (scanned != null) {
                    pos = scanned.end();
                } else {
                    JsonParser.Read read = values.valueAt(start);
                    value = read.value();
                    pos = read.end();
                }
                if (!allowed.contains(name)) {
                    errors.add(name, unknown);
                } else if (!seen.add(name)) {
                    errors.add(name, "given more than once");
                } else {
                    fields.field(name, value, start, pos);
                }
                pos = whitespace(in, pos);
                c = peek(in, pos);
                if (c == '}') {
                    pos++;
                    break;
                }
                if (c != ',') {
                    throw new JsonSyntaxException(c < 0 ? "unexpected end of input inside an object"
                            : "expected ',' or '}' but found " + JsonParser.describe(c), pos);
                }
                pos++;
            }
        }
        pos = whitespace(in, pos);
        if (pos < in.length) {
            throw new JsonSyntaxException("unexpected " + JsonParser.describe(in[pos] & 0xff) + " after the JSON value", pos);
        }
    }

    private static int whitespace(byte[] in, int from) {
        int pos = from;
        while (pos < in.length && (in[pos] == ' ' || in[pos] == '\t' || in[pos] == '\n' || in[pos] == '\r')) {
            pos++;
        }
        return pos;
    }

    private static int peek(byte[] in, int pos) {
        return pos < in.length ? in[pos] & 0xff : -1;
    }
}
