package dev.casebook.web.canon;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.casebook.testing.fuzz.FuzzRun;
import dev.casebook.testing.fuzz.JsonRetyper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Damaged request documents against the running service: wrong types, cut JSON, flipped bytes in
 * every field. Every answer must be a 200 or a 4xx problem, never a 5xx.
 */
@QuarkusTest
class RequestFuzzTest {

    private static final String CANONICAL = "{\"profile\":\"python-json\",\"credentials\":{\"customerId\":\"1234\",\"authToken\":\"tok-abc\","
            + "\"secret\":\"k\"},\"body\":{\"url\":\"http://example.com/a\",\"n\":1.0,\"a\":[1,{\"b\":null}]},\"query\":[[\"b\",\"2\"],[\"a\",\"1\"]],"
            + "\"scheme\":{\"template\":\"{customerId}{authToken}{body}{query}\",\"algorithm\":\"hmac-sha256\",\"encoding\":\"base64url\","
            + "\"queryEncoding\":\"rfc3986\"}}";
    private static final String DIAGNOSIS = "{\"credentials\":{\"customerId\":\"1234\",\"authToken\":\"tok-abc\"},"
            + "\"sentBody\":\"{\\\"url\\\":\\\"http://example.com/a\\\",\\\"amount\\\":100}\",\"sentToken\":\"0123abcd\","
            + "\"query\":{\"a\":\"1\"},\"expectedProfile\":\"python-json\",\"scheme\":{\"algorithm\":\"sha256\"}}";

    private static String post(String path, byte[] body) {
        int status = given().contentType(ContentType.JSON).body(body).when().post(path).then().extract().statusCode();
        if (status >= 500) {
            throw new AssertionError(path + " answered " + status + " to " + new String(body, StandardCharsets.UTF_8));
        }
        return String.valueOf(status);
    }

    private static FuzzRun retyped(String name, String seed, String path) {
        JsonRetyper retyper = new JsonRetyper(seed, FuzzRun.seed() ^ name.hashCode());
        return new FuzzRun(name).run(retyper::next, FuzzRun.iterations(300), 20, input -> post(path, input));
    }

    @Test
    void damagedRequestsGetA200OrA4xx() {
        List<FuzzRun> runs = List.of(
                new FuzzRun("canonical-request").run(CANONICAL.getBytes(StandardCharsets.UTF_8), new int[0], FuzzRun.iterations(300), 20,
                        input -> post("/v1/canonical", input)),
                new FuzzRun("diagnosis-request").run(DIAGNOSIS.getBytes(StandardCharsets.UTF_8), new int[0], FuzzRun.iterations(300), 20,
                        input -> post("/v1/diagnoses", input)),
                retyped("canonical-retyped", CANONICAL, "/v1/canonical"),
                retyped("diagnosis-retyped", DIAGNOSIS, "/v1/diagnoses"));
        List<String> findings = new ArrayList<>();
        for (FuzzRun run : runs) {
            System.out.println(run.summary());
            findings.addAll(run.findings());
        }
        assertEquals(List.of(), findings);
    }
}
