package dev.casebook.web.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.casebook.core.canon.profile.ProfileCatalog;
import dev.casebook.testing.HeapDumps;
import dev.casebook.testing.PackagedService;
import dev.casebook.testing.TestKeys;
import dev.casebook.web.auth.Role;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The packaged application, started from outside as a user runs it (java -jar quarkus-run.jar). */
class PackagedServiceIT {

    @Test
    void servesProfilesCanonicalStringsProblemsAndOperations() throws Exception {
        Path data = Files.createTempDirectory(Path.of("target"), "it-data");
        try (PackagedService service = PackagedService.start(data)) {
            RequestSpecification api = given().baseUri(service.baseUri());
            api.get("/v1/profiles").then().statusCode(200).body("profiles", hasSize(new ProfileCatalog().all().size()));
            given().baseUri(service.baseUri()).contentType(ContentType.JSON)
                    .body("{\"profile\":\"python-json\",\"credentials\":{\"customerId\":\"1234\",\"authToken\":\"tok-abc\"},\"body\":{\"a\":1.0}}")
                    .post("/v1/canonical").then().statusCode(200).body("encodedBody", equalTo("{\"a\": 1.0}"));
            given().baseUri(service.baseUri()).contentType(ContentType.JSON).body("{").post("/v1/canonical").then().statusCode(400)
                    .contentType("application/problem+json").body("detail", containsString("byte 1"));
            given().baseUri(service.baseUri()).get("/q/health/ready").then().statusCode(200);
            given().baseUri(service.baseUri()).get("/q/metrics").then().statusCode(200)
                    .body(containsString("casebook_canonical_requests_total{profile=\"python-json\"} 1.0"));
            assertTrue(Files.isDirectory(data), "the data directory is created at start");
            assertTrue(service.log().contains("Data directory: " + data.toAbsolutePath()), service.log());
        }
    }

    @Test
    void refusesToListenBeyondLoopbackWithoutKeysAndWithKeysAsksForThem() throws Exception {
        Path data = Files.createTempDirectory(Path.of("target"), "it-data");
        IllegalStateException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> PackagedService.start(data, "casebook.http.host=0.0.0.0").close());
        assertTrue(refused.getMessage().contains("exited with 1"), refused.getMessage());
        assertTrue(refused.getMessage().contains("listen on 0.0.0.0 but has no API keys"), refused.getMessage());
        // One clear line, not a stack trace that buries it.
        assertTrue(refused.getMessage().lines().noneMatch(l -> l.strip().startsWith("at ")), refused.getMessage());
        assertTrue(!refused.getMessage().contains("Failed to start application"), refused.getMessage());

        TestKeys.Key key = TestKeys.issue("alice", Role.USER, new java.security.SecureRandom());
        Path keys = Files.writeString(data.resolve("keys"), key.line() + "\n");
        try (PackagedService service = PackagedService.start(data, "casebook.http.host=0.0.0.0", "casebook.auth.keys-file=" + keys)) {
            given().baseUri(service.baseUri()).get("/v1/jobs").then().statusCode(401);
            given().baseUri(service.baseUri()).header("Authorization", "Bearer " + key.key()).get("/v1/jobs").then().statusCode(200);
            given().baseUri(service.baseUri()).get("/").then().statusCode(200);
            assertTrue(service.log().contains("API keys required on /v1 (1 in " + keys + ")"), service.log());
            org.junit.jupiter.api.Assertions.assertFalse(service.log().contains(key.key().substring(13)), "the key is not logged");
        }
    }

    @Test
    void analysesAGzipDumpUploadedAsAFormAndKeepsTheJobAcrossARestart() throws Exception {
        Path data = Files.createTempDirectory(Path.of("target"), "it-jobs");
        Path gz = data.resolveSibling(data.getFileName() + ".hprof.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(HeapDumps.leakyLive(), out);
        }
        String id;
        try (PackagedService service = PackagedService.start(data)) {
            id = given().baseUri(service.baseUri()).multiPart("dump", gz.toFile())
                    .multiPart("className", "dev.casebook.testing.leaks.LeakyApp$Room")
                    .post("/v1/jobs").then().statusCode(202).extract().jsonPath().getString("id");
            assertEquals("succeeded", service.awaitFinal(id));
            try (var uploads = Files.list(data.resolve("uploads"))) {
                assertTrue(uploads.findAny().isEmpty(), "the multipart part was moved into the job, not left behind");
            }
        }
        try (PackagedService again = PackagedService.start(data)) {
            given().baseUri(again.baseUri()).get("/v1/jobs/" + id).then().statusCode(200)
                    .body("state", equalTo("succeeded"))
                    .body("result.targets[0].reachable", equalTo(50));
        } finally {
            Files.deleteIfExists(gz);
        }
    }
}
