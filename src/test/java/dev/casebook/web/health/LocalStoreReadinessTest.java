package dev.casebook.web.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The local store's readiness is what it was before the shared store: no bucket check, nothing to reach. */
@QuarkusTest
class LocalStoreReadinessTest {

    @Test
    void theLocalStoreHasNoBucketCheck() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("data-directory"))
                .body("checks.name", not(hasItem(ObjectStorageReadiness.NAME)));
    }
}
