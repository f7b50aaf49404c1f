package dev.casebook.core.canon.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.casebook.core.canon.json.JsonParser;
import dev.casebook.core.canon.json.JsonSyntaxException;
import dev.casebook.core.canon.json.JsonValue;
import dev.casebook.core.canon.json.NestingTooDeepException;
import dev.casebook.core.canon.json.ParseRules;
import dev.casebook.core.canon.json.PortableTree;
import dev.casebook.core.canon.profile.EncoderProfile;
import dev.casebook.core.canon.profile.ProfileCatalog;
import dev.casebook.testing.RandomJsonBodies;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The transcoder against the tree encoder it stands in for: on every input, for every profile, it
 * writes the tree path's bytes or declines (null), and it declines only where the tree is needed.
 */
class PortableTranscoderTest {

    private static final ProfileCatalog CATALOG = new ProfileCatalog();
    private static final List<EncoderProfile> PROFILES = CATALOG.all().stream().filter(p -> !p.isRaw()).toList();

    @Test
    void itWritesWhatTheTreeEncoderWritesOrDeclines() {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        RandomJsonBodies bodies = new RandomJsonBodies(seed);
        Random random = new Random(seed);
        Map<String, int[]> streamedOfPortable = new HashMap<>();
        int portableBodies = 0;
        for (int i = 0; i < 3000; i++) {
            byte[] body = bodies.next();
            List<byte[]> inputs = new ArrayList<>(List.of(body));
            if (body.length > 1) {
                inputs.add(Arrays.copyOf(body, random.nextInt(body.length))); // cut short anywhere
                byte[] flipped = body.clone(); // one byte changed to one that matters to JSON
                String bytes = "\"\\{}[],:0-eE.u \u0001\u00ff\u00e9";
                flipped[random.nextInt(body.length)] = (byte) bytes.charAt(random.nextInt(bytes.length()));
                inputs.add(flipped);
            }
            for (byte[] input : inputs) {
                JsonValue tree = strictTree(input);
                boolean portable = tree != null && PortableTree.check(tree);
                portableBodies += portable && input == body ? 1 : 0;
                for (EncoderProfile p : PROFILES) {
                    byte[] streamed = PortableTranscoder.transcode(input, p.encoding(), 16);
                    String what = p.id() + " (seed " + seed + ") on " + new String(input, StandardCharsets.UTF_8);
                    if (streamed == null) {
                        continue;
                    }
                    if (!portable) {
                        fail("wrote bytes for input that is not portable strict JSON: " + what);
                    }
                    try {
                        assertArrayEquals(JsonEncoder.encode(tree, p.encoding(), 16), streamed, what);
                    } catch (LanguageFailure e) {
                        fail("wrote bytes where the tree path fails (" + e.getMessage() + "): " + what);
                    }
                    streamedOfPortable.computeIfAbsent(p.id(), k -> new int[1])[0]++;
                }
            }
        }
        assertTrue(portableBodies > 1000, "enough portable bodies: " + portableBodies);
        // Declining is always safe, so a transcoder that declined everything would pass the above:
        // the profiles that keep source order must stream most generated bodies.
        for (EncoderProfile p : PROFILES) {
            int streamed = streamedOfPortable.getOrDefault(p.id(), new int[1])[0];
            if (p.encoding().keyOrder() == KeyOrder.INSERTION && p.encoding().containers() != EncodingRules.Containers.PHP_ARRAYS
                    && p.encoding().streamable()) {
                assertTrue(streamed > portableBodies / 3, p.id() + " streamed " + streamed + " of " + portableBodies);
            }
        }
    }

    @Test
    void whatOnlyTheTreeKnowsIsLeftToTheTree() {
        EncoderProfile python = CATALOG.find("python-json").orElseThrow();
        EncoderProfile javascript = CATALOG.find("javascript-json").orElseThrow();
        EncoderProfile sorted = CATALOG.find("python-json-sorted").orElseThrow();
        assertNull(transcode("{\"a\":1,\"b\":2,\"a\":3}", python), "a repeated name: the last value at the first place");
        assertNull(transcode("{\"a\":1,\"\\u0061\":3}", python), "a name repeated through an escape");
        assertNull(transcode("{\"b\":1,\"1\":2}", javascript), "an array-index name moves first");
        assertNull(transcode("{\"b\":1,\"a\":2}", sorted), "out of order for a sorting encoder");
        assertNull(transcode("[\"\\ud800\"]", python), "a lone surrogate");
        assertNull(transcode("[1] x", python), "trailing content");
        assertNull(transcode("{\"a\":null}", CATALOG.find("gson").orElseThrow()), "a member Gson leaves out for its null");
        assertNull(transcode("{\"a\":1}", CATALOG.find("org-json").orElseThrow()), "a HashMap's order");
        assertNull(transcode("1", CATALOG.find("android-org-json").orElseThrow()), "a single value, which org.json's classes cannot read");
        assertEquals("{\"a\": 1, \"b\": 2}", new String(transcode("{\"a\":1,\"b\":2}", sorted), StandardCharsets.UTF_8));
        assertEquals("{\"b\": 1, \"a\": [\"\\u00e9\", 1.5, {}, []]}",
                new String(transcode(" {\"b\" : 1 , \"a\":[\"é\",15e-1,{ },[ ]]} ", python), StandardCharsets.UTF_8));
    }

    /** Every escape form and every kind of character a style treats apart, through every profile. */
    @Test
    void stringsWithEveryKindOfCharacterMatchTheTreeInEveryProfile() throws Exception {
        String body = "{\"k\u00e9\":[\"plain\", \"\\u0041\\u00e9\\u2028\\u2029\\ud83d\\ude00\\uFFFF\\/\\\"\\\\\\b\\f\\n\\r\\t\\u001f\\u007f\","
                + " \"</script>&'\u2028\u2029\u00e9\u4e2d\ud83d\ude00\u007f\ufeff\", \"\"], \"\u4e2d\":{}}";
        byte[] json = body.getBytes(StandardCharsets.UTF_8);
        JsonValue tree = strictTree(json);
        for (EncoderProfile p : PROFILES) {
            byte[] streamed = PortableTranscoder.transcode(json, p.encoding(), 16);
            if (p.encoding().keyOrder() == KeyOrder.INSERTION && p.encoding().containers() != EncodingRules.Containers.PHP_ARRAYS
                    && p.encoding().streamable()) {
                assertNotNull(streamed, p.id());
            }
            if (streamed != null) {
                assertEquals(new String(JsonEncoder.encode(tree, p.encoding(), 16), StandardCharsets.UTF_8),
                        new String(streamed, StandardCharsets.UTF_8), p.id());
            }
        }
    }

    @Test
    void manyNamesInOneObjectAreStillCheckedForRepeats() {
        EncoderProfile python = CATALOG.find("python-json").orElseThrow();
        StringBuilder distinct = new StringBuilder("{");
        for (int i = 0; i < 100; i++) {
            distinct.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        assertNotNull(transcode(distinct + "}", python));
        assertNull(transcode(distinct + ",\"k57\":0}", python));
    }

    private static byte[] transcode(String json, EncoderProfile profile) {
        return PortableTranscoder.transcode(json.getBytes(StandardCharsets.UTF_8), profile.encoding(), 16);
    }

    private static JsonValue strictTree(byte[] input) {
        try {
            return JsonParser.parse(input, ParseRules.strict(10_000));
        } catch (JsonSyntaxException | NestingTooDeepException notStrict) {
            return null;
        }
    }
}
