package dev.casebook.core.canon.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.casebook.core.canon.encode.LanguageFailure;
import dev.casebook.core.canon.profile.EncoderProfile;
import dev.casebook.core.canon.profile.ProfileCatalog;
import dev.casebook.testing.fuzz.FuzzRun;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Damaged JSON bodies through every profile's parser and encoder: each must give bytes or the typed
 * refusal (LanguageFailure, BodyTooDeepException), never another exception, in bounded time.
 */
class BodyFuzzTest {

    private static final String[] SEEDS = {
        "{\"url\": \"http://example.com/a?x=<1>\", \"n\": 1.0, \"big\": 12345678901234567890, \"s\": \"caf\\u00e9 \\ud83d\\ude00\"}",
        "[1e400, -0.0, 0.1, 5e-324, 1.7976931348623157e308, 123456789012345678901234567890, {\"a\": [true, false, null]}]",
        "{\"nested\": [[[[[[{\"deep\": \"é\\t\\n\\\"\\\\/\"}]]]]]], \"dup\": 1, \"dup\": 2, \"\": {}, \"10\": \"x\", \"2\": \"y\"}",
        "\ufeff{\"bom\": \"\\udc00 lone\", \"ctl\": \"\\u0000\\u001f\\u007f\\u2028\"}",
    };

    @Test
    void damagedBodiesGiveBytesOrATypedRefusalInEveryProfile() {
        ProfileCatalog catalog = new ProfileCatalog();
        Canonicalizer canonicalizer = new Canonicalizer(10_000);
        List<FuzzRun> runs = new ArrayList<>();
        for (int i = 0; i < SEEDS.length; i++) {
            byte[] seed = SEEDS[i].getBytes(StandardCharsets.UTF_8);
            runs.add(new FuzzRun("json-" + i).run(seed, new int[0], FuzzRun.iterations(250), 20, input -> {
                int encoded = 0;
                int refused = 0;
                canonicalizer.portableTree(input);
                for (EncoderProfile profile : catalog.all()) {
                    try {
                        canonicalizer.encodeBody(profile, input);
                        encoded++;
                    } catch (LanguageFailure | BodyTooDeepException e) {
                        refused++;
                    }
                }
                return encoded == 0 ? "refused by all" : refused == 0 ? "encoded by all" : "encoded by some";
            }));
        }
        List<String> findings = new ArrayList<>();
        for (FuzzRun run : runs) {
            System.out.println(run.summary());
            findings.addAll(run.findings());
            assertTrue(run.tried() > 0);
        }
        assertEquals(List.of(), findings);
    }
}
