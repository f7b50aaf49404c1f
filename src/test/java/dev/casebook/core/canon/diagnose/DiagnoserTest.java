package dev.casebook.core.canon.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.casebook.core.canon.profile.ProfileCatalog;
import dev.casebook.core.canon.query.QueryPair;
import dev.casebook.core.canon.signing.Canonicalizer;
import dev.casebook.core.canon.signing.Credentials;
import dev.casebook.core.canon.signing.SigningScheme;
import dev.casebook.core.canon.signing.TokenAlgorithm;
import dev.casebook.core.canon.signing.TokenEncoding;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DiagnoserTest {

    private static final ProfileCatalog CATALOG = new ProfileCatalog();
    private static final Diagnoser DIAGNOSER = new Diagnoser(CATALOG, new Canonicalizer(10_000));
    private static final Credentials CREDS = new Credentials("1234", "tok-abc", null);

    private static DiagnosisRequest request(String expected, byte[] sent, String token, List<QueryPair> query, String sentQuery) {
        return new DiagnosisRequest(CREDS, sent, token, query, sentQuery, expected == null ? null : CATALOG.find(expected).orElseThrow(),
                SigningScheme.DEFAULT_TEMPLATE, null, null, null);
    }

    private static Diagnosis diagnose(String expected, String sent) throws Exception {
        return DIAGNOSER.diagnose(request(expected, sent.getBytes(StandardCharsets.UTF_8), null, List.of(), null));
    }

    static String sha256Hex(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    /** An Android app signs what Gson wrote; a Jackson server re-encodes it and loses Gson's HTML-safe escapes. */
    @Test
    void aGsonBodyAgainstAJacksonServerIsNamedAndExplained() throws Exception {
        String body = "{\"q\":\"a\\u003db \\u0026 c\",\"n\":1.50}"; // Gson: '=' and '&' escaped, 1.50 as typed
        Diagnosis d = diagnose("jackson", body);

        assertTrue(d.bodyProfiles().contains("gson"), d.bodyProfiles().toString());
        assertFalse(d.bodyProfiles().contains("jackson"), d.bodyProfiles().toString());
        assertNotNull(d.divergence());
        assertTrue(d.verdict().contains("new Gson().toJson(JsonParser.parseString(body))"), d.verdict());
    }

    /**
     * The verdict ends with the language's own switch for the bytes one side adds, from the catalog: for the client
     * when the sent body has them, for the server when its encoder adds them.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        // Gson's HTML-safe escapes, re-encoded by Jackson: turn them off in the client
        "jackson | `{\"q\":\"a\\u003db\"}` | html-escaping | `Or stop it in the client, whichever encoder it is, with gson (java): new GsonBuilder().disableHtmlEscaping().create().toJson(JsonParser.parseString(body)); gson-map (java): new GsonBuilder().disableHtmlEscaping().create().toJson(map).`",
        // Python's spaces, re-encoded by Node: compact separators in the client
        "javascript-json | `{\"a\": 1, \"b\": 2}` | separator-whitespace | `Or stop it in the client, whichever encoder it is, with python-json (python): json.dumps(body, separators=(\",\", \":\"));`",
        // the browser's compact body, re-encoded by Python: the server adds the spaces
        "python-json | `{\"a\":1,\"b\":2}` | separator-whitespace | `Or stop it on the server, with python-json (python): json.dumps(body, separators=(\",\", \":\")).`",
        // PHP's escaped slash, re-encoded by Go
        "go-json | `{\"u\":\"a\\/b\"}` | slash-escaping | `with php-json (php): json_encode($body, JSON_UNESCAPED_SLASHES)`",
        // the server's System.Text.Json escapes what the client wrote raw
        "system-text-json | `{\"a\":\"<\"}` | html-escaping | `Or stop it on the server, with system-text-json (c#): JsonNode.Parse(body).ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }).`",
    })
    void theVerdictGivesTheLanguagesOwnFix(String expected, String sent, String cause, String fix) throws Exception {
        Diagnosis d = diagnose(expected, sent);
        assertNotNull(d.divergence(), d.verdict());
        assertEquals(cause, d.divergence().cause().id(), d.verdict());
        assertTrue(d.verdict().contains(fix), d.verdict());
    }

    /** The new profiles are fingerprinted like the others: only Oj escapes a leading ':', only System.Text.Json a '+'. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`{\"a\":\"\\u003ab\",\"n\":1e+21}` | ruby-oj",
        "`{\"a\":\"1\\u002B1\\u00E9\"}` | system-text-json",
    })
    void newProfilesAreNamedWhenTheyWroteTheBody(String sent, String profile) throws Exception {
        Diagnosis d = diagnose("jackson", sent);
        assertEquals(List.of(profile), d.bodyProfiles(), d.verdict());
        assertTrue(d.verdict().contains("The sent body was written by " + CATALOG.find(profile).orElseThrow().snippet()), d.verdict());
    }

    /** No switch is claimed where the languages have none: Gson, Go and Rails always escape U+2028. */
    @Test
    void noFixIsClaimedWhereTheLanguageHasNone() throws Exception {
        Diagnosis d = diagnose("jackson", "{\"h\":\"\\u2028\"}");
        assertTrue(d.bodyProfiles().contains("gson"), d.bodyProfiles().toString());
        assertEquals(Cause.LINE_SEPARATOR_ESCAPING, d.divergence().cause(), d.verdict());
        assertFalse(d.verdict().contains("Or stop it"), d.verdict());
    }

    @Test
    void theSeedsCaseTheBrowsersBodyAgainstThePythonServer() throws Exception {
        String body = "{\"url\":\"http://example.com/a\",\"amount\":100}"; // what JSON.stringify sent
        String token = sha256Hex("1234" + "tok-abc" + body);                // what the browser signed
        Diagnosis d = DIAGNOSER.diagnose(request("python-json", body.getBytes(StandardCharsets.UTF_8), token, List.of(), null));

        assertTrue(d.bodyProfiles().contains("javascript-json"), d.bodyProfiles().toString());
        assertTrue(d.bodyProfiles().contains("python-json-compact"), d.bodyProfiles().toString());
        assertFalse(d.bodyProfiles().contains("python-json"));
        assertTrue(d.tokenMatches().stream().anyMatch(m -> m.profile().equals("javascript-json") && m.algorithm().equals("sha256")));
        assertEquals(Boolean.TRUE, d.rawBodyMatches());
        Divergence div = d.divergence();
        assertNotNull(div);
        // "1234tok-abc" is 11 bytes; '{"url":' is 7 more: the server's space comes at byte 18.
        assertEquals(18, div.offset());
        assertEquals(" ", div.expected());
        assertEquals("", div.actual());
        assertEquals(Cause.SEPARATOR_WHITESPACE, div.cause());
        assertTrue(div.explanation().contains("space after ':'"), div.explanation());
        assertTrue(d.verdict().contains("json.dumps(body, separators=(\",\", \":\"))"), d.verdict());
        assertTrue(d.verdict().contains("raw request bytes"), d.verdict());
    }

    @ParameterizedTest(name = "{2}: {0} vs {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "python-json-indent2        | {\"a\":1}                      | INDENTATION",
        "python-json-sorted         | {\"b\":1,\"a\":2}              | KEY_ORDER",
        "javascript-json            | {\"b\":1,\"10\":2}             | KEY_ORDER",
        "python-json                | {\"s\": \"café\"}              | NON_ASCII_ESCAPING",
        "jackson                    | {\"s\":\"\\u001f\"}            | ESCAPE_HEX_CASE",
        "php-json                   | {\"u\":\"a/b\"}                | SLASH_ESCAPING",
        "go-json                    | {\"h\":\"<b>\"}                | HTML_ESCAPING",
        "go-json                    | {\"s\":\"a\u2028b\"}           | LINE_SEPARATOR_ESCAPING",
        "python-json                | {\"s\": \"\\u0008\"}           | CONTROL_CHARACTER_ESCAPING",
        "javascript-json            | {\"n\":1.0}                    | NUMBER_LAYOUT",
        "jackson                    | {\"n\":1e+21}                  | NUMBER_LAYOUT",
        "javascript-json            | {\"id\":12345678901234567890}  | BIG_INTEGER_ROUNDED",
        "javascript-json            | {\"n\":-0}                     | NEGATIVE_ZERO",
        "javascript-json            | {\"n\":1e400}                  | NON_FINITE_NUMBER",
        "go-json                    | `{\"a\":1}\n`                  | TRAILING_NEWLINE",
        "python-json-compact        | `\uFEFF{\"a\":1}`              | BYTE_ORDER_MARK",
    })
    void namesEachCauseClass(String expected, String sent, Cause cause) throws Exception {
        Diagnosis d = diagnose(expected, sent);
        assertNotNull(d.divergence(), "expected a divergence for " + sent);
        assertEquals(cause, d.divergence().cause(), d.divergence().explanation());
        assertTrue(d.divergence().explanation().endsWith("."), "one sentence: " + d.divergence().explanation());
        assertTrue(d.divergence().explanation().contains(expected), d.divergence().explanation());
        assertTrue(d.verdict().contains("Fix:"), d.verdict());
    }

    @Test
    void numberLayoutNamesBothForms() throws Exception {
        Divergence d = diagnose("javascript-json", "{\"n\":1.0}").divergence();
        assertTrue(d.explanation().contains("1.0") && d.explanation().contains(" 1:"), d.explanation());
    }

    @Test
    void queryEncodingOfASpace() throws Exception {
        Diagnosis d = DIAGNOSER.diagnose(request("python-json-compact", "{}".getBytes(StandardCharsets.UTF_8), null,
                List.of(new QueryPair("q", "a b")), "q=a%20b"));
        assertEquals(Cause.QUERY_SPACE_ENCODING, d.divergence().cause());
        assertTrue(d.divergence().explanation().contains("'+'") && d.divergence().explanation().contains("'%20'"), d.divergence().explanation());
    }

    @ParameterizedTest
    @CsvSource({"t,a~b,t=a%7Eb", "t,a*b,t=a*b"})
    void queryReservedCharacters(String name, String value, String sentQuery) throws Exception {
        Diagnosis d = DIAGNOSER.diagnose(request("python-json-compact", "{}".getBytes(StandardCharsets.UTF_8), null,
                List.of(new QueryPair(name, value)), sentQuery));
        assertEquals(Cause.QUERY_RESERVED_CHARACTER, d.divergence().cause(), d.divergence().explanation());
    }

    @Test
    void sameBytesMeansNoDivergence() throws Exception {
        Diagnosis d = diagnose("python-json", "{\"a\": 1}");
        assertNull(d.divergence());
        assertTrue(d.bodyProfiles().contains("python-json"));
        assertTrue(d.verdict().contains("reproduces the same canonical string"), d.verdict());
    }

    @Test
    void aBodyNoEncoderWritesIsExplainedByTheClosestOne() throws Exception {
        Diagnosis d = diagnose(null, "{\"a\" : 1}");
        assertTrue(d.bodyProfiles().isEmpty());
        assertTrue(d.bodyNote().contains("closest"), d.bodyNote());
    }

    /** Found by RequestFuzzTest (seed 7): a sent body that ends where the closest encoding goes on. */
    @Test
    void aSentBodyThatStopsShortOrRunsOnIsStillExplained() throws Exception {
        Diagnosis empty = diagnose("python-json", "");
        assertTrue(empty.bodyProfiles().isEmpty());
        assertTrue(empty.verdict() != null && !empty.verdict().isBlank());
        Diagnosis trailing = diagnose("python-json", "{\"url\":\"http://example.com/a\",\"amount\":100}0}");
        assertTrue(trailing.bodyProfiles().isEmpty());
        assertTrue(trailing.bodyNote() != null && !trailing.bodyNote().isBlank());
        Diagnosis shortened = diagnose(null, "{\"a\":\"\\u00e9");
        assertTrue(shortened.bodyNote() != null, "a body cut inside an escape");
    }

    @Test
    void anExpectedProfileThatCannotReadTheBodySaysWhy() throws Exception {
        Diagnosis d = diagnose("php-json", "{\"s\":\"\\ud800\"}");
        assertNull(d.divergence());
        assertTrue(d.expectedError().contains("surrogate"), d.expectedError());
        assertTrue(d.verdict().contains("raw request bytes"), d.verdict());
        // The reason is said once: "php-json cannot read the sent body" does not repeat inside the verdict.
        assertTrue(d.verdict().contains("but the server's php-json cannot read the sent body: "), d.verdict());
        assertEquals(1, d.verdict().split("cannot read", -1).length - 1, d.verdict());
    }

    @Test
    void tokenMatchingFindsHmacAndBase64WhenNotTold() throws Exception {
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        SigningScheme scheme = new SigningScheme(SigningScheme.DEFAULT_TEMPLATE, TokenAlgorithm.HMAC_SHA256, TokenEncoding.BASE64);
        String token = scheme.token(scheme.render("1234", "tok-abc", body, "").bytes(), CREDS.hmacKey());
        Diagnosis d = DIAGNOSER.diagnose(request(null, body, token, List.of(), null));
        assertTrue(d.tokenMatches().stream().anyMatch(m -> m.profile().equals("javascript-json")
                && m.algorithm().equals("hmac-sha256") && m.encoding().equals("base64")), d.tokenMatches().toString());
        assertEquals(Boolean.TRUE, d.rawBodyMatches());
    }
}
