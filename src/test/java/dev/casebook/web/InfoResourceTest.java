package dev.casebook.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;

import dev.casebook.core.canon.profile.ProfileCatalog;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class InfoResourceTest {

    @Test
    void namesTheServiceItsVersionAndProfileCount() {
        given().get("/v1/info").then().statusCode(200)
                .body("name", equalTo("casebook"))
                .body("version", not(emptyOrNullString()))
                .body("profiles", equalTo(new ProfileCatalog().all().size()));
    }
}
