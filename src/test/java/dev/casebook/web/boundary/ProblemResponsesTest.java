package dev.casebook.web.boundary;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** One problem+json answer per mapper and per kind of bad input; none with a stack trace. */
@QuarkusTest
class ProblemResponsesTest {

    private static final String CREDS = "\"credentials\":{\"customerId\":\"c\",\"authToken\":\"t\"}";

    private static io.restassured.response.ValidatableResponse post(String path, String body) {
        // As bytes: RestAssured would otherwise scan a 100 KB string body for seconds before sending it.
        return given().contentType(ContentType.JSON).body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post(path).then()
                .contentType("application/problem+json")
                .body("type", notNullValue()).body("title", notNullValue()).body("detail", notNullValue())
                .body(not(containsString("at dev.casebook"))).body(not(containsString("Exception")));
    }

    @Test
    void malformedJsonNamesTheByte() {
        post("/v1/canonical", "{\"profile\": \"python-json\",}").statusCode(400)
                .body("type", containsString("malformed-json")).body("context.offset", equalTo(26))
                .body("status", equalTo(400));
    }

    @Test
    void wrongTypesAreListedPerField() {
        post("/v1/canonical", "{\"profile\": 5, " + CREDS + ", \"query\": [[\"a\", 1]], \"extra\": true}").statusCode(400)
                .body("errors.field", hasItem("profile")).body("errors.field", hasItem("query[0]")).body("errors.field", hasItem("extra"));
    }

    @Test
    void blankCredentialsFailBeanValidation() {
        post("/v1/canonical", "{\"profile\": \"python-json\", \"credentials\": {\"customerId\": \" \", \"authToken\": \"\"}}").statusCode(400)
                .body("errors.field", hasItem("credentials.customerId")).body("errors.field", hasItem("credentials.authToken"));
        post("/v1/canonical", "{\"profile\": \"python-json\"}").statusCode(400).body("errors.field", hasItem("credentials"));
    }

    @Test
    void anUnknownProfileListsTheValidOnes() {
        post("/v1/canonical", "{\"profile\": \"python\", " + CREDS + "}").statusCode(400)
                .body("errors[0].field", equalTo("profile")).body("detail", containsString("python-json-compact"))
                .body("detail", containsString("ruby-json-pretty"));
    }

    @Test
    void aLanguageThatWouldRefuseTheBodySaysWhy() {
        post("/v1/canonical", "{\"profile\": \"go-json\", " + CREDS + ", \"body\": {\"n\": 1e400}}").statusCode(422)
                .body("detail", containsString("cannot unmarshal number 1e400 into Go value of type float64"))
                .body("context.stage", equalTo("parse"));
        post("/v1/canonical", "{\"profile\": \"jcs\", " + CREDS + ", \"body\": {\"a\": 1, \"a\": 2}}").statusCode(422)
                .body("detail", containsString("duplicate"));
        post("/v1/canonical", "{\"profile\": \"php-json\", " + CREDS + ", \"bodyText\": \"[\\\"\\\\ud800\\\"]\"}").statusCode(422)
                .body("detail", containsString("surrogate"));
    }

    @Test
    void aSyntaxErrorInBodyTextGivesItsByteOffset() {
        post("/v1/canonical", "{\"profile\": \"python-json\", " + CREDS + ", \"bodyText\": \"{\\\"a\\\": }\"}").statusCode(422)
                .body("context.stage", equalTo("parse")).body("context.offset", equalTo(6))
                .body("detail", containsString("(byte 6)"));
    }

    @Test
    void tooLargeIs413() {
        String big = "\"" + "a".repeat(1_100_000) + "\"";
        post("/v1/canonical", "{\"profile\": \"raw\", " + CREDS + ", \"body\": " + big + "}").statusCode(413)
                .body("context.limit", equalTo(1048576));
    }

    @Test
    void deepNestingIsA4xxNotAStackOverflow() {
        String deep = "[".repeat(50_000) + "]".repeat(50_000);
        post("/v1/canonical", "{\"profile\": \"go-json\", " + CREDS + ", \"body\": " + deep + "}").statusCode(400)
                .body("type", containsString("nesting-too-deep"));
        String languageLimit = "[".repeat(150) + "]".repeat(150);
        post("/v1/canonical", "{\"profile\": \"ruby-json\", " + CREDS + ", \"body\": " + languageLimit + "}").statusCode(422)
                .body("detail", containsString("100 levels"));
    }

    @Test
    void wrongMediaTypeIs415() {
        given().contentType(ContentType.TEXT).body("hello").post("/v1/canonical").then().statusCode(415)
                .contentType("application/problem+json").body("status", equalTo(415));
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405() {
        given().get("/v1/nothing-here").then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
        given().delete("/v1/profiles").then().statusCode(405).contentType("application/problem+json").body("status", equalTo(405));
    }

    @Test
    void a405SaysWhichMethodsThePathTakes() {
        given().delete("/v1/profiles").then().statusCode(405)
                .header("Allow", allows("GET", "HEAD"))
                .body("detail", equalTo("This path does not take that method; it takes GET, HEAD"));
        given().post("/v1/jobs/some-id").then().statusCode(405)
                .header("Allow", allows("DELETE", "GET", "HEAD"))
                .body("detail", containsString("it takes DELETE, GET, HEAD"));
        given().get("/v1/canonical/").then().statusCode(405).header("Allow", allows("POST"));
        // What the Allow header promises is answered.
        given().head("/v1/profiles").then().statusCode(200);
    }

    /** The header lists exactly these methods, in any order. */
    private static org.hamcrest.Matcher<String> allows(String... methods) {
        return new org.hamcrest.TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(String header) {
                return java.util.Set.of(header.split("\\s*,\\s*")).equals(java.util.Set.of(methods));
            }

            @Override
            public void describeTo(org.hamcrest.Description d) {
                d.appendText("Allow: " + String.join(", ", methods));
            }
        };
    }

    @Test
    void diagnosesNeedASentBody() {
        post("/v1/diagnoses", "{" + CREDS + "}").statusCode(400).body("errors.field", hasItem("sentBody"));
        post("/v1/diagnoses", "{" + CREDS + ", \"sentBody\": \"{}\", \"scheme\": {\"template\": \"{nope}\"}}").statusCode(400)
                .body("errors[0].field", equalTo("scheme.template"));
    }
}
