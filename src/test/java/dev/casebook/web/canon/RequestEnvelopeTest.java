package dev.casebook.web.canon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.casebook.core.canon.json.JsonParser;
import dev.casebook.core.canon.json.JsonSyntaxException;
import dev.casebook.core.canon.json.JsonValue;
import dev.casebook.core.canon.json.NestingTooDeepException;
import dev.casebook.core.canon.json.ParseRules;
import dev.casebook.core.canon.json.PortableTree;
import dev.casebook.testing.RandomJsonBodies;
import dev.casebook.web.error.Problem;
import dev.casebook.web.error.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The request walk against the strict parse of the whole document it replaced: the same error at
 * the same byte, or the same fields with the same values, each span holding exactly its value's
 * text, and a scanned field only where the value is portable.
 */
class RequestEnvelopeTest {

    private static final int MAX_DEPTH = 58;
    private static final RequestEnvelope ENVELOPE = new RequestEnvelope(Set.of("profile", "body", "query"), "body");

    private record Field(String name, JsonValue value, String source) {
    }

    @Test
    void walksAsTheWholeParseReads() {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        SplittableRandom random = new SplittableRandom(seed);
        int scanned = 0;
        int failed = 0;
        for (byte[] body : new RandomJsonBodies(seed).next(3000)) {
            byte[] damaged = damage(body, random);
            String text = new String(damaged, StandardCharsets.ISO_8859_1);
            String[] shapes = {"{\"profile\":\"x\", \"body\" : " + text + ",\"query\":[[\"a\",\"1\"]]}",
                " {\"body\":" + text + ",\"body\":[],\"extra\":1}\n", text, "{\"profile\":\"x\"," + text + "}", "{ }" + text};
            String request = shapes[random.nextInt(shapes.length)];
            byte[] bytes = request.getBytes(StandardCharsets.ISO_8859_1);
            String what = "seed " + seed + ": " + new String(bytes, StandardCharsets.UTF_8);
            String expected = wholeParse(bytes);
            List<Field> fields = new ArrayList<>();
            FieldErrors errors = new FieldErrors();
            String actual;
            try {
                ENVELOPE.read(bytes, MAX_DEPTH, errors, (name, value, start, end) ->
                        fields.add(new Field(name, value, new String(bytes, start, end - start, StandardCharsets.ISO_8859_1))));
                actual = null;
            } catch (ProblemException e) {
                actual = e.problem().detail();
            }
            if (expected != null) {
                failed++;
                assertEquals(expected, actual, what);
                continue;
            }
            if (!(parse(bytes) instanceof JsonValue.Obj root)) {
                assertEquals("the request body must be a JSON object", actual, what);
                continue;
            }
            assertEquals(null, actual, what);
            Problem shape = problem(errors);
            List<String> seen = new ArrayList<>();
            int given = 0;
            for (JsonValue.Member m : root.members()) {
                String name = m.key().value();
                boolean known = Set.of("profile", "body", "query").contains(name);
                if (!known || seen.contains(name)) {
                    assertTrue(shape != null && shape.detail().contains(name + ": "), what);
                    continue;
                }
                seen.add(name);
                Field f = fields.get(given++);
                assertEquals(name, f.name(), what);
                JsonValue fromSpan = parse(f.source().getBytes(StandardCharsets.ISO_8859_1));
                assertEquals(m.value(), fromSpan, "the span holds the value and nothing else: " + what);
                if (f.value() == null) {
                    scanned++;
                    assertTrue(PortableTree.check(m.value()), what);
                } else {
                    assertEquals(m.value(), f.value(), what);
                }
            }
            assertEquals(given, fields.size(), what);
        }
        assertTrue(scanned > 80, "enough scanned bodies: " + scanned);
        assertTrue(failed > 300, "enough malformed requests: " + failed);
    }

    @Test
    void aPortableBodyIsScannedAndOthersAreBuilt() {
        List<Field> fields = new ArrayList<>();
        byte[] request = "{\"body\": {\"a\": [1, 2.50]}, \"query\": {\"b\": \"\\ud800\"}}".getBytes(StandardCharsets.UTF_8);
        ENVELOPE.read(request, MAX_DEPTH, new FieldErrors(), (name, value, start, end) ->
                fields.add(new Field(name, value, new String(request, start, end - start, StandardCharsets.UTF_8))));
        assertEquals(new Field("body", null, "{\"a\": [1, 2.50]}"), fields.get(0));
        assertFalse(fields.get(1).value() == null, "only body is scanned");
    }

    /** The problem detail the whole parse gives (as the service words it), or null when it reads the document. */
    private static String wholeParse(byte[] bytes) {
        try {
            JsonParser.parse(bytes, ParseRules.strict(MAX_DEPTH + 2));
            return null;
        } catch (JsonSyntaxException e) {
            return e.reason() + " (byte " + e.offset() + ")";
        } catch (NestingTooDeepException e) {
            return "the request nests deeper than " + MAX_DEPTH + " levels (byte " + e.offset() + "), the most this service accepts";
        }
    }

    private static JsonValue parse(byte[] bytes) {
        try {
            return JsonParser.parse(bytes, ParseRules.strict(MAX_DEPTH + 2));
        } catch (JsonSyntaxException | NestingTooDeepException e) {
            throw new AssertionError(e);
        }
    }

    private static Problem problem(FieldErrors errors) {
        try {
            errors.throwIfAny();
            return null;
        } catch (ProblemException e) {
            return e.problem();
        }
    }

    /** The body as it is, cut short, or with one byte changed to one that matters to the grammar. */
    private static byte[] damage(byte[] body, SplittableRandom random) {
        if (body.length < 2) {
            return body;
        }
        switch (random.nextInt(4)) {
            case 0 -> {
                return Arrays.copyOf(body, random.nextInt(body.length));
            }
            case 1 -> {
                byte[] flipped = body.clone();
                String grammar = "\"\\{}[],:0-eE.u \u0001\u00ff";
                flipped[random.nextInt(body.length)] = (byte) grammar.charAt(random.nextInt(grammar.length()));
                return flipped;
            }
            default -> {
                return body;
            }
        }
    }
}
