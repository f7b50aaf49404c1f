package dev.casebook.web.jobs;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.casebook.testing.HeapDumps;
import dev.casebook.testing.TestDumps;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The upload limits, with small ones configured: each refusal is precise and leaves nothing behind. */
@QuarkusTest
@TestProfile(JobLimitsTest.SmallLimits.class)
class JobLimitsTest {

    public static final class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("casebook.jobs.max-inflated-size", "100M", "casebook.jobs.max-upload-size", "8M",
                    "casebook.data-dir", "target/casebook-test-data-limits");
        }
    }

    private static final Path UPLOADS = Path.of("target", "casebook-test-data-limits", "uploads");

    @Test
    void aDecompressionBombPastTheCapIsRefusedWithoutFillingTheDisk() throws IOException {
        JobsApi.upload(TestDumps.path("mat_java_pid1884.0001.hprof.gz"), "className=java.lang.Thread")
                .then().statusCode(413).contentType("application/problem+json")
                .body("title", equalTo("The dump is too large"))
                .body("detail", containsString("casebook.jobs.max-inflated-size"))
                .body("context.limit", equalTo(100 * 1024 * 1024));
        assertNoPartialUploads();
    }

    @Test
    void anUploadOverTheLimitIsRefusedFromItsContentLength() throws Exception {
        Path big = HeapDumps.leakyLive(200_000);
        // As curl does for large bodies: Expect: 100-continue, so the refusal comes before the body is sent.
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                "http://127.0.0.1:" + io.restassured.RestAssured.port + "/v1/jobs?className=x"))
                        .header("Content-Type", "application/octet-stream")
                        .expectContinue(true)
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofFile(big))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode(), response.body());
        assertNoPartialUploads();
    }

    private static void assertNoPartialUploads() throws IOException {
        try (var files = Files.list(UPLOADS)) {
            assertEquals(List.of(), files.toList());
        }
    }
}
