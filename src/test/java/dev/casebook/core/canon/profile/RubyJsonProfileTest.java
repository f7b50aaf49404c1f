package dev.casebook.core.canon.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.casebook.core.canon.encode.LanguageFailure;
import dev.casebook.core.canon.signing.Canonicalizer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ruby-json and rails-json on a lone high surrogate escape, where json 2.6's unescaping writes
 * {@code ?}, steps over one byte and from there pairs backslashes differently from its scanner.
 * Each expected value was printed by Debian's Ruby 3.1.2 with its json 2.6.1 and ActiveSupport
 * ({@code JSON.generate(JSON.parse(t))} and {@code ActiveSupport::JSON.encode(JSON.parse(t))});
 * a refusal is the stage where Ruby raised: {@code JSON::ParserError} or {@code JSON::GeneratorError}.
 * Found by the live differential test with seed 29844111730159.
 */
class RubyJsonProfileTest {

    private static final String REFUSED_BY_PARSE = "JSON::ParserError";
    private static final String REFUSED_BY_GENERATE = "JSON::GeneratorError";
    private static final Canonicalizer CANON = new Canonicalizer(10_000);

    /** Body, then what JSON.generate wrote, then what ActiveSupport::JSON.encode wrote. */
    private static final String[][] CASES = {
            {"\"\\ud9d8\\\\u\\ud963\\udfc0\"", REFUSED_BY_GENERATE, REFUSED_BY_GENERATE},
            {"\"\\ud9d8\\\\\"", REFUSED_BY_PARSE, REFUSED_BY_PARSE},
            {"\"\\ud9d8\\\\abcd\"", "\"?abcd\"", "\"?abcd\""},
            {"\"\\ud9d8\\\\uabcd\"", "\"?\uABCD\"", "\"?\uABCD\""},
            {"\"\\ud9d8\\nabcd\"", "\"?nabcd\"", "\"?nabcd\""},
            {"\"\\ud9d8\\nabcdef\"", "\"?nabcdef\"", "\"?nabcdef\""},
            {"\"\\ud9d8\\\"abcd\"", "\"?\\\"abcd\"", "\"?\\\"abcd\""},
            {"\"\\ud9d8\\u0041\"", "\"\uD9D8\uDC41\"", "\"\uD9D8\uDC41\""},
            {"\"\\ud9d8\\udc00\"", "\"\uD9D8\uDC00\"", "\"\uD9D8\uDC00\""},
            {"\"\\ud9d8\\ud800\"", "\"\uD9D8\uDC00\"", "\"\uD9D8\uDC00\""},
            {"\"\\ud9d8\"", REFUSED_BY_PARSE, REFUSED_BY_PARSE},
            {"\"\\ud9d8abcdef\"", "\"?bcdef\"", "\"?bcdef\""},
            {"\"\\ud9d8abcde\"", REFUSED_BY_PARSE, REFUSED_BY_PARSE},
            {"\"\\ud9d8\\u\\ud9\"", REFUSED_BY_PARSE, REFUSED_BY_PARSE},
            {"\"\\u\\ud9ab\"", REFUSED_BY_PARSE, REFUSED_BY_PARSE},
            {"\"\\ud9d8\\\\u0041\"", "\"?A\"", "\"?A\""},
            {"\"\\ud9d8\\\\u00\"", REFUSED_BY_PARSE, REFUSED_BY_PARSE},
            {"\"\\ud9d8\\\\\\\\\\\\\"", "\"?\\\\\\\\\\\"\"", "\"?\\\\\\\\\\\"\""},
            {"\"\\ud9d8\\tx\\\\u0041\"", "\"?tx\\\\u0041\"", "\"?tx\\\\u0041\""},
            {"\"\\ud9d8\\ux\\\\u0041\"", REFUSED_BY_PARSE, REFUSED_BY_PARSE},
            {"\"\\ud9d8\\\\\\u0041\"", "\"?\\\\u0041\"", "\"?\\\\u0041\""},
            {"\"\\ud9d8\\\\\\\\\\\\uab\"", REFUSED_BY_PARSE, REFUSED_BY_PARSE},
            {"\"\\ud9d8\\\\uabc\"", "\"?\uFFFD\"", "\"?\uFFFD\""},
            {"[\"\\ud9d8\\\\\\\\\\\\\",1]", "[\"?\\\\\\\\\\\"\",1]", "[\"?\\\\\\\\\\\"\",1]"},
            {"\"\\ud9d8\\\\ud800\\\\u0041\"", "\"??A\"", "\"??A\""},
            {"\"\\ud9d8\\\\u\\udc00\"", "\"?\uFFFD00\"", "\"?\uFFFD00\""},
            {"{\"\\ud9d8\\\\u\\ud963\\udfc0\":1}", REFUSED_BY_GENERATE, REFUSED_BY_GENERATE},
            {"{\"\\ud9d8\\\\u0041\":1}", "{\"?A\":1}", "{\"?A\":1}"},
            {"\"\\ud9d8\\\\u003c\"", "\"?<\"", "\"?\\u003c\""},
            {"\"\\ud9d8\u00E9\\\\u0041\"", REFUSED_BY_GENERATE, REFUSED_BY_GENERATE},
            {"\"\\ud9d8\\\\\\ud800\\udc00\"", REFUSED_BY_GENERATE, REFUSED_BY_GENERATE},
            {"\"\\ud9d8\\\\u\\\\u0041\"", "\"?\uFFFD041\"", "\"?\uFFFD041\""},
            {"\"\\ud9d8\\\\/abcd\"", "\"?/abcd\"", "\"?/abcd\""},
            {"\"\\ud9d8\\\\\\u2028x\"", "\"?\\\\u2028x\"", "\"?\\\\u2028x\""},
            {"\"\\ud9d8\\\\\\\\u0041\"", "\"?\\\\A\"", "\"?\\\\A\""},
    };

    static Stream<Arguments> cases() {
        return Arrays.stream(CASES).flatMap(c -> Stream.of(
                Arguments.of("ruby-json", c[0], c[1]), Arguments.of("rails-json", c[0], c[2])));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void doesWhatRubyDid(String profileName, String body, String expected) throws Exception {
        EncoderProfile profile = new ProfileCatalog().find(profileName).orElseThrow();
        byte[] in = body.getBytes(StandardCharsets.UTF_8);
        if (expected.equals(REFUSED_BY_PARSE) || expected.equals(REFUSED_BY_GENERATE)) {
            LanguageFailure f = assertThrows(LanguageFailure.class, () -> CANON.encodeBody(profile, in));
            assertEquals(expected.equals(REFUSED_BY_PARSE) ? LanguageFailure.Stage.PARSE : LanguageFailure.Stage.ENCODE,
                    f.stage(), f.getMessage());
        } else {
            assertEquals(expected, new String(CANON.encodeBody(profile, in), StandardCharsets.UTF_8));
        }
    }
}
