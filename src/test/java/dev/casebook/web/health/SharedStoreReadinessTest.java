package dev.casebook.web.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import dev.casebook.testing.S3ProxyServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * In shared mode readiness is the data directory, the database (Quarkus's datasource check) and the bucket,
 * against a real PostgreSQL and a real s3proxy: up when all answer, 503 naming the part that does not,
 * and up again once it is back.
 */
@QuarkusTest
@TestProfile(SharedStoreReadinessTest.SharedStore.class)
class SharedStoreReadinessTest {

    static final String DATABASE = "Database connections health check";

    public static final class SharedStore implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SharedStoreResources.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("casebook.data-dir", "target/casebook-test-data-shared");
        }
    }

    /** Set by {@link SharedStoreResources}: while true the database refuses every new connection. */
    AtomicBoolean databaseDown;

    @Test
    void theDatabaseAndTheBucketAreCheckedAndUp() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("data-directory", DATABASE, ObjectStorageReadiness.NAME))
                .body("checks.find { it.name == '" + ObjectStorageReadiness.NAME + "' }.status", equalTo("UP"))
                .body("checks.find { it.name == '" + DATABASE + "' }.status", equalTo("UP"));
    }

    @Test
    void aMissingBucketIsNotReadyAndSaysWhichWithoutTheSecret() {
        try (S3Client s3 = client()) {
            s3.deleteBucket(b -> b.bucket(SharedStoreResources.BUCKET));
            try {
                given().get("/q/health/ready").then().statusCode(503)
                        .body("status", equalTo("DOWN"))
                        .body("checks.find { it.name == '" + ObjectStorageReadiness.NAME + "' }.status", equalTo("DOWN"))
                        .body("checks.find { it.name == '" + ObjectStorageReadiness.NAME + "' }.data.reason",
                                containsString("the bucket " + SharedStoreResources.BUCKET + " does not exist at "
                                        + endpoint() + " (casebook.store.s3.bucket)"))
                        .body("checks.find { it.name == '" + DATABASE + "' }.status", equalTo("UP"))
                        .body(not(containsString(S3ProxyServer.SECRET_KEY)));
            } finally {
                s3.createBucket(b -> b.bucket(SharedStoreResources.BUCKET));
            }
        }
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void anUnreachableDatabaseIsNotReady() {
        databaseDown.set(true);
        try {
            awaitStatus(503);
            given().get("/q/health/ready").then().log().ifValidationFails().statusCode(503)
                    .body("status", equalTo("DOWN"))
                    .body("checks.find { it.name == '" + DATABASE + "' }.status", equalTo("DOWN"))
                    .body("checks.find { it.name == '" + ObjectStorageReadiness.NAME + "' }.status", equalTo("UP"));
        } finally {
            databaseDown.set(false);
        }
        awaitStatus(200);
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    /** The proxy cuts the open connections within milliseconds; readiness follows on its next call. */
    private static void awaitStatus(int status) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (given().get("/q/health/ready").statusCode() != status && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static URI endpoint() {
        return ConfigProvider.getConfig().getValue("casebook.store.s3.endpoint", URI.class);
    }

    /** A client of its own with the test identity, to take the bucket away behind the service's back. */
    private static S3Client client() {
        return S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(endpoint())
                .region(Region.of(S3ProxyServer.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)))
                .forcePathStyle(true)
                .build();
    }
}
