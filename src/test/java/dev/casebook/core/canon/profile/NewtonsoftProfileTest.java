package dev.casebook.core.canon.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.casebook.core.canon.encode.LanguageFailure;
import dev.casebook.core.canon.signing.Canonicalizer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * newtonsoft on the cases probed with Debian's Newtonsoft.Json 6.0.8 on Mono 6.8 under TZ=UTC
 * ({@code JToken.Parse(text).ToString(Formatting.None)}), each expected value copied from what it printed:
 * the date rewriting, the number forms and the lenient reader, which generated bodies rarely reach.
 */
class NewtonsoftProfileTest {

    private static final EncoderProfile NEWTONSOFT = new ProfileCatalog().find("newtonsoft").orElseThrow();
    private static final Canonicalizer CANON = new Canonicalizer(10_000);

    private static String encode(String body) throws Exception {
        return new String(CANON.encodeBody(NEWTONSOFT, body.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`\"2020-01-01T00:00:00.000Z\"` | `\"2020-01-01T00:00:00Z\"`",
        "`\"2020-01-01T00:00:00\"` | `\"2020-01-01T00:00:00\"`",
        "`\"2020-01-01T00:00:00+02:00\"` | `\"2019-12-31T22:00:00+00:00\"`",
        "`\"2020-01-01T00:00:00.1234567+02:00\"` | `\"2019-12-31T22:00:00.1234567+00:00\"`",
        "`\"2020-01-01T00:00:00.12345678Z\"` | `\"2020-01-01T00:00:00.12345678Z\"`",
        "`\"2020-01-01T00:00:00.500Z\"` | `\"2020-01-01T00:00:00.5Z\"`",
        "`\"2020-01-01T00:00:00-00:00\"` | `\"2020-01-01T00:00:00+00:00\"`",
        "`\"2020-01-01T00:00:00+0200\"` | `\"2019-12-31T22:00:00+00:00\"`",
        "`\"2020-01-01T00:00:00+02\"` | `\"2019-12-31T22:00:00+00:00\"`",
        "`\"2020-02-30T00:00:00Z\"` | `\"2020-02-30T00:00:00Z\"`",
        "`\"2020-01-01t00:00:00Z\"` | `\"2020-01-01t00:00:00Z\"`",
        "`\"/Date(1234567890000)/\"` | `\"2009-02-13T23:31:30Z\"`",
        "`\"\\/Date(1234567890000+0200)\\/\"` | `\"2009-02-13T23:31:30+00:00\"`",
        "`{\"2020-01-01T00:00:00.000Z\":1}` | `{\"2020-01-01T00:00:00.000Z\":1}`",
        "1.0 | 1.0", "1e21 | 1E+21", "-0.0 | 0.0", "-0 | 0", "1e-7 | 1E-07", "1e15 | 1E+15", "1E2 | 100.0", "12.50 | 12.5",
        "3.141592653589793 | 3.1415926535897931", "0.30000000000000004 | 0.30000000000000004", "1234567890123456.7 | 1234567890123456.8",
        "123456789012345678901234567890.5 | 1.2345678901234568E+29", "1e-400 | 0.0", "0.0001 | 0.0001", "1e-5 | 1E-05",
        "12345678901234567890 | 12345678901234567890", "24177257939247307939 | 5730513865537756323",
        "012 | 10", "0x1F | 31", "-012 | -12", "1. | 1.0", ".5 | 0.5", "NaN | `\"NaN\"`", "`[NaN,Infinity,-Infinity]` | `[\"NaN\",\"Infinity\",\"-Infinity\"]`",
        "`{'a':1}` | `{\"a\":1}`", "`{ a_$1 : 1}` | `{\"a_$1\":1}`", "`[1,2,]` | `[1,2]`", "`{\"a\":1,}` | `{\"a\":1}`",
        "`{\"a\":1,\"b\":2,\"a\":3}` | `{\"a\":3,\"b\":2}`", "`{\"a\":/*c*/1}` | `{\"a\":1}`", "`[1]//c` | `[1]`", "`[1]/**/ x` | `[1]`",
        "`\"\\u2028\\u2029\\u0085\\u007f<>&'\"` | `\"\\u2028\\u2029\\u0085\u007f<>&'\"`", "`\"\\ud800\"` | `\"\uFFFD\"`",
        "`\"\\b\\f\\n\\r\\t\\u0001\\u001f\"` | `\"\\b\\f\\n\\r\\t\\u0001\\u001f\"`", "`\"\\/\"` | `\"/\"`",
        // Its look-ahead for a low surrogate buffers the end of the text: the one character after the root string is lost.
        "`\"ab\\uDB0F\"x` | `\"ab\uFFFD\"`", "`\"m<\\u0013\\uDB0F\"x` | `\"m<\\u0013\uFFFD\"`", "`'\\uDB0F'/` | `\"\uFFFD\"`",
        "`[\"\\uDB0F\"]` | `[\"\uFFFD\"]`",
    })
    void writesWhatNewtonsoftWrote(String body, String expected) throws Exception {
        assertEquals(expected, encode(body));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e400", "+1", "[1 2]", "[1] x", "/*c*/[1]", "\"a", "", " ", "\"\\x\"", "08", "0x", "-", "1e", "[1e5e5]",
        "tRue", "{\"a\" 1}", "{,\"a\":1}", "\ufeff[1]", "\"/Date()/\"", "\"ab\\uDB0F\"xy", "\"ab\\uDB0Fc\"x",
        "[\"\\uDB0F\"x]", "\"a\\uDC00\"x"})
    void refusesWhatNewtonsoftRefuses(String body) {
        LanguageFailure f = assertThrows(LanguageFailure.class, () -> encode(body));
        assertEquals(LanguageFailure.Stage.PARSE, f.stage(), f.getMessage());
    }

    /** Strict, portable JSON still goes through Newtonsoft's reader, which rewrites dates and wraps integers as it reads. */
    @org.junit.jupiter.api.Test
    void aPortableBodyIsReadByNewtonsoftsOwnReader() throws Exception {
        byte[] body = "{\"at\":\"2020-01-01T00:00:00.000Z\",\"n\":24177257939247307939}".getBytes(StandardCharsets.UTF_8);
        String expected = "{\"at\":\"2020-01-01T00:00:00Z\",\"n\":5730513865537756323}";
        assertEquals(expected, new String(CANON.encodePortableBody(NEWTONSOFT, body), StandardCharsets.UTF_8));
        assertEquals(expected, new String(CANON.encodeBody(NEWTONSOFT, body, CANON.portableTree(body)), StandardCharsets.UTF_8));
    }

    /** Kept by JToken and written back; Casebook says it does not reproduce them rather than guess. */
    @ParameterizedTest
    @ValueSource(strings = {"[1,/*c*/2]", "[1,,2]", "undefined", "new Date(1)"})
    void declinesWhatItDoesNotReproduce(String body) {
        LanguageFailure f = assertThrows(LanguageFailure.class, () -> encode(body));
        assertEquals(LanguageFailure.Stage.UNAVAILABLE, f.stage(), f.getMessage());
    }
}
