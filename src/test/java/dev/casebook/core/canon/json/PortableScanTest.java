package dev.casebook.core.canon.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.casebook.testing.RandomJsonBodies;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The scan vouches for a value exactly when the strict parse reads it and finds it portable
 * ({@code RequestEnvelopeTest} checks that a request walk stepping over a scanned member answers
 * as the ordinary parse does in everything else).
 */
class PortableScanTest {

    @Test
    void itVouchesForExactlyThePortableStrictValues() {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        int vouched = 0;
        for (byte[] input : inputs(seed)) {
            String what = "seed " + seed + ": " + new String(input, StandardCharsets.UTF_8);
            JsonValue tree = strict(input);
            boolean portable = tree != null && PortableTree.check(tree);
            PortableScan.Scanned scanned = PortableScan.scan(input, 0, 10_000);
            boolean wholeInput = scanned != null && scanned.end() == trimmedEnd(input);
            assertEquals(portable, wholeInput, what);
            if (portable) {
                vouched++;
                JsonParser.Document doc = parseDocument(input);
                assertEquals(doc.extent().depth(), scanned.depth(), what);
                assertEquals(doc.extent().longestNumber(), scanned.longestNumber(), what);
            }
        }
        assertTrue(vouched > 1000, "enough portable inputs: " + vouched);
    }

    @Test
    void theDepthLimitIsTheLowerOfTheCallersAndPortability() {
        assertNotNull(PortableScan.scan(nested(64), 0, 10_000));
        assertNull(PortableScan.scan(nested(65), 0, 10_000), "System.Text.Json refuses 65 levels: not portable");
        assertNotNull(PortableScan.scan(nested(20), 0, 20));
        assertNull(PortableScan.scan(nested(21), 0, 20));
        assertNull(PortableScan.scan("[\"\\udc00\"]".getBytes(StandardCharsets.UTF_8), 0, 100));
        assertNull(PortableScan.scan(("[" + "1".repeat(1001) + "]").getBytes(StandardCharsets.UTF_8), 0, 100));
    }

    private static List<byte[]> inputs(long seed) {
        RandomJsonBodies bodies = new RandomJsonBodies(seed);
        Random random = new Random(seed);
        List<byte[]> inputs = new ArrayList<>();
        for (byte[] body : bodies.next(3000)) {
            inputs.add(body);
            if (body.length > 1) {
                inputs.add(Arrays.copyOf(body, random.nextInt(body.length)));
                byte[] flipped = body.clone();
                String bytes = "\"\\{}[],:0-eE.u \u0001\u00ff";
                flipped[random.nextInt(body.length)] = (byte) bytes.charAt(random.nextInt(bytes.length()));
                inputs.add(flipped);
            }
        }
        return inputs;
    }

    private static JsonValue strict(byte[] input) {
        try {
            return JsonParser.parse(input, ParseRules.strict(10_000));
        } catch (JsonSyntaxException | NestingTooDeepException e) {
            return null;
        }
    }

    private static JsonParser.Document parseDocument(byte[] input) {
        try {
            return JsonParser.parseDocument(input, ParseRules.strict(10_000));
        } catch (JsonSyntaxException | NestingTooDeepException e) {
            throw new AssertionError(e);
        }
    }

    private static int trimmedEnd(byte[] input) {
        int end = input.length;
        while (end > 0 && isWhitespace(input[end - 1])) {
            end--;
        }
        return end;
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    private static byte[] nested(int depth) {
        return ("[".repeat(depth) + "]".repeat(depth)).getBytes(StandardCharsets.UTF_8);
    }
}
