package org.gridpatrol.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;

/**
 * The control-room map in a real browser (Debian's Chromium, headless, driven through its chromedriver):
 * log in, see a check-in arrive as a moving marker, an overdue alert colour its cell and reach the feed, a
 * case's badge turn yellow when it escalates. Screenshots go to target/screenshots.
 */
class MapBrowserTest {
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  @TempDir
  Path dataDir;
  @TempDir
  Path noPlans;

  private MutableClock clock;
  private TestNode node;
  private Browser browser;

  @BeforeEach
  void start() {
    // Monday 2026-11-23 09:00 in Beijing: a working day, so case time limits run.
    clock = new MutableClock(LocalDateTime.parse("2026-11-23T09:00").atZone(SHANGHAI).toInstant());
    node = TestNode.start("browser", dataDir, Map.of("demo.plans_dir", noPlans.toString()), clock);
    browser = new Browser("map", 1400, 900);
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.close();
    }
    node.close();
  }

  @Test
  void theControlRoomSeesOfficersAlertsAndEscalations() {
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

    String badge = ".case-icon[title='#" + caseId + "']";
    browser.login(node, "operator", node.demoPassword("operator"));
    assertEquals("指挥中心实时地图", browser.text("[data-t=controlRoom]"), "a Chinese browser gets Chinese");
    assertEquals(1, browser.all(badge + ".none").size(), "the case, no card yet");
    browser.screenshot("1-loaded");

    checkIn("1", 39.9405, 116.3955);
    long posted = System.nanoTime();
    browser.waitFor("P0001's marker", Duration.ofSeconds(2), () -> !officer().isEmpty());
    assertTrue(System.nanoTime() - posted < Duration.ofSeconds(2).toNanos());
    String before = officer().get(0).getCssValue("transform");
    clock.advance(Duration.ofMinutes(1));
    checkIn("2", 39.9395, 116.3985);
    browser.waitFor("the marker to move", Duration.ofSeconds(2),
        () -> !officer().get(0).getCssValue("transform").equals(before));
    browser.screenshot("2-officer");

    // Cell 110101001001002 is under the plan and nobody goes there: 30 minutes without a visit.
    clock.advance(Duration.ofMinutes(25));
    browser.waitFor("the alert in the feed", () -> !browser.all("#feed li.alert").isEmpty());
    browser.waitFor("an overdue cell in red", () -> !browser.all("path[fill='#e53935']").isEmpty());
    assertNotEquals("0", browser.text("#count-overdue"));
    browser.screenshot("3-overdue");

    // 80 % of the case's 2 working hours: the yellow card.
    clock.advance(Duration.ofMinutes(71));
    browser.waitFor("the case's badge to turn yellow", () -> !browser.all(badge + ".yellow").isEmpty());
    browser.waitFor("the escalation in the feed", () -> !browser.all("#feed li.yellow").isEmpty());
    assertNotEquals("0", browser.text("#count-yellow"));
    browser.screenshot("4-escalated");
  }

  private List<WebElement> officer() {
    return browser.all(".leaflet-marker-icon[title='P0001']");
  }

  private void checkIn(String id, double lat, double lon) {
    JsonObject fix = new JsonObject().put("id", id).put("time", clock.instant().toString()).put("lat", lat)
        .put("lon", lon).put("heading", 45).put("accuracy", 5);
    TestNode.Reply reply = node.post("/api/v1/checkins", node.deviceToken("100001"),
        new JsonObject().put("checkins", new JsonArray().add(fix)).encode());
    assertEquals(1, reply.json().getInteger("accepted"), reply.body());
  }
}
