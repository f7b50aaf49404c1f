package dev.casebook.web.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.casebook.testing.Browser;
import dev.casebook.testing.HeapDumps;
import dev.casebook.testing.TestKeys;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.WebElement;

/**
 * API keys and owners: every endpoint that takes a job id, with two owners and an admin. Analysis is
 * paused (workers=0) so that jobs stay queued and the per-owner limit can be reached on purpose.
 */
@QuarkusTest
@TestProfile(AuthIsolationTest.WithKeys.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuthIsolationTest {

    /** The same three keys in every class loader: a seeded generator, for tests only. */
    static List<TestKeys.Key> keys() {
        Random random = new Random(20261127L);
        return List.of(TestKeys.issue("alice", Role.USER, random), TestKeys.issue("bob", Role.USER, random),
                TestKeys.issue("ops", Role.ADMIN, random));
    }

    public static final class WithKeys implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Path dir = Path.of("target", "casebook-test-auth");
            try {
                if (Files.exists(dir)) {
                    try (var walk = Files.walk(dir)) {
                        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                            Files.delete(p);
                        }
                    }
                }
                Files.createDirectories(dir);
                Files.write(dir.resolve("keys"), keys().stream().map(TestKeys.Key::line).toList());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("casebook.auth.keys-file", dir.resolve("keys").toString(),
                    "casebook.data-dir", dir.resolve("data").toString(),
                    "casebook.jobs.workers", "0",
                    "casebook.jobs.max-active-per-owner", "2",
                    "casebook.auth.max-failures-per-minute", "5");
        }
    }

    private static final String ALICE = keys().get(0).key();
    private static final String BOB = keys().get(1).key();
    private static final String OPS = keys().get(2).key();
    private static final String ROOM = "dev.casebook.testing.leaks.LeakyApp$Room";

    @TestHTTPResource("/")
    URL root;

    private static RequestSpecification as(String key) {
        return given().header("Authorization", "Bearer " + key);
    }

    private static String submitAs(String key) {
        return as(key).contentType("application/octet-stream").body(HeapDumps.leakyLive().toFile())
                .when().post("/v1/jobs?className=" + ROOM).then().statusCode(202).extract().jsonPath().getString("id");
    }

    @Test
    @Order(1)
    void referenceDataTheDashboardAndHealthNeedNoKey() {
        for (String path : List.of("/v1/info", "/v1/profiles", "/v1/tools/pyheap.py", "/", "/js/main.js", "/q/health/ready")) {
            given().when().get(path).then().statusCode(200);
        }
    }

    @Test
    @Order(2)
    void everyOtherEndpointWantsAKey() {
        String id = "00000000-0000-0000-0000-000000000000";
        given().when().get("/v1/jobs").then().statusCode(401)
                .header("WWW-Authenticate", "Bearer realm=\"casebook\"")
                .contentType("application/problem+json")
                .body("type", equalTo("https://casebook.dev/problems/authentication-required"))
                .body("detail", containsString("Authorization: Bearer"));
        given().when().get("/v1/jobs/" + id).then().statusCode(401);
        given().when().delete("/v1/jobs/" + id).then().statusCode(401);
        given().contentType("application/octet-stream").body(new byte[1024]).when().post("/v1/jobs?className=x").then().statusCode(401);
        given().contentType(ContentType.JSON).body("{}").when().post("/v1/canonical").then().statusCode(401);
        given().contentType(ContentType.JSON).body("{}").when().post("/v1/diagnoses").then().statusCode(401);
        given().header("Authorization", "Basic YWxpY2U6cHc=").when().get("/v1/jobs").then().statusCode(401)
                .body("type", equalTo("https://casebook.dev/problems/invalid-api-key"));
        as(ALICE).contentType(ContentType.JSON)
                .body("{\"profile\":\"raw\",\"credentials\":{\"customerId\":\"c\",\"authToken\":\"t\"},\"bodyText\":\"{}\"}")
                .when().post("/v1/canonical").then().statusCode(200);
    }

    @Test
    @Order(3)
    void anotherOwnersJobIsNotFoundCannotBeCancelledAndIsNotListed() {
        String alices = submitAs(ALICE);
        String bobs = submitAs(BOB);
        String missing = "11111111-2222-3333-4444-555555555555";

        as(ALICE).when().get("/v1/jobs/" + alices).then().statusCode(200).body("owner", equalTo("alice"));
        // Bob sees exactly what he would see for a job that does not exist.
        String notYours = as(BOB).when().get("/v1/jobs/" + alices).then().statusCode(404).extract().jsonPath().getString("title");
        String noSuch = as(BOB).when().get("/v1/jobs/" + missing).then().statusCode(404).extract().jsonPath().getString("title");
        assertEquals(noSuch, notYours);
        as(BOB).when().delete("/v1/jobs/" + alices).then().statusCode(404);
        as(ALICE).when().get("/v1/jobs/" + alices).then().statusCode(200).body("state", equalTo("queued"));
        as(BOB).when().get("/v1/jobs").then().statusCode(200).body("id", not(hasItem(alices))).body("id", hasItem(bobs));
        as(BOB).when().get("/v1/jobs?state=queued").then().statusCode(200).body("id", not(hasItem(alices)));
        as(ALICE).when().get("/v1/jobs").then().statusCode(200).body("id", hasItem(alices)).body("id", not(hasItem(bobs)));

        // The admin sees and acts on everyone's.
        as(OPS).when().get("/v1/jobs").then().statusCode(200).body("id", hasItem(alices)).body("id", hasItem(bobs));
        as(OPS).when().get("/v1/jobs/" + bobs).then().statusCode(200).body("owner", equalTo("bob"));
        as(OPS).when().delete("/v1/jobs/" + bobs).then().statusCode(204);
        as(BOB).when().get("/v1/jobs/" + bobs).then().statusCode(200).body("state", equalTo("cancelled"));
        as(ALICE).when().delete("/v1/jobs/" + alices).then().statusCode(204);
        as(ALICE).when().delete("/v1/jobs/" + alices).then().statusCode(204);
        as(ALICE).when().get("/v1/jobs/" + alices).then().statusCode(404);
        as(BOB).when().delete("/v1/jobs/" + bobs).then().statusCode(204);
    }

    @Test
    @Order(3)
    void growthAgainstAnotherOwnersJobIsNotFoundAndAQueuedJobHasNoGrowthYet() {
        String alices = submitAs(ALICE);
        String bobs = submitAs(BOB);
        String missing = "11111111-2222-3333-4444-555555555555";
        try {
            String notYours = as(BOB).queryParam("baseline", alices).when().get("/v1/jobs/" + bobs + "/growth").then()
                    .statusCode(404).extract().jsonPath().getString("detail");
            String noSuch = as(BOB).queryParam("baseline", missing).when().get("/v1/jobs/" + bobs + "/growth").then()
                    .statusCode(404).extract().jsonPath().getString("detail");
            assertEquals(noSuch.replace(missing, "ID"), notYours.replace(alices, "ID"));
            as(BOB).queryParam("baseline", bobs).when().get("/v1/jobs/" + alices + "/growth").then().statusCode(404);
            // Both Bob's: found, but a queued job holds nothing to compare yet.
            as(OPS).queryParam("baseline", alices).when().get("/v1/jobs/" + bobs + "/growth").then().statusCode(409)
                    .body("type", equalTo("https://casebook.dev/problems/job-not-succeeded"));
        } finally {
            as(OPS).delete("/v1/jobs/" + alices);
            as(OPS).delete("/v1/jobs/" + bobs);
            as(OPS).delete("/v1/jobs/" + alices);
            as(OPS).delete("/v1/jobs/" + bobs);
        }
    }

    @Test
    @Order(4)
    void oneOwnerCannotFillTheQueueForEveryone() {
        List<String> mine = List.of(submitAs(ALICE), submitAs(ALICE));
        as(ALICE).contentType("application/octet-stream").body(HeapDumps.leakyLive().toFile())
                .when().post("/v1/jobs?className=" + ROOM).then().statusCode(429)
                .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                .body("type", equalTo("https://casebook.dev/problems/too-many-jobs"))
                .body("detail", containsString("max-active-per-owner"));
        String bobs = submitAs(BOB);
        for (String id : mine) {
            as(ALICE).when().delete("/v1/jobs/" + id).then().statusCode(204);
        }
        as(OPS).when().delete("/v1/jobs/" + bobs).then().statusCode(204);
    }

    @Test
    @Order(5)
    void theDashboardAsksForAKeyOnceAndKeepsItInMemoryOnly() {
        String alices = submitAs(ALICE);
        String bobs = submitAs(BOB);
        try (Browser browser = Browser.start(root)) {
            browser.open("#/heap");
            WebElement form = browser.visible("#key-form");
            assertTrue(browser.find("#key-reason").getText().contains("Authorization: Bearer"), form.getText());
            browser.screenshot("dashboard-api-key");
            browser.find("#api-key").sendKeys(ALICE);
            browser.find("#use-key").click();
            browser.visible("#jobs-body tr[data-id='" + alices + "']");
            assertTrue(browser.findAll("#jobs-body tr[data-id='" + bobs + "']").isEmpty(), "only alice's jobs");
            assertFalse(browser.find("#key-form").isDisplayed());
            assertEquals(0L, browser.script("return localStorage.length + sessionStorage.length"));
            assertFalse(browser.driver().getPageSource().contains(ALICE.substring(13)), "the key is not in the page");
            assertFalse(browser.driver().getCurrentUrl().contains(ALICE.substring(13)));
            assertFalse(browser.find("#owner-col").isDisplayed(), "one owner's list needs no owner column");
            // A new tab (a reload) has forgotten it; an admin's key lists everyone's, saying whose.
            browser.open("#/heap");
            browser.visible("#key-form");
            browser.find("#api-key").sendKeys(OPS);
            browser.find("#use-key").click();
            WebElement bobsRow = browser.visible("#jobs-body tr[data-id='" + bobs + "']");
            assertTrue(browser.find("#owner-col").isDisplayed());
            assertEquals("bob", bobsRow.findElement(org.openqa.selenium.By.cssSelector("td.owner")).getText());
            assertEquals("alice", browser.find("#jobs-body tr[data-id='" + alices + "'] td.owner").getText());
            browser.screenshot("heap-jobs-admin");
        } finally {
            as(OPS).delete("/v1/jobs/" + alices);
            as(OPS).delete("/v1/jobs/" + bobs);
        }
    }

    @Test
    @Order(6)
    void noKeyReachesTheLog() throws Exception {
        Path log = Path.of("target", "casebook-test.log");
        TimeUnit.MILLISECONDS.sleep(300); // the access log is written after the response
        String text = Files.readString(log);
        assertTrue(text.contains("\"GET /v1/jobs\" 401"), "this class's requests are in the log");
        for (TestKeys.Key key : keys()) {
            assertFalse(text.contains(key.key().substring(13)), "an API key reached the log");
        }
    }

    @Test
    @Order(9)
    void failedAuthenticationsFromOneAddressAreRefusedForAMinute() {
        // Five failures a minute are allowed (this class has already spent one on a Basic header).
        int refusedAfter = 0;
        while (given().header("Authorization", "Bearer cbk_00000000_guess" + refusedAfter).when().get("/v1/jobs")
                .then().extract().statusCode() == 401) {
            refusedAfter++;
            assertTrue(refusedAfter <= 5, "still answering 401 after " + refusedAfter + " wrong keys");
        }
        assertTrue(refusedAfter >= 4, "refused too early, after " + refusedAfter);
        given().header("Authorization", "Bearer cbk_00000000_guess").when().get("/v1/jobs").then().statusCode(429)
                .header("Retry-After", org.hamcrest.Matchers.matchesPattern("[1-6]?[0-9]"))
                .body("type", equalTo("https://casebook.dev/problems/too-many-failed-authentications"));
        // While refused, a right key is not even looked at: a guess that hits must not stand out.
        as(ALICE).when().get("/v1/jobs").then().statusCode(429);
    }
}
