package dev.casebook.web.dashboard;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.casebook.testing.Browser;
import dev.casebook.testing.HeapDumps;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The moments before a chain appears: an upload under way (slowed in the browser so it can be seen
 * and stopped), then a job waiting for a worker (analysis paused with workers=0), then cancelled.
 */
@QuarkusTest
@TestProfile(DashboardQueueBrowserTest.Paused.class)
class DashboardQueueBrowserTest {

    public static final class Paused implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("casebook.jobs.workers", "0", "casebook.data-dir", "target/casebook-test-data-paused");
        }
    }

    private static final String ROOM = "dev.casebook.testing.leaks.LeakyApp$Room";
    private static final Path UPLOADS = Path.of("target/casebook-test-data-paused/uploads");
    private static Browser browser;

    @TestHTTPResource("/")
    URL root;

    @BeforeEach
    void startBrowser() {
        if (browser == null) {
            browser = Browser.start(root);
        }
    }

    @AfterEach
    void fullSpeed() {
        if (browser != null) { // null when Chromium is missing and the test was skipped
            browser.unthrottle();
        }
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    private void chooseDump() {
        browser.open("#/heap");
        browser.find("#dump-file").sendKeys(HeapDumps.leakyLive().toAbsolutePath().toString());
        browser.find("#class-names").sendKeys(ROOM);
        browser.throttleUploads(400_000);
        browser.find("#upload").click();
    }

    private static int uploadPercent() {
        return Integer.parseInt(browser.find("#upload-progress").getAttribute("value"));
    }

    @Test
    void anUploadShowsItsProgressThenTheJobWaitsForAWorkerAndCanBeCancelled() throws Exception {
        chooseDump();
        browser.until(d -> uploadPercent() > 0 && uploadPercent() < 100);
        assertTrue(browser.find("#upload-progress").isDisplayed());
        String size = String.format(java.util.Locale.ROOT, "%.1f MB", Files.size(HeapDumps.leakyLive()) / 1048576.0);
        assertTrue(browser.find("#upload-status").getText().matches("Uploading \\d+% \\(.+ of " + java.util.regex.Pattern.quote(size) + "\\)"),
                browser.find("#upload-status").getText());
        browser.screenshot("heap-uploading");

        browser.until(ExpectedConditions.urlContains("#/jobs/"));
        String id = browser.driver().getCurrentUrl().replaceAll(".*#/jobs/", "");
        assertEquals("Waiting for a worker…", browser.visible("#job-phase").getText());
        assertEquals("0", browser.find("#job-progress").getAttribute("value"));
        assertTrue(browser.find("#job").getText().contains(ROOM));
        browser.screenshot("heap-job-queued");

        browser.open("#/heap");
        WebElement row = browser.visible("#jobs-body tr[data-id='" + id + "']");
        assertTrue(row.getText().contains("queued"), row.getText());
        assertEquals("Cancel", row.findElement(By.cssSelector("button.danger")).getText());

        browser.open("#/jobs/" + id);
        WebElement cancel = browser.visible("#job button.danger");
        cancel.click();
        assertEquals("Really cancel?", cancel.getText(), "a second click confirms");
        cancel.click();
        browser.until(ExpectedConditions.urlContains("#/heap"));
        assertTrue(browser.visible("#jobs-notice").getText().contains("cancelled"), browser.find("#jobs-notice").getText());
        given().when().get("/v1/jobs/" + id).then().statusCode(200).body("state", org.hamcrest.Matchers.equalTo("cancelled"));
        row = browser.visible("#jobs-body tr[data-id='" + id + "']");
        assertTrue(row.getText().contains("cancelled"), row.getText());
        browser.screenshot("heap-jobs-cancelled");

        WebElement delete = row.findElement(By.cssSelector("button.danger"));
        assertEquals("Delete", delete.getText());
        delete.click();
        delete.click();
        browser.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("#jobs-body tr[data-id='" + id + "']")));
        assertTrue(browser.find("#jobs-notice").getText().contains("deleted"));
        given().when().get("/v1/jobs/" + id).then().statusCode(404);
    }

    @Test
    void aStoppedUploadCreatesNoJobAndLeavesNoFile() throws Exception {
        List<String> before = given().when().get("/v1/jobs").then().statusCode(200).extract().jsonPath().getList("id");
        chooseDump();
        browser.until(d -> uploadPercent() > 10);
        browser.find("#abort-upload").click();
        WebElement problem = browser.visible("#upload-error .problem");
        assertTrue(problem.getText().contains("Upload cancelled"), problem.getText());
        assertFalse(browser.find("#upload-progress").isDisplayed());
        assertTrue(browser.driver().getCurrentUrl().endsWith("#/heap"));

        assertEquals(before, given().when().get("/v1/jobs").then().statusCode(200).extract().jsonPath().getList("id"));
        // The half-received part is the server's to delete when the connection drops.
        browser.until(d -> {
            try (var files = Files.list(UPLOADS)) {
                return files.findAny().isEmpty();
            } catch (java.io.IOException e) {
                return false;
            }
        });
    }
}
