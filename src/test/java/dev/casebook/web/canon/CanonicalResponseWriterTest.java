package dev.casebook.web.canon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.casebook.core.canon.profile.EncoderProfile;
import dev.casebook.core.canon.profile.ProfileCatalog;
import dev.casebook.core.canon.query.QueryEncoding;
import dev.casebook.core.canon.signing.CanonicalResult;
import dev.casebook.core.canon.signing.SigningScheme;
import dev.casebook.core.canon.signing.TokenAlgorithm;
import dev.casebook.core.canon.signing.TokenEncoding;
import dev.casebook.testing.RandomJsonBodies;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The byte-level writer against what it replaced: the service's own Jackson mapper serializing
 * {@link CanonicalResponse#of}, on results with every kind of text the fields can hold.
 */
@QuarkusTest
class CanonicalResponseWriterTest {

    private static final String[] UNITS = {"a", "\"", "\\", "/", "\n", "\t", "\b", "\f", "\r", "\u0000", "\u001f", "\u007f", "é",
        "\u0080", "\u07ff", "\u0800", "中", "\u2028", "\ufeff", "\uffff", "\ud83d\ude00", "\udbff\udfff", "\ud800", "\udfff", "<", " "};

    private static final String[] TEMPLATES = {"{customerId}{authToken}{body}{query}", "{body}", "{body}{body}", "x{query}\n{body}é",
        "{customerId}\"{body}\"{query}{body}", "\ud83d\ude00{body}\u0000"};

    @Inject
    ObjectMapper mapper;

    @Test
    void writesWhatTheServiceMapperWrites() throws Exception {
        SplittableRandom random = new SplittableRandom(Long.getLong("fuzz.seed", 20261128L));
        RandomJsonBodies bodies = new RandomJsonBodies(random.nextLong());
        List<EncoderProfile> profiles = List.copyOf(new ProfileCatalog().all());
        int iterations = Integer.getInteger("fuzz.iterations", 5000);
        int illFormed = 0;
        for (int i = 0; i < iterations; i++) {
            byte[] body = random.nextInt(10) == 0 ? randomBytes(random) : bodies.next();
            String query = text(random);
            String template = random.nextInt(5) == 0 ? text(random).replace("{", "(").replace("}", ")")
                    : pick(random, TEMPLATES);
            SigningScheme scheme = new SigningScheme(template, pick(random, TokenAlgorithm.values()), pick(random, TokenEncoding.values()));
            // Mostly as the service renders it (the body spans let the writer reuse the escaped body);
            // sometimes arbitrary bytes with no spans.
            SigningScheme.Canonical canonical = random.nextInt(4) == 0
                    ? new SigningScheme.Canonical(concat(text(random).getBytes(StandardCharsets.UTF_8), body), List.of(), List.of())
                    : scheme.render(text(random), text(random), body, query);
            CanonicalResult result = new CanonicalResult(profiles.get(random.nextInt(profiles.size())), pick(random, QueryEncoding.values()),
                    body, random.nextInt(20) == 0 ? null : query, canonical, text(random), scheme);
            byte[] expected = mapper.writeValueAsBytes(CanonicalResponse.of(result));
            if (CanonicalResponse.exactText(body) == null) {
                illFormed++;
            }
            assertEquals(new String(expected, StandardCharsets.ISO_8859_1),
                    new String(CanonicalResponseWriter.write(result), StandardCharsets.ISO_8859_1), "result " + i);
        }
        // The Base64 twins were exercised, not only the common path.
        org.junit.jupiter.api.Assertions.assertTrue(illFormed > iterations / 50, illFormed + " ill-formed bodies");
    }

    private static String text(SplittableRandom random) {
        StringBuilder b = new StringBuilder();
        int n = random.nextInt(12);
        for (int i = 0; i < n; i++) {
            b.append(random.nextInt(3) == 0 ? UNITS[random.nextInt(UNITS.length)] : String.valueOf((char) (0x20 + random.nextInt(0x5f))));
        }
        return b.toString();
    }

    private static byte[] randomBytes(SplittableRandom random) {
        byte[] b = new byte[random.nextInt(40)];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (random.nextInt(4) == 0 ? 0x80 + random.nextInt(0x80) : random.nextInt(0x80));
        }
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static <T> T pick(SplittableRandom random, T[] values) {
        return values[random.nextInt(values.length)];
    }
}
