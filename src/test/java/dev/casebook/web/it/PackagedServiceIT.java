package dev.casebook.web.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** The packaged application (target/quarkus-app), started from outside as a user would run it. */
@QuarkusIntegrationTest
class PackagedServiceIT {

    @Test
    void servesProfilesCanonicalStringsAndProblems() {
        given().get("/v1/profiles").then().statusCode(200).body("profiles", hasSize(24));
        given().contentType(ContentType.JSON)
                .body("{\"profile\":\"python-json\",\"credentials\":{\"customerId\":\"1234\",\"authToken\":\"tok-abc\"},\"body\":{\"a\":1.0}}")
                .post("/v1/canonical").then().statusCode(200).body("encodedBody", equalTo("{\"a\": 1.0}"));
        given().contentType(ContentType.JSON).body("{").post("/v1/canonical").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("byte 1"));
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200).body(containsString("casebook_canonical_requests_total"));
    }
}
