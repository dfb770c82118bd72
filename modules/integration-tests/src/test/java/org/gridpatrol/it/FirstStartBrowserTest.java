package org.gridpatrol.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * A whole first start of a real city in real Chromium, as its administrator does it: an empty node without the
 * demo; the first administrator logs in with the printed one-time password and chooses their own; uploads the
 * grid in EPSG:4547; imports a GB18030 roster, sees its bad row, fixes it, imports it; enrols a device; a fix
 * with the device's key counts (one without it is refused); the officer appears on the map; a plan is drawn
 * on the map; its coverage shows the visited cell.
 */
class FirstStartBrowserTest {
  static final Charset GB18030 = Charset.forName("GB18030");

  @TempDir
  Path dataDir;
  @TempDir
  Path files;

  private TestNode node;
  private Browser browser;

  @BeforeEach
  void start() {
    node = TestNode.start("first-start-browser", dataDir, Map.of("demo.load", false));
    browser = new Browser("first-start", 1366, 768);
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.close();
    }
    node.close();
  }

  @Test
  void anAdministratorBringsAnEmptyCityToTheLiveMap() throws IOException {
    // The one-time password, then one of their own; the console's guide has every step still to do.
    browser.driver.get("http://127.0.0.1:" + node.httpPort + "/");
    type("#username", "admin");
    type("#password", node.node().firstAdministratorPassword().orElseThrow());
    browser.driver.findElement(By.id("submit")).click();
    browser.waitFor("the request for a password of their own", () -> browser.driver.findElement(By.id("change"))
        .isDisplayed());
    type("#new-password", "yuetan-grid-2026");
    browser.driver.findElement(By.id("change-submit")).click();
    browser.waitFor("the first-start guide", () -> browser.driver.getCurrentUrl().endsWith("/admin/")
        && ready() && browser.all("#steps li").size() == 5);
    assertEquals(0, browser.all("#steps li.done").size(), "an empty city");
    browser.screenshot("1-guide");

    // The grid as the surveyors deliver it, in CGCS2000 / Gauss-Kruger CM 114E.
    JsonArray features = new JsonArray();
    for (int i = 0; i < 4; i++) {
      features.add(FirstStartTest.cellIn4547(String.format("110102001001%03d", i + 1), i % 2, i / 2));
    }
    Path grid = files.resolve("yuetan-4547.geojson");
    Files.writeString(grid, new JsonObject().put("type", "FeatureCollection").put("features", features).encode());
    open("grid.html");
    new Select(browser.driver.findElement(By.id("crs"))).selectByValue("EPSG:4547");
    browser.driver.findElement(By.id("grid-file")).sendKeys(grid.toAbsolutePath().toString());
    browser.driver.findElement(By.cssSelector("#grid-form button[type=submit]")).click();
    browser.waitFor("the import's report", () -> !browser.all("#count-created").isEmpty());
    assertEquals("4", browser.text("#count-created"));
    browser.screenshot("2-grid");

    // The roster as Excel on a Chinese Windows saves it, with one bad row: seen, fixed, imported.
    String header = "工号,姓名,手机,队伍编码,队伍名称,队伍区域,负责区域,状态\r\n";
    String good = "N0001,郑芳,13700137000,T110102001,月坛街道巡查队,110102001,110102001001,在岗\r\n";
    Path bad = files.resolve("roster-bad.csv");
    Files.write(bad, (header + good + "N0002,冯军,1370013700O,T110102001,,,110102001001,在岗\r\n").getBytes(GB18030));
    Path fixed = files.resolve("roster.csv");
    Files.write(fixed, (header + good + "N0002,冯军,13700137001,T110102001,,,110102001001,在岗\r\n").getBytes(GB18030));
    // The city's own departments first (checked, then imported), then the roster.
    Path departments = files.resolve("departments.csv");
    Files.write(departments, "编码,中文名称,英文名称,在用\r\nYTJD,月坛街道办事处,Yuetan Subdistrict Office,是\r\n"
        .getBytes(GB18030));
    open("roster.html");
    browser.driver.findElement(By.id("departments-file")).sendKeys(departments.toAbsolutePath().toString());
    browser.driver.findElement(By.id("departments-dry-run")).click();
    browser.waitFor("a clean check of the departments",
        () -> browser.driver.findElement(By.id("departments-import")).isEnabled());
    browser.driver.findElement(By.id("departments-import")).click();
    browser.waitFor("the departments imported", () -> node.get("/api/v1/departments/YTJD").status() == 200);
    browser.driver.findElement(By.id("roster-file")).sendKeys(bad.toAbsolutePath().toString());
    browser.driver.findElement(By.id("dry-run")).click();
    browser.waitFor("the bad row's problem", () -> !browser.all("#problems tbody tr").isEmpty());
    assertEquals(List.of("3", "C"), browser.all("#problems tbody tr td").stream().limit(2).map(WebElement::getText)
        .toList(), "line 3, column C: the phone number");
    browser.screenshot("3-roster-problem");
    browser.driver.findElement(By.id("roster-file")).clear();
    browser.driver.findElement(By.id("roster-file")).sendKeys(fixed.toAbsolutePath().toString());
    browser.driver.findElement(By.id("dry-run")).click();
    browser.waitFor("a clean check", () -> browser.driver.findElement(By.id("import")).isEnabled());
    browser.driver.findElement(By.id("import")).click();
    String admin = node.adminToken();
    browser.waitFor("the roster imported", () -> node.get("/api/v1/officers", admin).json().getLong("total") == 2);

    // A device for N0001; its server URL carries its key.
    open("devices.html");
    type("#enrol-form [name=uniqueId]", "868000000000001");
    type("#enrol-form [name=officer]", "N0001");
    browser.driver.findElement(By.cssSelector("#enrol-form button[type=submit]")).click();
    browser.waitFor("the enrolment QR codes", () -> Boolean.TRUE.equals(browser.driver.executeScript(
        "const images = [...document.querySelectorAll('img[data-qr]')];"
            + "return images.length === 2 && images.every(i => i.complete && i.naturalWidth > 0);")));
    String caption = browser.text("#device figcaption");
    String path = caption.substring(caption.indexOf("/k/")).split("\\s")[0];
    browser.screenshot("4-device");

    // The phone sends as Traccar Client would: without the key nothing counts, with it the fix does.
    long now = Instant.now().getEpochSecond();
    String fix = "?id=868000000000001&lat=" + (FirstStartTest.SOUTH + FirstStartTest.SIDE / 2) + "&lon="
        + (FirstStartTest.WEST + FirstStartTest.SIDE / 2) + "&timestamp=";
    assertEquals(400, node.osmand(HttpRequest.newBuilder(node.osmandUri("/" + fix + (now - 20))).GET()).status());
    assertEquals(200, node.osmand(HttpRequest.newBuilder(node.osmandUri(path + fix + (now - 10))).GET()).status());

    // The officer on the live map.
    browser.driver.get("http://127.0.0.1:" + node.httpPort + "/map/");
    browser.waitFor("N0001 on the map", Duration.ofSeconds(10),
        () -> !browser.all(".leaflet-marker-icon[title='N0001']").isEmpty());
    browser.screenshot("5-map");

    // A plan drawn on the map over the new city's cells, and its coverage.
    open("plans.html");
    type("#plan-form [name=name]", "月坛街道日间巡查");
    // A window running now (from an hour ago for three hours, city time), the plan in effect since before it.
    LocalDateTime local = LocalDateTime.now(PlanTest.SHANGHAI);
    browser.driver.executeScript("const set = (css, value) => { const input = document.querySelector(css);"
        + " input.value = value; input.dispatchEvent(new Event('input', {bubbles: true}));"
        + " input.dispatchEvent(new Event('change', {bubbles: true})); };"
        + "set('#plan-form [name=\"windows[0].start\"]', arguments[0]); set('#plan-form [name=\"windows[0].end\"]', arguments[1]);"
        + "set('#plan-form [name=effectiveFrom]', arguments[2]);",
        local.minusHours(1).format(PlanTest.HH_MM), local.plusHours(2).format(PlanTest.HH_MM),
        local.minusHours(2).truncatedTo(ChronoUnit.MINUTES).toString());
    browser.waitFor("the city's cells on the plan's map", () -> browser.all("#map path.leaflet-interactive").size() >= 4);
    browser.driver.findElement(By.id("draw")).click();
    WebElement map = browser.driver.findElement(By.id("map"));
    Dimension size = map.getSize();
    // Corners 60 px inside the map: clear of the zoom buttons in its top left corner.
    int x = size.getWidth() / 2 - 60;
    int y = size.getHeight() / 2 - 60;
    new Actions(browser.driver).moveToElement(map, -x, -y).click().pause(Duration.ofMillis(300))
        .moveToElement(map, x, -y).click().pause(Duration.ofMillis(300))
        .moveToElement(map, x, y).click().pause(Duration.ofMillis(300))
        .moveToElement(map, -x, y).doubleClick().perform();
    browser.waitFor("the four cells inside the drawn area", () -> browser.text("#cell-count").startsWith("4 "));
    browser.driver.findElement(By.cssSelector("#plan-form button[type=submit]")).click();
    browser.waitFor("the plan saved", () -> !node.get("/api/v1/plans", admin).json().getJsonArray("plans").isEmpty());
    long plan = node.get("/api/v1/plans", admin).json().getJsonArray("plans").getJsonObject(0).getLong("id");
    browser.screenshot("6-plan");
    JsonObject coverage = node.get("/api/v1/plans/" + plan + "/coverage", admin).json();
    JsonArray cells = coverage.getJsonArray("cells");
    assertEquals(4, cells.size(), coverage.encode());
    assertTrue(cells.stream().map(JsonObject.class::cast).anyMatch(c -> c.getString("cell").equals("110102001001001")
        && c.getInteger("visits") == 1), "the visited cell counts: " + coverage.encode());

    open("");
    browser.waitFor("the guide with every step done", () -> browser.all("#steps li.done").size() >= 4);
    browser.screenshot("7-done");
  }

  private boolean ready() {
    return "true".equals(browser.driver.findElement(By.tagName("body")).getDomAttribute("data-ready"));
  }

  private void open(String page) {
    browser.driver.get("http://127.0.0.1:" + node.httpPort + "/admin/" + page);
    browser.waitFor(page + " to be ready", this::ready);
  }

  private void type(String css, String text) {
    WebElement input = browser.driver.findElement(By.cssSelector(css));
    input.clear();
    input.sendKeys(text);
  }
}
