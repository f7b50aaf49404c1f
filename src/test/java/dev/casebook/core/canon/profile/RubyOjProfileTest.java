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
 * ruby-oj on the edge cases probed with Debian's ruby-oj 3.14.2 ({@code ruby -roj -e 'puts
 * Oj.dump(Oj.load(ARGV[0], mode: :strict))'}), each expected value copied from what it printed.
 * The live differential test covers generated bodies; these pin the quirks a generator rarely hits.
 */
class RubyOjProfileTest {

    private static final EncoderProfile OJ = new ProfileCatalog().find("ruby-oj").orElseThrow();
    private static final Canonicalizer CANON = new Canonicalizer(10_000);

    private static String encode(String body) throws Exception {
        return new String(CANON.encodeBody(OJ, body.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "1.0 | 1.0", "100.0 | 100.0", "1e21 | 1e+21", "1e20 | 1e+20", "-0.0 | 0.0", "-0 | 0", "1e-7 | 1e-07",
        "1.5e300 | 1.5e+300", "3.141592653589793 | 3.14159265358979", "5e-324 | 4.94065645841247e-324",
        "1e15 | 1000000000000000.0", "1e17 | 100000000000000000.0", "9.2e18 | 9200000000000000000.0", "9.3e18 | 9.3e+18",
        "0.30000000000000004 | 0.30000000000000004e0", "1.7976931348623157e308 | 0.17976931348623157e309",
        "100000000000000000.0 | 0.1e18", "0.0000000000000000000001 | 1e-22", "12345678901234567890 | 12345678901234567890",
        "1e400 | 3.0e14159265358979323846", "-1e400 | -3.0e14159265358979323846", "1e100000 | 0.1e100001",
        "-0e100000 | -0.0", "1e-400 | 0.0", "012 | 12", "- | 0", "[01.5] | [1.5]", "1E2 | 100.0",
        "`\":abc\"` | `\"\\u003aabc\"`", "`\"^r1\"` | `\"\\u005er1\"`", "`\"^i\"` | `\"\\u005ei\"`", "`\"^o\"` | `\"^o\"`",
        "`{\":k\":1}` | `{\"\\u003ak\":1}`", "`\"a/b<>&\"` | `\"a/b<>&\"`", "`\"\\u007f\\u2028\"` | `\"\u007f\u2028\"`",
        "`\"\\ud800\\u0041\"` | `\"\uD800\uDC41\"`", "`/*c*/[1/*d*/,2]` | `[1,2]`", "`{\"a\":1,\"b\":2,\"a\":3}` | `{\"a\":3,\"b\":2}`",
        "`` | null", "`   ` | null", "`\"a\tb\"` | `\"a\\tb\"`",
    })
    void writesWhatOjWrote(String body, String expected) throws Exception {
        assertEquals(expected, encode(body));
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "[Infinity]", "[-Infinity]", "[nan]", "\"\\ud800\"", "\"\\udc00\"", "1.", ".5", "+1",
        "[1,]", "[1]//x", "[1] /", "\ufeff1", "1e", "\"\\x\"", "'a'"})
    void refusesWhatOjRefuses(String body) {
        LanguageFailure f = assertThrows(LanguageFailure.class, () -> encode(body));
        assertEquals(LanguageFailure.Stage.PARSE, f.stage(), f.getMessage());
    }

    @org.junit.jupiter.api.Test
    void copiesIllFormedUtf8AndStopsAtNul() throws Exception {
        byte[] body = {'[', '"', 'a', (byte) 0xff, (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"', ']', 0, 'x'};
        byte[] expected = {'[', '"', 'a', (byte) 0xff, (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"', ']'};
        assertEquals(new String(expected, StandardCharsets.ISO_8859_1),
                new String(CANON.encodeBody(OJ, body), StandardCharsets.ISO_8859_1));
    }

    @org.junit.jupiter.api.Test
    void dumpsNoValueDeeperThan1001Levels() throws Exception {
        assertEquals(2002, encode("[".repeat(1001) + "]".repeat(1001)).length());
        assertEquals(2001, encode("[".repeat(1000) + "1" + "]".repeat(1000)).length());
        LanguageFailure f = assertThrows(LanguageFailure.class, () -> encode("[".repeat(1001) + "1" + "]".repeat(1001)));
        assertEquals(LanguageFailure.Stage.ENCODE, f.stage());
    }
}
