package dev.casebook.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Tokens, secrets and bodies never reach the log, on success or on any kind of failure. The log
 * of the run goes to target/casebook-test.log (see application.properties).
 */
@QuarkusTest
class LogSecrecyTest {

    @Test
    void noTokenSecretOrBodyInTheLog() throws Exception {
        String token = "TOKEN-" + UUID.randomUUID();
        String secret = "SECRET-" + UUID.randomUUID();
        String marker = "BODY-" + UUID.randomUUID();
        String creds = "\"credentials\":{\"customerId\":\"c\",\"authToken\":\"" + token + "\",\"secret\":\"" + secret + "\"}";
        String[] requests = {
            "{\"profile\":\"python-json\"," + creds + ",\"body\":{\"m\":\"" + marker + "\"},\"scheme\":{\"algorithm\":\"hmac-sha256\"}}",
            "{\"profile\":\"go-json\"," + creds + ",\"body\":{\"m\":\"" + marker + "\",\"n\":1e400}}",
            "{\"profile\":\"nope\"," + creds + ",\"body\":\"" + marker + "\"}",
            "{\"profile\":\"raw\"," + creds + ",\"body\":\"" + marker + "\",}",
            "{\"profile\":\"raw\",\"credentials\":{\"customerId\":\"" + marker + "\",\"authToken\":\" \"}}",
        };
        for (String r : requests) {
            given().contentType(ContentType.JSON).body(r).post("/v1/canonical").then().statusCode(org.hamcrest.Matchers.lessThan(500));
        }
        given().contentType(ContentType.JSON)
                .body("{" + creds + ",\"sentBody\":\"{\\\"m\\\":\\\"" + marker + "\\\"}\",\"sentToken\":\"" + token + "\",\"expectedProfile\":\"python-json\"}")
                .post("/v1/diagnoses").then().statusCode(200);

        // A query string may carry what a caller considers private; the access log shows the path only.
        given().contentType("application/octet-stream").body(new byte[] {1, 2, 3})
                .post("/v1/jobs?className=" + marker).then().statusCode(org.hamcrest.Matchers.lessThan(500));

        Path log = Path.of("target", "casebook-test.log");
        String text = "";
        for (int i = 0; i < 50 && !text.contains("/v1/diagnoses"); i++) { // the access log is written after the response
            TimeUnit.MILLISECONDS.sleep(100);
            text = Files.exists(log) ? Files.readString(log) : "";
        }
        assertTrue(text.contains("\"POST /v1/canonical\" 4"), "the access log of these requests is in the captured log");
        assertTrue(text.contains("\"POST /v1/diagnoses\" 200"), "the access log of these requests is in the captured log");
        assertFalse(text.contains(token), "an auth token reached the log");
        assertFalse(text.contains(secret), "a secret reached the log");
        assertFalse(text.contains(marker), "a body reached the log");
    }
}
