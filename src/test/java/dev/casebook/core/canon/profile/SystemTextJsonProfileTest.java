package dev.casebook.core.canon.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.casebook.core.canon.encode.LanguageFailure;
import dev.casebook.core.canon.signing.Canonicalizer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * system-text-json, which no real .NET checks here: each expected output is derived by hand from
 * dotnet/runtime's source ({@code JsonWriterHelper.Escaping.cs}'s allow list and {@code EscapeNextChars},
 * {@code DefaultJavaScriptEncoder.TryEncodeUnicodeScalar}, {@code JsonObject.WriteTo} writing the parsed
 * element back, {@code JsonReaderHelper.TryUnescape}'s surrogate checks, {@code JsonDocumentOptions}'
 * defaults), not from Casebook's own output. The profile says it is verified against the
 * specification only.
 */
class SystemTextJsonProfileTest {

    private static final EncoderProfile STJ = new ProfileCatalog().find("system-text-json").orElseThrow();
    private static final Canonicalizer CANON = new Canonicalizer(10_000);

    private static String encode(byte[] body) throws Exception {
        return new String(CANON.encodeBody(STJ, body), StandardCharsets.UTF_8);
    }

    private static String encode(String body) throws Exception {
        return encode(body.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        // the allow list: printable ASCII less " & ' + < > ` (and \); '/' stays
        "[\"<>&'+`\\\"\\\\/\"] | [\"\\u003C\\u003E\\u0026\\u0027\\u002B\\u0060\\u0022\\\\/\"]",
        // EscapeNextChars' short forms, the other controls and DEL as upper-case hex
        "[\"\\b\\f\\n\\r\\t\\u0001\\u001f\\u007f\"] | [\"\\b\\f\\n\\r\\t\\u0001\\u001F\\u007F\"]",
        // JavaScriptEncoder.Default allows Basic Latin only: every other character escaped, astral ones as a pair
        "[\"é\",\"\\u00e9\",\"€\",\"\u2028\",\"😀\"] | [\"\\u00E9\",\"\\u00E9\",\"\\u20AC\",\"\\u2028\",\"\\uD83D\\uDE00\"]",
        // names are escaped the same way
        "{\"é<\":1} | {\"\\u00E9\\u003C\":1}",
        // numbers are written back as their source text
        "[1.0,1E+2,-0,12.50,1e400,12345678901234567890] | [1.0,1E+2,-0,12.50,1e400,12345678901234567890]",
        // the parsed document is written back as it is: repeated names and their order kept, whitespace gone
        "{ \"b\" : 1 , \"a\" : [ true , null ] , \"b\" : 2 } | {\"b\":1,\"a\":[true,null],\"b\":2}",
        "\"plain\" | \"plain\"",
    })
    void writesWhatTheSourceSays(String body, String expected) throws Exception {
        assertEquals(expected, encode(body));
    }

    @Test
    void illFormedUtf8IsAlreadyTheReplacementCharacterInTheString() throws Exception {
        assertEquals("[\"a\\uFFFD\"]", encode(new byte[] {'[', '"', 'a', (byte) 0xff, '"', ']'}));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1,]", "{\"a\":1,}", "/*c*/[1]", "[1]//c", "NaN", "[Infinity]", "", "  ", "[1] x", "'a'", "[01]",
        "\ufeff[1]", "[\"a\tb\"]", "{a:1}"})
    void refusesWhatJsonDocumentOptionsDefaultsRefuse(String body) {
        LanguageFailure f = assertThrows(LanguageFailure.class, () -> encode(body));
        assertEquals(LanguageFailure.Stage.PARSE, f.stage(), f.getMessage());
    }

    @Test
    void readsAtMost64Levels() throws Exception {
        assertEquals("[".repeat(64) + "]".repeat(64), encode("[".repeat(64) + "]".repeat(64)));
        LanguageFailure f = assertThrows(LanguageFailure.class, () -> encode("[".repeat(65) + "]".repeat(65)));
        assertEquals(LanguageFailure.Stage.PARSE, f.stage());
    }

    /** Read, but not written: TryUnescape refuses a surrogate escape that is not half of a pair when ToJsonString writes it. */
    @ParameterizedTest
    @ValueSource(strings = {"[\"\\ud800\"]", "[\"\\udc00\"]", "[\"\\ud83d\\u0041\"]", "{\"\\ud800\":1}"})
    void aLoneSurrogateEscapeFailsWhenWritten(String body) {
        LanguageFailure f = assertThrows(LanguageFailure.class, () -> encode(body));
        assertEquals(LanguageFailure.Stage.ENCODE, f.stage());
        assertTrue(f.getMessage().startsWith("InvalidOperationException: Cannot read invalid UTF-16"), f.getMessage());
    }

    @Test
    void saysItIsVerifiedAgainstTheSpecificationOnly() {
        assertTrue(STJ.description().contains(ProfileCatalog.SPECIFICATION_ONLY), STJ.description());
    }
}
