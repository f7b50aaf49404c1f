package dev.casebook.core.canon.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.casebook.core.canon.encode.LanguageFailure;
import dev.casebook.core.canon.signing.BodyTooDeepException;
import dev.casebook.core.canon.signing.Canonicalizer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every profile against what the real encoder wrote for each of the 200 corpus bodies
 * (src/test/resources/vectors/json): the same bytes, or a failure at the same stage.
 */
class ReferenceVectorsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ProfileCatalog CATALOG = new ProfileCatalog();
    private static final Canonicalizer CANON = new Canonicalizer(20_000);

    record Vector(String profile, String id, String note, byte[] body, JsonNode expected) {
        @Override
        public String toString() {
            return profile + " / " + id;
        }
    }

    static Stream<Arguments> vectors() throws IOException {
        Map<String, JsonNode> corpus = new LinkedHashMap<>();
        for (JsonNode line : readLines("vectors/json/corpus.jsonl")) {
            corpus.put(line.get("id").asText(), line);
        }
        List<Arguments> all = new ArrayList<>();
        for (EncoderProfile p : CATALOG.all()) {
            if (p.isRaw()) {
                continue;
            }
            if (p.description().contains(ProfileCatalog.SPECIFICATION_ONLY)) {
                // No real encoder wrote vectors for it: its hand-derived cases are its own test (SystemTextJsonProfileTest).
                System.out.println("ReferenceVectorsTest: no reference vectors for " + p.id() + " (" + ProfileCatalog.SPECIFICATION_ONLY + ")");
                continue;
            }
            List<JsonNode> lines = readLines("vectors/json/" + p.id() + ".jsonl");
            assertEquals(200, lines.size(), "reference file for " + p.id());
            for (JsonNode ref : lines) {
                JsonNode c = corpus.get(ref.get("id").asText());
                byte[] body = c.has("body_b64") ? Base64.getDecoder().decode(c.get("body_b64").asText())
                        : c.get("body").asText().getBytes(StandardCharsets.UTF_8);
                all.add(Arguments.of(new Vector(p.id(), c.get("id").asText(), c.get("note").asText(), body, ref)));
            }
        }
        return all.stream();
    }

    static List<JsonNode> readLines(String resource) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (InputStream in = ReferenceVectorsTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertTrue(in != null, "missing test resource " + resource);
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    out.add(MAPPER.readTree(line));
                }
            }
        }
        return out;
    }

    /**
     * Where Casebook knowingly differs from the recorded encoder, and why. Each is asserted as its
     * own behaviour rather than skipped.
     */
    static byte[] expectedBytes(Vector v) {
        if (!v.expected().has("out_b64")) {
            return null; // large outputs are recorded as length and SHA-256 only
        }
        byte[] out = Base64.getDecoder().decode(v.expected().get("out_b64").asText());
        if (v.profile().startsWith("go-")) {
            // The vectors were written by Go 1.19; Go 1.22 and later write \b and \f, which the
            // go profiles follow (docs/encoders.md: "model the current Go").
            String s = new String(out, StandardCharsets.UTF_8).replace("\\u0008", "\\b").replace("\\u000c", "\\f");
            return s.getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }

    /** RFC 8785 requires I-JSON input; the npm canonicalize package that wrote the vectors keeps the last duplicate. */
    static boolean jcsRejectsDuplicate(Vector v) {
        return v.profile().equals("jcs") && v.id().startsWith("key-dup");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void reproducesTheRealEncoder(Vector v) throws Exception {
        // Recorded by the old Android copy on Maven Central, which orders names by a HashMap (AndroidJsonCopy).
        EncoderProfile profile = v.profile().equals("android-org-json") ? AndroidJsonCopy.profile(CATALOG)
                : CATALOG.find(v.profile()).orElseThrow();
        boolean ok = v.expected().get("ok").asBoolean();
        byte[] actual;
        try {
            actual = CANON.encodeBody(profile, v.body());
        } catch (LanguageFailure e) {
            if (jcsRejectsDuplicate(v)) {
                assertEquals(LanguageFailure.Stage.PARSE, e.stage());
                assertTrue(e.getMessage().contains("duplicate"), e.getMessage());
                return;
            }
            if (ok) {
                fail(v + " (" + v.note() + "): expected " + v.expected().get("len") + " bytes but failed: "
                        + e.stage() + " " + e.getMessage());
            }
            String stage = v.expected().get("error").asText().startsWith("parse:") ? "PARSE" : "ENCODE";
            assertEquals(stage, e.stage().name(), v + ": real error was " + v.expected().get("error").asText()
                    + "; ours: " + e.getMessage());
            return;
        } catch (BodyTooDeepException e) {
            fail(v + ": service depth limit hit: " + e.getMessage());
            return;
        }
        if (jcsRejectsDuplicate(v)) {
            fail(v + ": jcs must reject duplicate keys (RFC 8785 / I-JSON)");
        }
        if (!ok) {
            fail(v + " (" + v.note() + "): the real encoder failed (" + v.expected().get("error").asText()
                    + ") but we wrote " + new String(actual, StandardCharsets.UTF_8));
        }
        byte[] expected = expectedBytes(v);
        if (expected == null) {
            assertEquals(v.expected().get("len").asInt(), actual.length, v + ": length");
            assertEquals(v.expected().get("sha256").asText(),
                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(actual)), v + ": sha256");
            return;
        }
        assertEquals(new String(expected, StandardCharsets.UTF_8), new String(actual, StandardCharsets.UTF_8),
                v + " (" + v.note() + ")");
        assertEquals(Base64.getEncoder().encodeToString(expected), Base64.getEncoder().encodeToString(actual),
                v + ": bytes");
    }
}
