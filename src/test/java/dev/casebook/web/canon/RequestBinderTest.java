package dev.casebook.web.canon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RequestBinderTest {

    private static final String[] TEXTS = {null, "", " ", "\t", "\n ", "\u0000", "\u001f", "\u00a0", "\u2003", "\u3000", "\ufeff", "a",
        " a ", "python-json", "\u00e9"};

    /** The hand check that lets valid requests skip Bean Validation agrees with it on every combination. */
    @Test
    void obviouslyValidIsExactlyWhatBeanValidationAccepts() {
        try (ValidatorFactory factory = Validation.buildDefaultValidatorFactory()) {
            Validator validator = factory.getValidator();
            SplittableRandom random = new SplittableRandom(7);
            int valid = 0;
            for (int i = 0; i < 20_000; i++) {
                CredentialsDto credentials = random.nextInt(10) == 0 ? null
                        : new CredentialsDto(pick(random), pick(random), random.nextBoolean() ? null : pick(random));
                SchemeDto scheme = random.nextInt(3) == 0 ? null : new SchemeDto(template(random), pick(random), pick(random), pick(random));
                CanonicalRequest request = new CanonicalRequest(pick(random), credentials, null, null, null, null, scheme);
                boolean accepted = validator.validate(request).isEmpty();
                assertEquals(accepted, RequestBinder.obviouslyValid(request), request.toString());
                valid += accepted ? 1 : 0;
            }
            assertTrue(valid > 500 && valid < 19_500, valid + " of 20000 valid: both outcomes must be exercised");
        }
    }

    private static String pick(SplittableRandom random) {
        return TEXTS[random.nextInt(TEXTS.length)];
    }

    private static String template(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> null;
            case 1 -> "{body}";
            default -> "x".repeat(SchemeDto.MAX_TEMPLATE_LENGTH - 1 + random.nextInt(3));
        };
    }
}
