package org.gridpatrol.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The admin console in a real browser the size of a laptop (1366 x 768): the demo administrator goes from the
 * map to the console, makes a team and an officer through the forms (a bad phone number is marked at its field),
 * imports a roster after a dry run (its problems listed by line and column), enrols a device (its token shown
 * once and working, its QR codes drawn), imports a small grid (the report names the bad feature) and makes a
 * plan of cells drawn on the map; an operator is kept out.
 */
class AdminConsoleBrowserTest {
  static final Charset GB18030 = Charset.forName("GB18030");

  @TempDir
  Path dataDir;
  @TempDir
  Path files;

  private TestNode node;
  private Browser browser;

  @BeforeEach
  void start() {
    node = TestNode.start("console", dataDir, Map.of());
    browser = new Browser("admin", 1366, 768);
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.close();
    }
    node.close();
  }

  @Test
  void theAdministratorSetsUpTheCityThroughTheConsole() throws IOException {
    browser.login(node, "admin", node.demoPassword("admin"));
    assertTrue(browser.driver.getCurrentUrl().endsWith("/admin/"), "an administrator starts in the console");
    browser.driver.get("http://127.0.0.1:" + node.httpPort + "/map/");
    browser.waitFor("the map", () -> "true".equals(browser.driver.findElement(By.tagName("body"))
        .getDomAttribute("data-ready")));
    WebElement adminLink = browser.driver.findElement(By.id("admin-link"));
    assertTrue(adminLink.isDisplayed(), "the map shows administrators the way to the console");
    assertEquals("管理", adminLink.getText());
    adminLink.click();
    browser.waitFor("the first-start guide", () -> browser.driver.getCurrentUrl().endsWith("/admin/")
        && browser.all("#steps li").size() == 5);
    assertEquals(5, browser.all("#steps li.done").size(), "the demo city has its grid, roster, devices and plans");
    browser.screenshot("1-start");

    open("teams.html");
    type("#team-form [name=code]", "T-CONSOLE");
    type("#team-form [name=name]", "控制台巡查队");
    type("#team-form [name=area]", "110101002");
    type("#team-form [name=lead]", "lead-001");
    submit("#team-form");
    browser.waitFor("the new team listed", () -> !browser.all("#teams tr[data-code='T-CONSOLE']").isEmpty());
    assertEquals("控制台巡查队", node.get("/api/v1/teams/T-CONSOLE").json().getString("name"));

    open("officers.html");
    type("#officer-form [name=code]", "P9001");
    type("#officer-form [name=name]", "赵控制");
    type("#officer-form [name=phone]", "13x-abc");
    type("#officer-form [name=team]", "T-CONSOLE");
    type("#officer-form [name=areas]", "110101002001");
    submit("#officer-form");
    String phoneError = "#officer-form label:has([name=phone]) .field-error";
    browser.waitFor("the phone's error at the phone field", () -> !browser.all(phoneError).isEmpty());
    assertTrue(browser.text(phoneError).contains("phone"), browser.text(phoneError));
    assertEquals("true", browser.driver.findElement(By.cssSelector("#officer-form [name=phone]"))
        .getDomAttribute("aria-invalid"));
    assertEquals(1, browser.all("#officer-form .field-error, #officer-form .form-error").size(), "and nowhere else");
    browser.screenshot("2-phone-error");
    assertEquals(404, node.get("/api/v1/officers/P9001").status(), "nothing was saved");
    type("#officer-form [name=phone]", "13900139001");
    submit("#officer-form");
    browser.waitFor("the error gone once the officer is saved", () -> browser.all(phoneError).isEmpty()
        && node.get("/api/v1/officers/P9001").status() == 200);
    assertEquals("T-CONSOLE", node.get("/api/v1/officers/P9001").json().getJsonObject("team").getString("code"));
    type("#officer-filters [name=q]", "P9001");
    browser.waitFor("the filter finding the new officer", () -> browser.all("#officers tbody tr").size() == 1
        && !browser.all("#officers tr[data-code='P9001']").isEmpty());

    // A department: its missing English name marked at its field; one categories are dispatched to stays active.
    open("departments.html");
    type("#department-form [name=code]", "RFJ");
    type("#department-form [name=zh]", "人防办");
    submit("#department-form");
    String enError = "#department-form label:has([name=en]) .field-error";
    browser.waitFor("the English name's error at its field", () -> !browser.all(enError).isEmpty());
    type("#department-form [name=en]", "Civil Air Defence Office");
    submit("#department-form");
    browser.waitFor("the new department listed", () -> !browser.all("#departments tr[data-code='RFJ']").isEmpty());
    assertEquals("人防办", node.get("/api/v1/departments/RFJ").json().getString("zh"));
    browser.driver.findElement(By.cssSelector("#departments tr[data-code='HWJ'] button")).click();
    browser.driver.findElement(By.cssSelector("#department-form [name=active]")).click();
    submit("#department-form");
    String activeError = "#department-form label:has([name=active]) .field-error";
    browser.waitFor("why HWJ stays active, at its checkbox", () -> !browser.all(activeError).isEmpty());
    assertTrue(browser.text(activeError).contains("E0"), browser.text(activeError));
    assertTrue(node.get("/api/v1/departments/HWJ").json().getBoolean("active"));

    // The roster as a Chinese Excel saves it (GB18030), sent byte for byte: first with a bad phone number.
    String header = "officer_code,officer_name,phone,team_code,team_name,team_area,team_lead,areas,status\r\n";
    Path badRoster = files.resolve("bad-roster.csv");
    Files.write(badRoster, (header + "P9002,钱名册,13x,T-CONSOLE,,,,110101002002,在岗\r\n").getBytes(GB18030));
    Path roster = files.resolve("roster.csv");
    Files.write(roster, (header + "P9002,钱名册,13900139002,T-CONSOLE,,,,110101002002,在岗\r\n").getBytes(GB18030));
    open("roster.html");
    browser.driver.findElement(By.id("roster-file")).sendKeys(badRoster.toAbsolutePath().toString());
    browser.driver.findElement(By.id("dry-run")).click();
    browser.waitFor("the roster's problems by line and column", () -> !browser.all("#problems tbody tr").isEmpty());
    assertEquals(List.of("2", "C"), browser.all("#problems tbody tr td").stream().limit(2).map(WebElement::getText).toList());
    assertTrue(browser.text("#result").contains("GB18030"), "the node read the file's own encoding");
    assertFalse(browser.driver.findElement(By.id("import")).isEnabled(), "no import after a check with problems");
    browser.driver.findElement(By.id("roster-file")).clear();
    browser.driver.findElement(By.id("roster-file")).sendKeys(roster.toAbsolutePath().toString());
    browser.driver.findElement(By.id("dry-run")).click();
    browser.waitFor("a clean check", () -> browser.driver.findElement(By.id("import")).isEnabled());
    assertEquals(404, node.get("/api/v1/officers/P9002").status(), "a dry run writes nothing");
    browser.driver.findElement(By.id("import")).click();
    browser.waitFor("the roster imported", () -> node.get("/api/v1/officers/P9002").status() == 200);
    assertEquals("on_duty", node.get("/api/v1/officers/P9002").json().getString("status"));
    browser.screenshot("3-roster");

    open("devices.html");
    type("#enrol-form [name=uniqueId]", "CONSOLE-1");
    type("#enrol-form [name=officer]", "P9001");
    submit("#enrol-form");
    browser.waitFor("the token, shown once", () -> !browser.all("#token-box #token").isEmpty());
    String token = browser.text("#token");
    browser.waitFor("both QR codes drawn", () -> Boolean.TRUE.equals(browser.driver.executeScript(
        "const images = [...document.querySelectorAll('img[data-qr]')];"
            + "return images.length === 2 && images.every(i => i.complete && i.naturalWidth > 0);")));
    assertTrue(browser.text("#device figcaption").contains("/k/"), "the server URL with the device's key");
    browser.screenshot("4-device");
    String fix = new JsonObject().put("checkins", new JsonArray().add(new JsonObject().put("id", "console-1")
        .put("time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()).put("lat", 39.9405).put("lon", 116.4074)))
        .encode();
    assertEquals(1, node.post("/api/v1/checkins", token, fix).json().getInteger("accepted"), "the token shown works");
    open("devices.html?officer=P9001");
    browser.waitFor("the device listed for its officer", () -> browser.all("#devices tbody tr").size() == 1);
    browser.driver.findElement(By.cssSelector("#devices tr[data-id='CONSOLE-1'] button")).click();
    browser.waitFor("its details", () -> !browser.all("#device img[data-qr]").isEmpty());
    assertTrue(browser.all("#token-box").isEmpty(), "the token is not shown again");

    Path grid = files.resolve("xicheng.geojson");
    Files.writeString(grid, AdminTest.collection(
        AdminTest.square("110102001001001", "府右街1号网格", 116.32, 39.90),
        AdminTest.square("110102001001002", "府右街2号网格", 116.321, 39.90),
        AdminTest.square("11010200100100X", "bad code", 116.322, 39.90)));
    open("grid.html");
    browser.driver.findElement(By.id("grid-file")).sendKeys(grid.toAbsolutePath().toString());
    submit("#grid-form");
    browser.waitFor("the import's report", () -> !browser.all("#count-created").isEmpty());
    assertEquals("2", browser.text("#count-created"));
    assertEquals("1", browser.text("#count-rejected"));
    assertTrue(browser.text("#problems tbody").contains("invalid_code"), browser.text("#problems tbody"));
    assertEquals("1", browser.driver.findElement(By.id("progress")).getDomProperty("value"), "the whole file went up");
    assertEquals(200, node.get("/api/v1/cells/110102001001002").status());
    browser.screenshot("5-grid");

    open("plans.html");
    type("#plan-form [name=name]", "控制台测试计划");
    new Select(browser.driver.findElement(By.id("area-choice"))).selectByValue("110101001001");
    browser.driver.findElement(By.id("add-area")).click();
    browser.waitFor("a community's 25 cells chosen", () -> browser.text("#cell-count").startsWith("25 "));
    browser.driver.findElement(By.id("clear")).click();
    browser.driver.findElement(By.id("draw")).click();
    WebElement map = browser.driver.findElement(By.id("map"));
    new Actions(browser.driver).moveToElement(map, -120, -120).click().pause(Duration.ofMillis(300))
        .moveToElement(map, 120, -120).click().pause(Duration.ofMillis(300))
        .moveToElement(map, 120, 120).click().pause(Duration.ofMillis(300))
        .moveToElement(map, -120, 120).doubleClick().perform();
    browser.waitFor("the cells inside the drawn area chosen", () -> chosenCells() > 0);
    int drawn = chosenCells();
    assertTrue(drawn < 25, "only the cells inside the area: " + drawn);
    browser.driver.findElement(By.id("preview")).click();
    browser.waitFor("the next windows", () -> !browser.all("#preview-list li").isEmpty());
    assertTrue(browser.all("#preview-list li").size() >= 14, "a window every day for 14 days");
    submit("#plan-form");
    browser.waitFor("the plan saved", () -> plan("控制台测试计划") != null);
    JsonObject saved = plan("控制台测试计划");
    assertEquals(drawn, saved.getInteger("cells"), "the cells chosen on the map are the plan's");
    browser.waitFor("the plan in the list", () -> !browser.all("#plans tr[data-id='" + saved.getLong("id") + "']").isEmpty());
    browser.screenshot("6-plan");

    browser.login(node, "operator", node.demoPassword("operator"));
    assertFalse(browser.driver.findElement(By.id("admin-link")).isDisplayed(), "no way to the console for others");
    open("users.html");
    assertEquals("无权访问", browser.text("#refused h1"));
    assertTrue(browser.all("#users").isEmpty(), "and nothing of the page");
    browser.screenshot("7-refused");
  }

  /** Opens a page of the console and waits until it has loaded what it shows. */
  private void open(String page) {
    browser.driver.get("http://127.0.0.1:" + node.httpPort + "/admin/" + page);
    browser.waitFor(page + " to be ready",
        () -> "true".equals(browser.driver.findElement(By.tagName("body")).getDomAttribute("data-ready")));
  }

  private void type(String css, String text) {
    WebElement input = browser.driver.findElement(By.cssSelector(css));
    input.clear();
    input.sendKeys(text);
  }

  private void submit(String form) {
    browser.driver.findElement(By.cssSelector(form + " button[type=submit]")).click();
  }

  /** The number of cells the plan editor has chosen ("12 个网格已选"). */
  private int chosenCells() {
    return Integer.parseInt(browser.text("#cell-count").split(" ")[0]);
  }

  /** The plan of that name as the API lists it; null if there is none. */
  private JsonObject plan(String name) {
    return node.get("/api/v1/plans").json().getJsonArray("plans").stream().map(JsonObject.class::cast)
        .filter(p -> p.getString("name").equals(name)).findFirst().orElse(null);
  }
}
