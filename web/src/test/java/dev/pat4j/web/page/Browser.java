package dev.pat4j.web.page;

import dev.pat4j.testkit.InstalledProgram;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.htmlunit.BrowserVersion;
import org.htmlunit.WebClient;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.htmlunit.HtmlUnitDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One browser driven over WebDriver: Debian's headless Chromium with its chromedriver, at their
 * Debian paths so Selenium never downloads one (WebDriver only, no DevTools protocol), or
 * Selenium's HtmlUnit driver, which needs nothing installed. Each test makes its own.
 */
final class Browser implements AutoCloseable {
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    final WebDriver driver;
    final String name;
    final boolean chromium;

    private Browser(WebDriver driver, String name, boolean chromium) {
        this.driver = driver;
        this.name = name;
        this.chromium = chromium;
        System.out.println("TokenPage: running on " + name);
    }

    /** Headless Chromium; missing, the test fails when CI=true and is otherwise not run (naming the Debian packages). */
    static Browser chromium() {
        Path binary = InstalledProgram.require("chromium", "chromium", CHROMIUM);
        Path driverPath = InstalledProgram.require("chromedriver", "chromium-driver", CHROMEDRIVER);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,1000", "--lang=en-US", "--no-first-run", "--disable-extensions");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driverPath.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        Object version = driver.getCapabilities().getBrowserVersion();
        return new Browser(driver, "headless Chromium " + version + " (" + binary + ", " + driverPath + ")", true);
    }

    /** Selenium's HtmlUnit driver, with JavaScript: what runs where no Chromium is installed. */
    static Browser htmlUnit() {
        HtmlUnitDriver driver = new HtmlUnitDriver(BrowserVersion.BEST_SUPPORTED, true) {
            @Override
            protected WebClient modifyWebClient(WebClient client) {
                // HtmlUnit's JavaScript has no fetch of its own: its polyfill (on XMLHttpRequest) stands in
                client.getOptions().setFetchPolyfillEnabled(true);
                return client;
            }
        };
        return new Browser(driver, "HtmlUnit (" + BrowserVersion.BEST_SUPPORTED.getNickname() + ")", false);
    }

    /** The browser the environment has: Chromium, else (unless CI=true, which needs it) HtmlUnit. */
    static Browser best() {
        boolean installed = java.nio.file.Files.isExecutable(Path.of(CHROMIUM))
                && java.nio.file.Files.isExecutable(Path.of(CHROMEDRIVER));
        if (installed || "true".equals(System.getenv("CI"))) {
            return chromium();
        }
        System.out.println("TokenPage: no Chromium at " + CHROMIUM + " (Debian packages chromium, chromium-driver);"
                + " falling back to HtmlUnit");
        return htmlUnit();
    }

    <T> T await(String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(15)).withMessage(what)
                .ignoring(StaleElementReferenceException.class).until(condition);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    boolean visible(String css) {
        List<WebElement> found = findAll(css);
        return !found.isEmpty() && found.get(0).isDisplayed();
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** The focused element. */
    WebElement focused() {
        return driver.switchTo().activeElement();
    }

    void press(CharSequence... keys) {
        new Actions(driver).sendKeys(keys).perform();
    }

    /** Presses Tab (or Shift+Tab) until {@code target} has focus: at most 60 presses. */
    void tabTo(Function<WebElement, Boolean> target, boolean backwards) {
        for (int i = 0; i < 60; i++) {
            if (target.apply(focused())) {
                return;
            }
            if (backwards) {
                new Actions(driver).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
            } else {
                press(Keys.TAB);
            }
        }
        throw new AssertionError("Tab never reached the element; focus is on " + describe(focused()));
    }

    static String describe(WebElement e) {
        return "<" + e.getTagName() + " id=" + e.getAttribute("id") + "> " + e.getText();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
