package dev.casebook.web.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import dev.casebook.testing.S3ProxyServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * A service told a bucket that does not exist still starts (the database is there), but is not ready:
 * 503, the bucket check down naming the bucket, the endpoint and the key to fix, and no secret.
 */
@QuarkusTest
@TestProfile(SharedStoreMissingBucketTest.NoSuchBucket.class)
class SharedStoreMissingBucketTest {

    static final String MISSING = "casebook-no-such-bucket";

    public static final class NoSuchBucket implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SharedStoreResources.class, Map.of("bucket", MISSING)));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("casebook.data-dir", "target/casebook-test-data-shared");
        }
    }

    @Test
    void aBucketThatDoesNotExistIsNotReady() {
        String endpoint = ConfigProvider.getConfig().getValue("casebook.store.s3.endpoint", String.class);
        given().get("/q/health/ready").then().log().ifValidationFails().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == '" + ObjectStorageReadiness.NAME + "' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == '" + ObjectStorageReadiness.NAME + "' }.data.reason",
                        equalTo("the bucket " + MISSING + " does not exist at " + endpoint + " (casebook.store.s3.bucket)"))
                .body("checks.find { it.name == '" + SharedStoreReadinessTest.DATABASE + "' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'data-directory' }.status", equalTo("UP"))
                .body(not(containsString(S3ProxyServer.SECRET_KEY)));
    }
}
