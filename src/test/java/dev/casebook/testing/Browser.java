package dev.casebook.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven through its own chromedriver: no browser is downloaded at test
 * time. Missing packages fail the test under CI and abort it loudly elsewhere (see {@link Oracles}).
 * Screenshots go to {@code target/screenshots/} for a reviewer to look at.
 */
public final class Browser implements AutoCloseable {

    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final ChromeDriver driver;
    private final Path profile;
    private final URL root;

    private Browser(ChromeDriver driver, Path profile, URL root) {
        this.driver = driver;
        this.profile = profile;
        this.root = root;
    }

    /** Starts Chromium for pages under {@code root} (the service under test). */
    public static Browser start(URL root) {
        Oracles.require("chromium", "apt-get install chromium chromium-driver");
        Oracles.require("chromedriver", "apt-get install chromium-driver");
        try {
            Path profile = Files.createTempDirectory("casebook-chromium");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(Oracles.which("chromium").toString());
            // Chromium's own background traffic is refused by a closed network; these keep it quiet.
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--no-first-run", "--disable-quic", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=1440,1000", "--user-data-dir=" + profile.toAbsolutePath());
            options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(Oracles.which("chromedriver").toFile())
                    .usingAnyFreePort()
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(WAIT);
            return new Browser(driver, profile, root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public WebDriver driver() {
        return driver;
    }

    /** Opens the dashboard at a hash route ("#/lab") in a fresh page load. */
    public void open(String route) {
        driver.get("about:blank"); // a new hash alone would not reload the page
        driver.get(root.toString().replaceAll("/$", "") + "/" + route);
        until(ExpectedConditions.attributeToBeNotEmpty(driver.findElement(By.tagName("body")), "data-view"));
    }

    public <T> T until(Function<? super WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).until(condition);
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public WebElement visible(String css) {
        return until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    public Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** Slows what the page sends to {@code bytesPerSecond}, so that an upload can be watched and stopped. */
    public void throttleUploads(int bytesPerSecond) {
        driver.setNetworkConditions(new ChromiumNetworkConditions().setUploadThroughput(bytesPerSecond)
                .setDownloadThroughput(100_000_000).setLatency(Duration.ofMillis(5)));
    }

    public void unthrottle() {
        driver.deleteNetworkConditions();
    }

    /** What the page wrote to the console at level SEVERE (uncaught errors, failed loads) since the last call. */
    public List<String> consoleErrors() {
        return driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .map(e -> e.getMessage()).toList();
    }

    /** Saves the whole page as {@code target/screenshots/<name>.png}. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            // The window grows to the page's height so that the picture shows the whole view.
            Number height = (Number) script("window.scrollTo(0, 0); return Math.max(document.body.scrollHeight, 800)");
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(1440, Math.min(height.intValue() + 40, 6000)));
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(1440, 1000));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Saves one element (a section of a view) as {@code target/screenshots/<name>.png}, readable at full size. */
    public Path screenshot(String name, WebElement element) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            // As for the whole page: a window as tall as the page, so that a tall element is not cut at the fold.
            Number height = (Number) script("return Math.max(document.body.scrollHeight, 800)");
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(1440, Math.min(height.intValue() + 40, 6000)));
            Files.write(file, element.getScreenshotAs(OutputType.BYTES));
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(1440, 1000));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var walk = Files.walk(profile)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // Chromium may still be letting go of its profile; the temp directory is cleaned by the OS.
        }
    }
}
