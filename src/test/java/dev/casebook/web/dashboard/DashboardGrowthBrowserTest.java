package dev.casebook.web.dashboard;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.casebook.testing.Browser;
import dev.casebook.testing.GrowthDumps;
import dev.casebook.testing.leaks.GrowingApp;
import dev.casebook.web.jobs.JobsApi;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The growth view in real headless Chromium: three real JVM dumps of a program leaking 1,000 objects per step
 * are uploaded; on the newest job's page the two older ones are ticked as baselines, and the table lists what
 * grew in the API's order (largest first), the leak's shape drawn like a chain group, grown at every step, and
 * the class histogram's delta. Saved as target/screenshots/dashboard-growth.png.
 */
@QuarkusTest
class DashboardGrowthBrowserTest {

    private static final String LEAK = GrowingApp.class.getName() + "$Leak";

    @TestHTTPResource("/")
    URL root;

    @Test
    void theNewestDumpsPageComparesItWithTheOlderOnesLargestGrowthFirst() {
        List<String> ids = new ArrayList<>();
        for (Path dump : GrowthDumps.jvm()) {
            ids.add(given().contentType("application/octet-stream").body(dump.toFile()).when().post("/v1/jobs").then()
                    .statusCode(202).extract().jsonPath().getString("id"));
        }
        for (String id : ids) {
            assertEquals("succeeded", JobsApi.awaitFinal(id).getString("state"));
        }
        String newest = ids.get(2);
        try (Browser browser = Browser.start(root)) {
            browser.open("#/jobs/" + newest);
            browser.visible("#growth-baselines input[data-id='" + ids.get(0) + "']");
            assertTrue(browser.findAll("#growth-baselines input[data-id='" + newest + "']").isEmpty(),
                    "a job is not offered as its own baseline");
            // Ticked newest first: the page still sends them oldest first.
            browser.find("#growth-baselines input[data-id='" + ids.get(1) + "']").click();
            browser.find("#growth-baselines input[data-id='" + ids.get(0) + "']").click();
            browser.find("#growth-compare").click();
            browser.visible("#growth-table tbody tr");

            JsonPath api = given().queryParam("baseline", ids.get(0)).queryParam("baseline", ids.get(1)).when()
                    .get("/v1/jobs/" + newest + "/growth").then().statusCode(200).extract().jsonPath();
            List<WebElement> rows = browser.findAll("#growth-table tbody tr");
            assertEquals(api.getList("growth").size(), rows.size());
            List<String> shown = rows.stream().map(r -> r.getAttribute("data-class-name")).toList();
            assertEquals(api.getList("growth.className"), shown, "the API's order: largest growth first");

            WebElement leak = rows.get(shown.indexOf(LEAK));
            assertEquals("1,000 → 2,000 → 3,000", leak.findElement(By.cssSelector("td.steps")).getText());
            assertEquals("+2,000", leak.findElement(By.cssSelector("td.delta-instances")).getText());
            assertEquals("grew every step", leak.findElement(By.cssSelector(".badge.growing")).getText());
            String shape = leak.findElement(By.cssSelector("td.shape")).getText();
            assertTrue(shape.startsWith("STICKY_CLASS: ") && shape.contains(GrowingApp.class.getName() + " static LEAKS → java.util.HashMap table")
                    && shape.endsWith("java.util.HashMap$Node value → " + LEAK), shape);
            assertTrue(shown.stream().noneMatch(c -> c.endsWith("$Noise")), "the churn did not grow");

            WebElement leakClass = browser.find("#growth-histogram tbody tr[data-class-name='" + LEAK + "']");
            assertEquals("+2,000", leakClass.findElement(By.cssSelector("td.delta-instances")).getText());
            browser.screenshot("dashboard-growth");
            assertEquals(List.of(), browser.consoleErrors());
        }
    }
}
