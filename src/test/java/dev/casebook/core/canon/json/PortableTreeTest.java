package dev.casebook.core.canon.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.casebook.core.canon.encode.JsonEncoder;
import dev.casebook.core.canon.encode.LanguageFailure;
import dev.casebook.core.canon.profile.EncoderProfile;
import dev.casebook.core.canon.profile.ProfileCatalog;
import dev.casebook.core.canon.signing.Canonicalizer;
import dev.casebook.testing.RandomJsonBodies;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Encoding the strict tree of a portable body gives exactly what parsing it again under each language's rules gives. */
class PortableTreeTest {

    private static final ProfileCatalog CATALOG = new ProfileCatalog();
    private static final Canonicalizer CANON = new Canonicalizer(10_000);

    @Test
    void theShortcutAgreesWithParsingAgainForEveryProfile() throws Exception {
        RandomJsonBodies bodies = new RandomJsonBodies(Long.getLong("fuzz.seed", System.nanoTime()));
        int portable = 0;
        for (int i = 0; i < 3000; i++) {
            byte[] body = bodies.next();
            JsonValue strict;
            try {
                strict = JsonParser.parse(body, ParseRules.strict(10_000));
            } catch (JsonSyntaxException | NestingTooDeepException notStrictJson) {
                continue;
            }
            if (!PortableTree.check(strict)) {
                continue;
            }
            portable++;
            for (EncoderProfile p : CATALOG.all()) {
                if (p.isRaw() || p.parse().rewritesValues()) {
                    continue; // the raw bytes, or a reader that changes values: neither takes the portable tree
                }
                String viaTree = outcome(() -> JsonEncoder.encode(strict, p.encoding(), 64));
                String viaParse = outcome(() -> CANON.encodeBody(p, body));
                assertEquals(viaParse, viaTree, p.id() + " on " + new String(body, StandardCharsets.UTF_8));
            }
        }
        assertTrue(portable > 1000, "enough portable bodies were generated: " + portable);
    }

    /**
     * The parse's extent is exact for whole documents: it calls a document portable when the walk
     * does, and never when the walk does not; the depth, number and surrogate limits are probed at
     * and just past each edge.
     */
    @Test
    void theExtentOfAParseAgreesWithWalkingTheTree() throws Exception {
        RandomJsonBodies bodies = new RandomJsonBodies(Long.getLong("fuzz.seed", System.nanoTime()));
        java.util.List<byte[]> inputs = new java.util.ArrayList<>(bodies.next(3000));
        for (int depth : new int[] {63, 64, 65, 99, 100, 101}) {
            inputs.add(("[".repeat(depth) + "]".repeat(depth)).getBytes(StandardCharsets.UTF_8));
            inputs.add(("[".repeat(depth - 1) + "{}" + "]".repeat(depth - 1)).getBytes(StandardCharsets.UTF_8));
            inputs.add(("{\"a\":".repeat(depth - 1) + "[1]" + "}".repeat(depth - 1)).getBytes(StandardCharsets.UTF_8));
        }
        for (int digits : new int[] {999, 1000, 1001}) {
            inputs.add(("[\"x\"," + "9".repeat(digits) + "]").getBytes(StandardCharsets.UTF_8));
        }
        for (String s : new String[] {"\\ud800", "\\udc00", "\\ud83d\\ude00", "\\ud83d\\u0041", "\\ud83d\ude00", "\ud83d\ude00"}) {
            inputs.add(("{\"k\":\"" + s + "\"}").getBytes(StandardCharsets.UTF_8));
            inputs.add(("{\"" + s + "\":1}").getBytes(StandardCharsets.UTF_8));
        }
        int portable = 0;
        int checked = 0;
        for (byte[] input : inputs) {
            JsonParser.Document doc;
            try {
                doc = JsonParser.parseDocument(input, ParseRules.strict(10_000));
            } catch (JsonSyntaxException | NestingTooDeepException notStrictJson) {
                continue;
            }
            checked++;
            boolean walked = PortableTree.check(doc.value());
            assertEquals(walked, PortableTree.check(doc.extent()), new String(input, StandardCharsets.UTF_8));
            portable += walked ? 1 : 0;
        }
        assertTrue(portable > 1000 && checked - portable > 20, portable + " portable of " + checked);
    }

    interface Encode {
        byte[] run() throws Exception;
    }

    private static String outcome(Encode e) {
        try {
            return "ok " + java.util.Base64.getEncoder().encodeToString(e.run());
        } catch (LanguageFailure f) {
            return "failed at " + f.stage();
        } catch (Exception other) {
            return "error " + other;
        }
    }

    @Test
    void whatMakesATreeNonPortable() throws Exception {
        assertTrue(PortableTree.check(JsonParser.parse("{\"a\":[1,\"\\ud83d\\ude00\"]}".getBytes(StandardCharsets.UTF_8), ParseRules.strict(10))));
        assertFalse(PortableTree.check(JsonParser.parse("[\"\\ud800\"]".getBytes(StandardCharsets.UTF_8), ParseRules.strict(10))));
        assertFalse(PortableTree.check(JsonParser.parse("{\"\\udc00\":1}".getBytes(StandardCharsets.UTF_8), ParseRules.strict(10))));
        String deep = "[".repeat(101) + "]".repeat(101);
        assertFalse(PortableTree.check(JsonParser.parse(deep.getBytes(StandardCharsets.UTF_8), ParseRules.strict(200))));
        String longNumber = "[" + "9".repeat(1001) + "]";
        assertFalse(PortableTree.check(JsonParser.parse(longNumber.getBytes(StandardCharsets.UTF_8), ParseRules.strict(10))));
        assertArrayEquals("[]".getBytes(StandardCharsets.UTF_8), JsonEncoder.encode(new JsonValue.Arr(java.util.List.of()),
                CATALOG.find("jcs").orElseThrow().encoding(), 4));
    }
}
