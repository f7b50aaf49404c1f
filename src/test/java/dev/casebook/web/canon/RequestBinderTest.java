package dev.casebook.web.canon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.casebook.core.canon.encode.LanguageFailure;
import dev.casebook.core.canon.json.JsonParser;
import dev.casebook.core.canon.json.JsonSyntaxException;
import dev.casebook.core.canon.json.NestingTooDeepException;
import dev.casebook.core.canon.json.ParseRules;
import dev.casebook.core.canon.profile.EncoderProfile;
import dev.casebook.core.canon.profile.ProfileCatalog;
import dev.casebook.core.canon.signing.BodyTooDeepException;
import dev.casebook.core.canon.signing.CanonicalResult;
import dev.casebook.core.canon.signing.Canonicalizer;
import dev.casebook.testing.RandomJsonBodies;
import dev.casebook.web.error.Problem;
import dev.casebook.web.error.ProblemException;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RequestBinderTest {

    private static final String[] TEXTS = {null, "", " ", "\t", "\n ", "\u0000", "\u001f", "\u00a0", "\u2003", "\u3000", "\ufeff", "a",
        " a ", "python-json", "\u00e9"};

    /**
     * The binder's constraint checks say what Bean Validation says of the documented schema records
     * (CanonicalRequest, DiagnosisRequestDto) on every combination: the same fields, messages and order.
     */
    @Test
    void constraintsAreWhatBeanValidationReportsOnTheSchema() {
        try (ValidatorFactory factory = Validation.buildDefaultValidatorFactory()) {
            Validator validator = factory.getValidator();
            SplittableRandom random = new SplittableRandom(7);
            int valid = 0;
            for (int i = 0; i < 20_000; i++) {
                CredentialsDto credentials = random.nextInt(10) == 0 ? null
                        : new CredentialsDto(pick(random), pick(random), random.nextBoolean() ? null : pick(random));
                SchemeDto scheme = random.nextInt(3) == 0 ? null : new SchemeDto(template(random), pick(random), pick(random), pick(random));
                String profile = pick(random);
                RequestBinder.Fields fields = new RequestBinder.Fields();
                fields.profile = profile;
                fields.credentials = credentials != null;
                if (credentials != null) {
                    fields.customerId = credentials.customerId();
                    fields.authToken = credentials.authToken();
                    fields.secret = credentials.secret();
                }
                fields.scheme = scheme != null;
                if (scheme != null) {
                    fields.template = scheme.template();
                }
                List<Problem.FieldError> canonical = beanValidation(validator,
                        new CanonicalRequest(profile, credentials, null, null, null, null, scheme));
                assertEquals(canonical, checked(fields, true), fields.toString());
                assertEquals(beanValidation(validator, new DiagnosisRequestDto(credentials, null, null, null, null, null, null, scheme)),
                        checked(fields, false));
                valid += canonical.isEmpty() ? 1 : 0;
            }
            assertTrue(valid > 500 && valid < 19_500, valid + " of 20000 valid: both outcomes must be exercised");
        }
    }

    /** Violations as the service's mapper lists them: sorted by path. */
    private static List<Problem.FieldError> beanValidation(Validator validator, Object schema) {
        return validator.validate(schema).stream().sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .map(v -> new Problem.FieldError(v.getPropertyPath().toString(), v.getMessage())).toList();
    }

    private static List<Problem.FieldError> checked(RequestBinder.Fields fields, boolean profileRequired) {
        try {
            fields.checkConstraints(profileRequired);
            return List.of();
        } catch (ProblemException e) {
            return e.problem().errors();
        }
    }

    /**
     * The request path that scans a portable body and writes it from its bytes gives, for every
     * profile, what parsing the body as the language would gives: bytes, canonical string and
     * token, or the same refusal. Bodies that are not portable, or not objects or arrays, or a
     * literal null (no body), take the ordinary path.
     */
    @Test
    void aScannedBodyGivesWhatTheLanguageParseGives() throws Exception {
        ProfileCatalog catalog = new ProfileCatalog();
        RequestBinder binder = new RequestBinder(catalog);
        Canonicalizer canonicalizer = new Canonicalizer(10_000);
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        RandomJsonBodies bodies = new RandomJsonBodies(seed);
        int scanned = 0;
        List<String> texts = new ArrayList<>(List.of("null", "{}", "[]", "5", "\"text\"", "true", "{\"a\": [1, 2.50, {\"b\": null}]}"));
        for (byte[] body : bodies.next(800)) {
            texts.add(new String(body, StandardCharsets.UTF_8));
        }
        for (String text : texts) {
            if (!strictJson(text)) {
                continue; // the request itself would be malformed
            }
            String json = "{\"credentials\":{\"customerId\":\"c\",\"authToken\":\"t\"},\"body\":" + text + ",\"profile\":\"raw\"}";
            RequestBinder.Canonical c = binder.canonical(json.getBytes(StandardCharsets.UTF_8), 10_000);
            if (text.strip().equals("null")) {
                assertEquals(null, c.body(), "a null body is no body");
                continue;
            }
            assertEquals(text.strip(), new String(c.body(), StandardCharsets.UTF_8));
            scanned += c.portableBody() ? 1 : 0;
            for (EncoderProfile p : catalog.all()) {
                String what = p.id() + " (seed " + seed + ") on " + text;
                assertEquals(outcome(() -> canonicalizer.canonicalize(p, c.credentials(), c.body(), false, c.query(), null, c.scheme())),
                        outcome(() -> canonicalizer.canonicalize(p, c.credentials(), c.body(), c.portableBody(), c.query(), null,
                                c.scheme())), what);
            }
        }
        assertTrue(scanned > 120, "enough bodies took the scanned path: " + scanned);
    }

    private interface Outcome {
        CanonicalResult get() throws Exception;
    }

    private static String outcome(Outcome o) {
        try {
            CanonicalResult r = o.get();
            return Base64.getEncoder().encodeToString(r.encodedBody()) + " " + Base64.getEncoder().encodeToString(r.canonical().bytes())
                    + " " + r.token();
        } catch (LanguageFailure | BodyTooDeepException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static boolean strictJson(String text) {
        try {
            JsonParser.parse(text.getBytes(StandardCharsets.UTF_8), ParseRules.strict(10_000));
            return true;
        } catch (JsonSyntaxException | NestingTooDeepException e) {
            return false;
        }
    }

    private static String pick(SplittableRandom random) {
        return TEXTS[random.nextInt(TEXTS.length)];
    }

    private static String template(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> null;
            case 1 -> "{body}";
            default -> "x".repeat(RequestBinder.MAX_TEMPLATE_LENGTH - 1 + random.nextInt(3));
        };
    }
}
