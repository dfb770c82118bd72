package org.gridpatrol.it;

import static java.util.stream.Collectors.joining;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The officer's handheld page in a real browser the size of a phone: today's plans with their times,
 * check-ins from the phone's position (Chromium's location emulation), and a report taken without signal that
 * waits on the phone and goes out once, when the signal is back.
 */
class HandheldBrowserTest {
  /** Inside cell 110101001001001 of the demo city (officer P0001's community), 10 m from cell 002. */
  static final double LAT = 39.9405;
  static final double LON = 116.39605;
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  @TempDir
  Path dataDir;

  private TestNode node;
  private Browser phone;

  @BeforeEach
  void start() {
    node = TestNode.start("handheld", dataDir, Map.of());
    phone = new Browser("handheld", 412, 915);
    String origin = "http://127.0.0.1:" + node.httpPort;
    phone.driver.executeCdpCommand("Browser.grantPermissions",
        Map.of("origin", origin, "permissions", List.of("geolocation")));
    phone.driver.executeCdpCommand("Emulation.setGeolocationOverride",
        Map.of("latitude", LAT, "longitude", LON, "accuracy", 8));
  }

  @AfterEach
  void stop() {
    phone.close();
    node.close();
  }

  @Test
  void theOfficerChecksInFromThePhoneAndAReportTakenOfflineGoesOutOnce() {
    // A plan with cells 002 and 003 due now, so the phone lists them to patrol.
    TestNode.Reply plan = node.post("/api/v1/plans", node.adminToken(), PlanTest.plan(Instant.now())
        .put("cells", new JsonObject().put("codes", new JsonArray().add("110101001001002").add("110101001001003")))
        .encode());
    assertEquals(201, plan.status(), plan.body());
    phone.login(node, "p0001", node.demoPassword("p0001"));
    assertEquals("巡查通", phone.text("[data-t=handheld]"));
    assertEquals("巡查员 P0001", phone.text("#me"), "the officer's name, not the account's");
    phone.waitFor("the phone's position checked in", () -> {
      JsonObject officer = node.get("/api/v1/officers/P0001").json();
      JsonObject position = officer.getJsonObject("position");
      return position != null && position.getString("device").equals("web-P0001")
          && Math.abs(position.getDouble("lat") - LAT) < 1e-6;
    });
    phone.waitFor("the cells to patrol, nearest first", () -> !phone.all("#cells li").isEmpty());
    // The explicit check-in is offered only where it would count: cell 002 (10 m off, 8 m accuracy), not 003.
    phone.waitFor("cells 002 and 003 due, and a check-in offered at 002 only", () ->
        phone.all("#cells li").stream().map(WebElement::getText).filter(t -> t.contains("002号") || t.contains("003号"))
            .count() == 2
        && phone.all("#cells button[data-cell]").stream().map(b -> b.getDomAttribute("data-cell")).toList()
            .equals(List.of("110101001001002")));
    phone.screenshot("1-online");

    // Today's plans are the officer's plans with a window today, each with its times on the city's clock.
    String today = LocalDate.now(SHANGHAI).toString();
    List<JsonObject> plans = node.get("/api/v1/plans?windowsOn=" + today, node.login("p0001",
        node.demoPassword("p0001"))).json().getJsonArray("plans").stream().map(JsonObject.class::cast).toList();
    if (plans.isEmpty()) {
      assertEquals(List.of("今日无巡查计划"), phone.all("#plans li").stream().map(WebElement::getText).toList());
    } else {
      assertEquals(plans.stream().map(p -> p.getString("name")).toList(),
          phone.all("#plans li .name").stream().map(WebElement::getText).toList());
      assertEquals(plans.stream().map(p -> p.getJsonArray("windows").stream().map(JsonObject.class::cast)
              .map(w -> clock(w.getString("start")) + "–" + clock(w.getString("end"))).collect(joining(", "))).toList(),
          phone.all("#plans li .times").stream().map(WebElement::getText).toList());
    }

    ChromiumNetworkConditions offline = new ChromiumNetworkConditions();
    offline.setOffline(true);
    phone.driver.setNetworkConditions(offline);
    new Select(phone.driver.findElement(By.id("category"))).selectByValue("E0101");
    phone.driver.findElement(By.id("note")).sendKeys("路口有暴露垃圾（离线上报）");
    phone.driver.findElement(By.id("send")).click();
    phone.waitFor("the report kept on the phone", () -> phone.text("#report-result").equals("已保存，联网后自动上传")
        && !phone.text("#queued").equals("0"));
    phone.screenshot("2-offline");
    assertEquals(0, reports().size(), "nothing reached the server without signal");

    phone.driver.deleteNetworkConditions();
    phone.waitFor("the report sent once the signal is back", Duration.ofSeconds(30),
        () -> phone.text("#report-result").startsWith("已上报") && phone.text("#queued").equals("0"));
    phone.screenshot("3-sent");
    List<JsonObject> sent = reports();
    assertEquals(1, sent.size(), "one case, not two");
    assertEquals("P0001", sent.get(0).getString("reporter"));
    assertEquals("110101001001001", sent.get(0).getString("cell"), "placed where the phone was");
    assertTrue(phone.text("#report-result").endsWith("#" + sent.get(0).getLong("id")));
  }

  /** 22:00 for a time the API gives. */
  private static String clock(String iso) {
    return OffsetDateTime.parse(iso).atZoneSameInstant(SHANGHAI).format(DateTimeFormatter.ofPattern("HH:mm"));
  }

  private List<JsonObject> reports() {
    return node.get("/api/v1/cases?source=officer").json().getJsonArray("cases").stream()
        .map(JsonObject.class::cast).filter(c -> c.getString("description").contains("离线上报")).toList();
  }
}
