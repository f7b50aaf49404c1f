package dev.casebook.web.dashboard;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.casebook.testing.Browser;
import dev.casebook.testing.HeapDumps;
import dev.casebook.testing.PyheapSnapshots;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The dashboard in real headless Chromium against the running service: the seed's case diagnosed,
 * secrets masked, a real JVM dump uploaded and its chain read, errors shown as problems. Each view
 * is saved under target/screenshots/.
 */
@QuarkusTest
class DashboardBrowserTest {

    private static final String APP = "dev.casebook.testing.leaks.LeakyApp";
    private static Browser browser;

    @TestHTTPResource("/")
    URL root;

    @TempDir
    Path tmp;

    /** A failed test leaves a picture of the page it failed on. */
    @RegisterExtension
    final TestWatcher screenshotOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (browser != null) {
                browser.screenshot("FAILED-" + context.getRequiredTestMethod().getName());
            }
        }
    };

    @BeforeEach
    void startBrowser() {
        if (browser == null) {
            browser = Browser.start(root);
        }
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    @Test
    void loadsEverythingFromTheServiceItself() {
        given().when().get("/").then().statusCode(200).contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'self'"));
        browser.consoleErrors(); // what earlier tests' pages logged
        browser.open("#/lab");
        browser.until(d -> browser.findAll("#profiles input").size() > 20);
        @SuppressWarnings("unchecked")
        List<String> loaded = (List<String>) browser.script(
                "return performance.getEntriesByType('resource').map(e => e.name).concat([location.href])");
        String origin = root.toString().replaceAll("/$", "");
        assertTrue(loaded.size() >= 6, "the page, its scripts, styles and API calls: " + loaded);
        for (String url : loaded) {
            assertTrue(url.startsWith(origin), "loaded from elsewhere: " + url);
        }
        List<String> errors = browser.consoleErrors();
        assertTrue(errors.isEmpty(), "the console: " + errors);
    }

    @Test
    void theSeedsCaseIsDiagnosedWithTheSpaceAtItsOffset() throws Exception {
        browser.open("#/lab");
        browser.visible("#load-example").click();
        browser.until(d -> !browser.find("#sent-token").getAttribute("value").isEmpty());
        browser.find("#diagnose").click();
        WebElement verdict = browser.visible("#verdict");

        assertEquals("18", browser.find("#divergence-offset").getText());
        WebElement expected = browser.find("#expected-side .first");
        assertEquals("18", expected.getAttribute("data-offset"));
        assertEquals("·", expected.getText(), "the server's side has a space there");
        assertTrue(expected.getAttribute("title").startsWith("space"), expected.getAttribute("title"));
        WebElement sent = browser.find("#sent-side .first");
        assertEquals("18", sent.getAttribute("data-offset"));
        assertEquals("\"", sent.getText(), "the sent side goes straight on to the value");
        assertTrue(browser.find("#divergence .explanation").getText().contains("space after ':'"));
        assertTrue(verdict.getText().contains("json.dumps(body, separators=(\",\", \":\"))"), verdict.getText());
        String fingerprint = browser.find("#fingerprint").getText();
        assertTrue(fingerprint.contains("javascript-json") && fingerprint.contains("python-json-compact"), fingerprint);
        assertTrue(browser.find("#token-matches").getText().contains("javascript-json · sha256 hex"));
        browser.screenshot("lab-diagnosis");
    }

    @Test
    void profilesSideBySideMarkEveryDifferenceAndKeepSecretsMasked() throws Exception {
        browser.open("#/lab");
        browser.visible("#load-example").click();
        browser.until(d -> !browser.find("#sent-token").getAttribute("value").isEmpty());
        browser.find("#compute").click();
        browser.until(d -> browser.findAll("#lab-results .card").size() == 2);

        WebElement python = browser.find(".card[data-profile='python-json']");
        WebElement javascript = browser.find(".card[data-profile='javascript-json']");
        assertTrue(javascript.getText().contains("first difference at byte 18"), javascript.getText());
        // {"url": "…", "amount": 100} against {"url":"…","amount":100}: three spaces only python writes.
        List<WebElement> pythonOnly = python.findElements(org.openqa.selenium.By.cssSelector(".canonical .diff"));
        assertEquals(3, pythonOnly.size());
        for (WebElement space : pythonOnly) {
            assertEquals("·", space.getText());
        }
        assertEquals(0, javascript.findElements(org.openqa.selenium.By.cssSelector(".canonical .diff")).size(),
                "javascript-json has nothing python-json lacks");

        String body = "{\"url\": \"http://example.com/a\", \"amount\": 100}";
        String pythonToken = sha256("1234tok-abc" + body + "a=1");
        String page = browser.driver().getPageSource();
        String text = browser.find("body").getText();
        for (String secret : List.of("tok-abc", pythonToken)) {
            assertFalse(page.contains(secret), "masked in the DOM: " + secret);
            assertFalse(text.contains(secret), "masked on screen: " + secret);
        }
        assertEquals("password", browser.find("#auth-token").getAttribute("type"));
        assertEquals("password", browser.find("#sent-token").getAttribute("type"));
        assertEquals(7, python.findElements(org.openqa.selenium.By.cssSelector(".canonical .masked")).size(),
                "tok-abc is drawn as seven dots");
        assertEquals(0L, browser.script("return localStorage.length + sessionStorage.length"));
        assertFalse(browser.driver().getCurrentUrl().contains("tok"), browser.driver().getCurrentUrl());
        browser.screenshot("lab-profiles-masked");

        browser.find("#toggle-secrets").click();
        assertEquals("true", browser.find("#toggle-secrets").getAttribute("aria-pressed"));
        browser.until(d -> browser.find(".card[data-profile='python-json'] .token-value").getText().equals(pythonToken));
        assertTrue(browser.find(".card[data-profile='python-json'] .canonical").getText().startsWith("1234tok-abc{"));
        assertEquals("text", browser.find("#auth-token").getAttribute("type"));
        browser.find("#toggle-secrets").click();
        assertFalse(browser.driver().getPageSource().contains(pythonToken), "hidden again");
        assertEquals(0L, browser.script("return localStorage.length + sessionStorage.length"));
    }

    @Test
    void invisibleBytesAreDrawnAndBigNumbersReachTheServerAsWritten() {
        browser.open("#/lab");
        browser.until(d -> browser.findAll("#profiles input").size() > 20);
        browser.find("#customer-id").sendKeys("c");
        browser.find("#auth-token").sendKeys("t");
        browser.find("#body-text").sendKeys("{\"big\": 12345678901234567890, \"n\": 1.0, \"s\": \"café\\t\"}");
        browser.find("#profile-python-json-indent2").click();
        browser.find("#profile-javascript-json").click();
        // Ctrl+Enter submits from any field.
        browser.find("#body-text").sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
        browser.until(d -> browser.findAll("#lab-results .card").size() == 2);

        WebElement python = browser.find(".card[data-profile='python-json-indent2'] .canonical");
        assertTrue(python.getText().contains("12345678901234567890"), "the exact integer, not a double: " + python.getText());
        assertTrue(python.getText().contains("1.0"));
        assertFalse(python.findElements(org.openqa.selenium.By.cssSelector(".ws[title^='newline']")).isEmpty(), "indent's newlines shown");
        assertFalse(python.findElements(org.openqa.selenium.By.cssSelector(".esc")).isEmpty(), "\\u00e9 marked as an escape");
        WebElement javascript = browser.find(".card[data-profile='javascript-json'] .canonical");
        assertTrue(javascript.getText().contains("12345678901234567000"), "what JSON.stringify really writes");
        WebElement e = javascript.findElement(org.openqa.selenium.By.cssSelector(".nonascii"));
        assertEquals("é", e.getText());
        assertTrue(e.getAttribute("title").contains("U+00E9, 2 bytes (C3 A9)"), e.getAttribute("title"));
        browser.screenshot("lab-invisible-bytes");
    }

    @Test
    void aJvmDumpUploadedInTheBrowserShowsItsChain() throws Exception {
        browser.open("#/heap");
        browser.find("#dump-file").sendKeys(HeapDumps.leakyLive().toAbsolutePath().toString());
        browser.find("#class-names").sendKeys(APP + "$Screen\n" + APP + "$Room\nLeakyApp.Rooom");
        browser.find("#subclasses").click();
        browser.find("#max-chains").clear();
        browser.find("#max-chains").sendKeys("3");
        browser.find("#upload").click();

        browser.until(ExpectedConditions.urlContains("#/jobs/"));
        WebElement chain = browser.visible(".target[data-index='0'] .chain");
        List<String> steps = chain.findElements(org.openqa.selenium.By.cssSelector("li.step")).stream()
                .map(li -> li.findElement(org.openqa.selenium.By.cssSelector(".type")).getText() + edgeOf(li))
                .toList();
        List<String> tail = steps.subList(steps.size() - 6, steps.size());
        assertEquals(List.of("java.lang.Class " + APP + " ↓ static BUTTON", APP + "$Button ↓ listeners",
                "java.util.ArrayList ↓ elementData", "java.lang.Object[] ↓ [0]", APP + "$Screen$Listener ↓ this$0",
                APP + "$Screen"), tail);
        assertFalse(chain.findElement(org.openqa.selenium.By.cssSelector(".root-kind")).getText().isEmpty());
        assertTrue(chain.findElement(org.openqa.selenium.By.cssSelector("li.target-step .id")).getText().startsWith("0x"));

        WebElement rooms = browser.find(".target[data-index='1']");
        assertTrue(rooms.getText().contains("50 reachable"), rooms.getText());
        WebElement group = rooms.findElement(org.openqa.selenium.By.cssSelector(".groups tbody tr"));
        assertTrue(group.getText().contains("java.util.HashMap$Node[] [*]"), group.getText());
        assertEquals(3, rooms.findElements(org.openqa.selenium.By.cssSelector(".chain")).size(), "maxChains=3");
        assertTrue(rooms.findElement(org.openqa.selenium.By.tagName("h2")).getText().endsWith("$Room and its subclasses"),
                rooms.getText());
        WebElement typo = browser.find(".target[data-index='2']");
        assertTrue(typo.findElement(org.openqa.selenium.By.cssSelector(".classes")).getText()
                .startsWith("Did you mean: " + APP + "$Room"), typo.getText());

        // "Copy as text": the clipboard gets the chain as a leak trace.
        browser.script("window.__copied = null; navigator.clipboard.writeText = async (t) => { window.__copied = t; };");
        chain.findElement(org.openqa.selenium.By.cssSelector(".copy-chain")).click();
        String copied = (String) browser.until(d -> browser.script("return window.__copied"));
        assertTrue(copied.startsWith("Target: instances of " + APP + "$Screen and its subclasses\nGC root: "), copied);
        assertTrue(copied.contains("│    ↓ this$0\n╰→ " + APP + "$Screen  0x"), copied);
        browser.screenshot("heap-job-chains");

        String jobId = browser.driver().getCurrentUrl().replaceAll(".*#/jobs/", "");
        browser.open("#/heap");
        WebElement row = browser.visible("#jobs-body tr[data-id='" + jobId + "']");
        assertTrue(row.getText().contains("succeeded"), row.getText());
        assertTrue(row.getText().contains("hprof"), row.getText());
        assertTrue(row.getText().contains(APP + "$Screen"), row.getText());
        browser.screenshot("heap-jobs");
        WebElement delete = row.findElement(org.openqa.selenium.By.cssSelector("button.danger"));
        delete.click();
        assertEquals("Really delete?", delete.getText());
        delete.click();
        browser.until(ExpectedConditions.invisibilityOfElementLocated(org.openqa.selenium.By.cssSelector("#jobs-body tr[data-id='" + jobId + "']")));
        assertTrue(browser.find("#jobs-notice").getText().contains("deleted"), browser.find("#jobs-notice").getText());
        given().when().get("/v1/jobs/" + jobId).then().statusCode(404);
    }

    @Test
    void aGzipCPythonSnapshotShowsTheSeedsChainFromItsImplicitRoot() {
        browser.open("#/heap");
        browser.find("#dump-file").sendKeys(PyheapSnapshots.leaks().toAbsolutePath().toString());
        browser.find("#class-names").sendKeys("__main__.Leaky");
        browser.find("#upload").click();
        browser.until(ExpectedConditions.urlContains("#/jobs/"));
        WebElement chain = browser.visible(".target[data-index='0'] .chain");
        assertEquals("IMPLICIT", chain.findElement(org.openqa.selenium.By.cssSelector(".root-kind")).getText());
        assertTrue(chain.findElement(org.openqa.selenium.By.cssSelector(".root-desc")).getText().contains("held from outside"));
        List<String> steps = chain.findElements(org.openqa.selenium.By.cssSelector("li.step")).stream()
                .map(li -> li.findElement(org.openqa.selenium.By.cssSelector(".type")).getText() + edgeOf(li)).toList();
        // The module's globals dict is named by the module it belongs to.
        assertEquals(List.of("dict \"globals of module __main__\" ↓ ['CACHE']", "list ↓ [0]", "method ↓ .__self__", "__main__.Leaky"),
                steps.subList(steps.size() - 4, steps.size()), steps.toString());
        assertTrue(browser.find("#job").getText().contains("pyheap"), "the format was detected through the gzip");
        browser.screenshot("heap-job-pyheap");
    }

    @Test
    void apiErrorsAreShownAsTheProblemsTitleAndDetail() throws Exception {
        Path notADump = Files.writeString(tmp.resolve("notes.txt"), "these are not the bytes of a heap dump\n");
        browser.open("#/heap");
        browser.find("#dump-file").sendKeys(notADump.toAbsolutePath().toString());
        browser.find("#class-names").sendKeys("com.example.Room");
        browser.find("#upload").click();
        WebElement problem = browser.visible("#upload-error .problem");
        assertTrue(problem.findElement(org.openqa.selenium.By.cssSelector(".problem-title")).getText().startsWith("415 "),
                problem.getText());
        assertFalse(problem.findElement(org.openqa.selenium.By.cssSelector(".problem-detail")).getText().isBlank());
        assertFalse(problem.getText().contains("{"), "no raw JSON: " + problem.getText());
        browser.screenshot("heap-upload-error");

        browser.open("#/lab");
        browser.until(d -> browser.findAll("#profiles input").size() > 20);
        browser.find("#profile-python-json").click();
        browser.find("#compute").click();
        WebElement invalid = browser.visible("#lab-error .problem");
        assertTrue(invalid.getText().startsWith("400 "), invalid.getText());
        assertTrue(invalid.findElement(org.openqa.selenium.By.cssSelector(".problem-fields")).getText().contains("credentials.customerId"),
                invalid.getText());
        browser.screenshot("lab-validation-error");
    }

    private static String edgeOf(WebElement step) {
        List<WebElement> edge = step.findElements(org.openqa.selenium.By.cssSelector(".edge"));
        return edge.isEmpty() ? "" : " " + edge.get(0).getText();
    }

    private static String submit(Path dump, String query) {
        return given().contentType("application/octet-stream").body(dump.toFile()).when().post("/v1/jobs?" + query)
                .then().statusCode(202).extract().jsonPath().getString("id");
    }

    private static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
