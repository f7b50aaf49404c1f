package dev.casebook.web.canon;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import dev.casebook.core.canon.profile.ProfileCatalog;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CanonResourceTest {

    static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void listsEveryProfileWithAnExample() {
        given().get("/v1/profiles").then().statusCode(200).contentType(ContentType.JSON)
                .body("profiles", hasSize(new ProfileCatalog().all().size()))
                .body("profiles.id", hasItems("raw", "python-json", "python-json-compact", "python-json-sorted", "python-json-compact-sorted",
                        "python-json-unicode", "python-json-unicode-compact", "python-json-indent2", "javascript-json",
                        "javascript-json-indent2", "jcs", "jackson", "jackson-jdk17", "jackson-string", "jackson-pretty", "go-json",
                        "go-json-encoder", "go-json-indent", "php-json", "php-json-unescaped", "php-json-pretty", "php-json-assoc",
                        "ruby-json", "ruby-json-pretty", "gson", "gson-map", "org-json", "android-org-json",
                        "php-symfony-json", "js-stable-stringify"))
                .body("profiles.find { it.id == 'gson' }.snippet", equalTo("new Gson().toJson(JsonParser.parseString(body))"))
                .body("profiles.find { it.id == 'gson' }.example",
                        equalTo("{\"url\":\"http://example.com/a?x\\u003d\\u003c1\\u003e\",\"n\":1.0,\"big\":12345678901234567890,\"s\":\"café 😀\"}"))
                .body("profiles.find { it.id == 'python-json' }.example",
                        equalTo("{\"url\": \"http://example.com/a?x=<1>\", \"n\": 1.0, \"big\": 12345678901234567890, \"s\": \"caf\\u00e9 \\ud83d\\ude00\"}"))
                .body("profiles.find { it.id == 'javascript-json' }.example",
                        equalTo("{\"url\":\"http://example.com/a?x=<1>\",\"n\":1,\"big\":12345678901234567000,\"s\":\"café 😀\"}"))
                .body("queryEncodings.id", hasItems("python-urlencode", "javascript-urlsearchparams", "rfc3986", "go-values-encode"))
                .body("algorithms", hasItem("hmac-sha256"))
                .body("encodings", hasItems("hex", "base64", "base64url"));
    }

    @Test
    void computesTheApiExample() throws Exception {
        String canonical = "1234tok-abc{\"url\": \"http://example.com/a\", \"n\": 1.0}b=2&a=1";
        given().contentType(ContentType.JSON).body(CanonResource.CANONICAL_EXAMPLE).post("/v1/canonical").then().statusCode(200)
                .body("profile", equalTo("python-json"))
                .body("encodedBody", equalTo("{\"url\": \"http://example.com/a\", \"n\": 1.0}"))
                .body("encodedQuery", equalTo("b=2&a=1"))
                .body("canonicalString", equalTo(canonical))
                .body("token", equalTo(sha256(canonical)))
                .body("algorithm", equalTo("sha256"));
    }

    @Test
    void keepsNumberLexemesAndDuplicatesOfTheBodyAsWritten() {
        String request = "{\"profile\":\"python-json\",\"credentials\":{\"customerId\":\"c\",\"authToken\":\"t\"},"
                + "\"body\":{\"amount\":12.50,\"big\":12345678901234567890,\"a\":1,\"a\":2}}";
        given().contentType(ContentType.JSON).body(request).post("/v1/canonical").then().statusCode(200)
                .body("encodedBody", equalTo("{\"amount\": 12.5, \"big\": 12345678901234567890, \"a\": 2}"));
    }

    @Test
    void rawSignsTheBodyBytesAsWritten() {
        String request = "{\"profile\":\"raw\",\"credentials\":{\"customerId\":\"c\",\"authToken\":\"t\"},\"body\":{\"a\" :  1.0}}";
        given().contentType(ContentType.JSON).body(request).post("/v1/canonical").then().statusCode(200)
                .body("encodedBody", equalTo("{\"a\" :  1.0}"))
                .body("canonicalString", equalTo("ct{\"a\" :  1.0}"));
    }

    @Test
    void bodyTextAndBodyBase64AreTheSameBody() {
        String bom = Base64.getEncoder().encodeToString("\uFEFF{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        given().contentType(ContentType.JSON)
                .body("{\"profile\":\"python-json\",\"credentials\":{\"customerId\":\"c\",\"authToken\":\"t\"},\"bodyBase64\":\"" + bom + "\"}")
                .post("/v1/canonical").then().statusCode(200).body("encodedBody", equalTo("{\"a\": 1}"));
        given().contentType(ContentType.JSON)
                .body("{\"profile\":\"go-json\",\"credentials\":{\"customerId\":\"c\",\"authToken\":\"t\"},\"bodyText\":\"{\\\"h\\\":\\\"<b>\\\"}\"}")
                .post("/v1/canonical").then().statusCode(200).body("encodedBody", equalTo("{\"h\":\"\\u003cb\\u003e\"}"));
    }

    /** What the new profiles' libraries refuse, or what Casebook does not reproduce, is a 422 that says why and at which stage. */
    @Test
    void theNewProfilesRefusalsAre422sThatSayWhy() {
        String[][] cases = {
            {"ruby-oj", "[NaN]", "parse", "not a number or other value"},
            {"system-text-json", "[\\\"\\\\ud800\\\"]", "encode", "Cannot read invalid UTF-16"},
            {"system-text-json", "[1,]", "parse", ""},
            {"newtonsoft", "1e400", "parse", "is not a valid number"},
            {"newtonsoft", "[1,,2]", "unavailable", "undefined"},
        };
        for (String[] c : cases) {
            given().contentType(ContentType.JSON)
                    .body("{\"profile\":\"" + c[0] + "\",\"credentials\":{\"customerId\":\"c\",\"authToken\":\"t\"},\"bodyText\":\""
                            + c[1] + "\"}")
                    .post("/v1/canonical").then().statusCode(422)
                    .body("context.stage", equalTo(c[2]))
                    .body("detail", containsString(c[3]));
        }
    }

    @Test
    void exactBytesAppearInBase64OnlyWhenTheTextWouldBeLossy() {
        String illFormed = Base64.getEncoder().encodeToString(new byte[] {'"', 'a', (byte) 0xFF, '"'});
        given().contentType(ContentType.JSON)
                .body("{\"profile\":\"raw\",\"credentials\":{\"customerId\":\"c\",\"authToken\":\"t\"},\"bodyBase64\":\"" + illFormed + "\"}")
                .post("/v1/canonical").then().statusCode(200)
                .body("encodedBodyBase64", equalTo(illFormed))
                .body("canonicalStringBase64", equalTo(Base64.getEncoder().encodeToString(new byte[] {'c', 't', '"', 'a', (byte) 0xFF, '"'})));
        given().contentType(ContentType.JSON)
                .body("{\"profile\":\"raw\",\"credentials\":{\"customerId\":\"c\",\"authToken\":\"t\"},\"bodyText\":\"\\\"é\\\"\"}")
                .post("/v1/canonical").then().statusCode(200)
                .body("encodedBody", equalTo("\"é\""))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("encodedBodyBase64")))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("canonicalStringBase64")));
    }

    @Test
    void hmacWithASecretAndBase64url() throws Exception {
        String request = "{\"profile\":\"javascript-json\",\"credentials\":{\"customerId\":\"c\",\"authToken\":\"t\",\"secret\":\"k\"},"
                + "\"body\":[1],\"query\":{\"q\":\"a b\"},\"scheme\":{\"template\":\"{body}|{query}\",\"algorithm\":\"hmac-sha256\",\"encoding\":\"base64url\"}}";
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec("k".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal("[1]|q=a+b".getBytes(StandardCharsets.UTF_8)));
        given().contentType(ContentType.JSON).body(request).post("/v1/canonical").then().statusCode(200)
                .body("canonicalString", equalTo("[1]|q=a+b"))
                .body("queryEncoding", equalTo("javascript-urlsearchparams"))
                .body("token", equalTo(expected));
    }

    @Test
    void diagnosesTheSeedsCase() throws Exception {
        String sent = "{\"url\":\"http://example.com/a\",\"amount\":100}";
        String token = sha256("1234tok-abc" + sent + "a=1");
        String request = "{\"credentials\":{\"customerId\":\"1234\",\"authToken\":\"tok-abc\"},\"sentBody\":"
                + "\"{\\\"url\\\":\\\"http://example.com/a\\\",\\\"amount\\\":100}\",\"sentToken\":\"" + token + "\","
                + "\"query\":[[\"a\",\"1\"]],\"expectedProfile\":\"python-json\",\"scheme\":{\"algorithm\":\"sha256\"}}";
        given().contentType(ContentType.JSON).body(request).post("/v1/diagnoses").then().statusCode(200)
                .body("bodyProfiles", hasItems("javascript-json", "python-json-compact"))
                .body("tokenMatches.profile", hasItems("raw", "javascript-json"))
                .body("rawBodyMatches", equalTo(true))
                .body("divergence.offset", equalTo(18))
                .body("divergence.expected", equalTo(" "))
                .body("divergence.actual", equalTo(""))
                .body("divergence.cause", equalTo("separator-whitespace"))
                .body("divergence.explanation", containsString("space after ':'"))
                .body("divergence.context.expected", startsWith("1234tok-abc{\"url\": "))
                .body("verdict", containsString("json.dumps(body, separators=(\",\", \":\"))"));
    }
}
