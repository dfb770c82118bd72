package org.gridpatrol.it;

import static org.gridpatrol.it.TestNode.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The control-room map in a real browser (Debian's Chromium, headless, driven through its chromedriver):
 * log in, see a check-in arrive as a moving marker, an overdue alert colour its cell and reach the feed, a
 * case's badge turn yellow when it escalates. Screenshots go to target/screenshots.
 */
class MapBrowserTest {
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final Path SCREENSHOTS = Path.of("target", "screenshots");
  static final String CHROMIUM = System.getProperty("gridpatrol.chromium", "/usr/bin/chromium");
  static final String CHROMEDRIVER = System.getProperty("gridpatrol.chromedriver", "/usr/bin/chromedriver");

  @TempDir
  Path dataDir;
  @TempDir
  Path noPlans;

  private MutableClock clock;
  private TestNode node;
  private ChromeDriver browser;

  @BeforeEach
  void start() {
    // Monday 2026-11-23 09:00 in Beijing: a working day, so case time limits run.
    clock = new MutableClock(LocalDateTime.parse("2026-11-23T09:00").atZone(SHANGHAI).toInstant());
    node = TestNode.start("browser", dataDir, Map.of("demo.plans_dir", noPlans.toString()), clock);
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM)
        .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
            "--window-size=1400,900", "--lang=zh-CN")
        .setExperimentalOption("prefs", Map.of("intl.accept_languages", "zh-CN,zh"));
    browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
        .build(), options);
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    node.close();
  }

  @Test
  void theControlRoomSeesOfficersAlertsAndEscalations() throws IOException {
    String admin = node.adminToken();
    TestNode.Reply plan = node.post("/api/v1/plans", admin, PlanTest.plan(clock.instant()).encode());
    assertEquals(201, plan.status(), plan.body());
    TestNode.Reply reported = node.post("/api/v1/cases", admin, new JsonObject().put("category", "E0103")
        .put("cell", "110101001001003").put("description", "道路不洁").put("source", "hotline")
        .put("actor", "hotline-12319").encode());
    long caseId = reported.json().getLong("id");
    for (String action : List.of("register", "dispatch")) {
      assertEquals(200, node.post("/api/v1/cases/" + caseId + "/transitions", admin,
          new JsonObject().put("action", action).put("actor", "operator-li").encode()).status());
    }

    browser.get("http://127.0.0.1:" + node.httpPort + "/");
    browser.findElement(By.id("username")).sendKeys("operator");
    browser.findElement(By.id("password")).sendKeys(node.demoPassword("operator"));
    browser.findElement(By.id("submit")).click();
    waitFor("the map to load", () -> "true".equals(browser.findElement(By.tagName("body")).getDomAttribute("data-ready")));
    assertEquals("指挥中心实时地图", browser.findElement(By.cssSelector("[data-t=controlRoom]")).getText(),
        "a Chinese browser gets Chinese");
    String badge = ".case-icon[title='#" + caseId + "']";
    assertEquals(1, browser.findElements(By.cssSelector(badge + ".none")).size(), "the case, no card yet");
    screenshot("1-loaded");

    checkIn("1", 39.9405, 116.3955);
    long posted = System.nanoTime();
    waitFor("P0001's marker", Duration.ofSeconds(2), () -> !officer().isEmpty());
    assertTrue(System.nanoTime() - posted < Duration.ofSeconds(2).toNanos());
    String before = officer().get(0).getCssValue("transform");
    clock.advance(Duration.ofMinutes(1));
    checkIn("2", 39.9395, 116.3985);
    waitFor("the marker to move", Duration.ofSeconds(2), () -> !officer().get(0).getCssValue("transform").equals(before));
    screenshot("2-officer");

    // Cell 110101001001002 is under the plan and nobody goes there: 30 minutes without a visit.
    clock.advance(Duration.ofMinutes(25));
    waitFor("the alert in the feed", () -> !browser.findElements(By.cssSelector("#feed li.alert")).isEmpty());
    waitFor("an overdue cell in red", () -> !browser.findElements(By.cssSelector("path[fill='#e53935']")).isEmpty());
    assertNotEquals("0", browser.findElement(By.id("count-overdue")).getText());
    screenshot("3-overdue");

    // 80 % of the case's 2 working hours: the yellow card.
    clock.advance(Duration.ofMinutes(71));
    waitFor("the case's badge to turn yellow", () -> !browser.findElements(By.cssSelector(badge + ".yellow")).isEmpty());
    waitFor("the escalation in the feed", () -> !browser.findElements(By.cssSelector("#feed li.yellow")).isEmpty());
    assertNotEquals("0", browser.findElement(By.id("count-yellow")).getText());
    screenshot("4-escalated");
  }

  private List<WebElement> officer() {
    return browser.findElements(By.cssSelector(".leaflet-marker-icon[title='P0001']"));
  }

  private void checkIn(String id, double lat, double lon) {
    JsonObject fix = new JsonObject().put("id", id).put("time", clock.instant().toString()).put("lat", lat)
        .put("lon", lon).put("heading", 45).put("accuracy", 5);
    TestNode.Reply reply = node.post("/api/v1/checkins", node.deviceToken("100001"),
        new JsonObject().put("checkins", new JsonArray().add(fix)).encode());
    assertEquals(1, reply.json().getInteger("accepted"), reply.body());
  }

  private void waitFor(String what, BooleanSupplier condition) {
    waitFor(what, Duration.ofSeconds(15), condition);
  }

  private void waitFor(String what, Duration timeout, BooleanSupplier condition) {
    try {
      // The page may be between two documents (the login's redirect) or redraw an element: look again.
      eventually(timeout, what, () -> {
        try {
          return condition.getAsBoolean();
        } catch (StaleElementReferenceException | NoSuchElementException e) {
          return false;
        }
      });
    } catch (AssertionError e) {
      screenshot("failed");
      throw e;
    }
  }

  private void screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Files.write(SCREENSHOTS.resolve("map-" + name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
