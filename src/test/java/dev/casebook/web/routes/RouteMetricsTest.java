package dev.casebook.web.routes;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The metrics' uri label is the route template whatever the status: a scanner cannot add a series per path. */
@QuarkusTest
class RouteMetricsTest {

    @Test
    void requestsAnsweredBeforeAResourceMethodCountUnderTheirRoute() {
        for (String id : new String[] {"scan-1f3a", "scan-2b7c", "scan-39d0"}) {
            given().post("/v1/jobs/" + id).then().statusCode(405);
        }
        given().put("/v1/jobs/scan-4e11/dominators").then().statusCode(405);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertFalse(metrics.contains("scan-"), "no series names a path:\n" + grep(metrics, "405"));
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("http_server_requests_seconds_count{")
                && l.contains("method=\"POST\"") && l.contains("status=\"405\"") && l.contains("uri=\"/v1/jobs/{id}\"")),
                grep(metrics, "405"));
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("http_server_requests_seconds_count{")
                && l.contains("status=\"405\"") && l.contains("uri=\"/v1/jobs/{id}/dominators\"")), grep(metrics, "405"));
    }

    private static String grep(String text, String word) {
        return String.join("\n", text.lines().filter(l -> l.contains(word)).toList());
    }
}
