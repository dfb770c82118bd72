package org.gridpatrol.it;

import static org.gridpatrol.it.TestNode.eventually;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver (both installed by scripts/test.sh), in
 * Chinese; screenshots go to target/screenshots.
 */
final class Browser implements AutoCloseable {
  static final Path SCREENSHOTS = Path.of("target", "screenshots");
  static final String CHROMIUM = System.getProperty("gridpatrol.chromium", "/usr/bin/chromium");
  static final String CHROMEDRIVER = System.getProperty("gridpatrol.chromedriver", "/usr/bin/chromedriver");

  final ChromeDriver driver;
  private final String name;

  /** @param name prefix of this browser's screenshots */
  Browser(String name, int width, int height) {
    this.name = name;
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM)
        .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
            "--window-size=" + width + "," + height, "--lang=zh-CN")
        .setExperimentalOption("prefs", Map.of("intl.accept_languages", "zh-CN,zh"));
    driver = new ChromeDriver(new ChromeDriverService.Builder()
        .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile()).build(), options);
  }

  /** Opens the login page of the node and logs in. */
  void login(TestNode node, String username, String password) {
    driver.get("http://127.0.0.1:" + node.httpPort + "/");
    driver.findElement(By.id("username")).sendKeys(username);
    driver.findElement(By.id("password")).sendKeys(password);
    driver.findElement(By.id("submit")).click();
    waitFor("the page after the login to be ready",
        () -> "true".equals(driver.findElement(By.tagName("body")).getDomAttribute("data-ready")));
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  String text(String css) {
    return driver.findElement(By.cssSelector(css)).getText();
  }

  void waitFor(String what, BooleanSupplier condition) {
    waitFor(what, Duration.ofSeconds(15), condition);
  }

  void waitFor(String what, Duration timeout, BooleanSupplier condition) {
    try {
      // The page may be between two documents (a redirect) or redraw an element: look again. Chromium then
      // says so in more ways than stale or missing elements ("node does not belong to the document").
      eventually(timeout, what, () -> {
        try {
          return condition.getAsBoolean();
        } catch (WebDriverException e) {
          return false;
        }
      });
    } catch (AssertionError e) {
      screenshot("failed");
      throw e;
    }
  }

  void screenshot(String step) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Files.write(SCREENSHOTS.resolve(name + "-" + step + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
