package org.gridpatrol.it;

import static org.gridpatrol.it.TestNode.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.gridpatrol.events.Addresses;
import org.gridpatrol.store.DatabaseTarget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cases on a real node (HTTP, PostgreSQL, event bus) whose clock the test moves: the workflow with its audit
 * trail, working-time deadlines, escalation with yellow and red cards, notifications on the bus and to a
 * webhook that fails and recovers, and two nodes racing for the same step.
 */
class CaseTest {
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final String SECRET = "test-webhook-secret-0123456789";
  /** Inside cell 110101001001001 of the demo city. */
  static final double[] IN_CELL = {39.9405, 116.3955};

  @TempDir
  Path dataDir;
  @TempDir
  Path noPlans;

  private HttpServer receiver;
  private final List<HttpExchangeRecord> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();

  record HttpExchangeRecord(String body, String timestamp, String signature) {}

  static Instant shanghai(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
  }

  @BeforeEach
  void startReceiver() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hook", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      boolean fail = failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
      if (!fail) {
        received.add(new HttpExchangeRecord(body, exchange.getRequestHeaders().getFirst("X-GridPatrol-Timestamp"),
            exchange.getRequestHeaders().getFirst("X-GridPatrol-Signature")));
      }
      exchange.sendResponseHeaders(fail ? 503 : 204, -1);
      exchange.close();
    });
    receiver.start();
  }

  @AfterEach
  void stopReceiver() {
    receiver.stop(0);
  }

  private Map<String, Object> settings(int attempts) throws IOException {
    Path hooks = dataDir.resolveSibling(dataDir.getFileName() + "-webhooks.yaml");
    Files.writeString(hooks, "- name: ops\n  url: http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook\n"
        + "  secret: " + SECRET + "\n");
    return Map.of("demo.plans_dir", noPlans.toString(), "cases.webhooks_file", hooks.toString(),
        "cases.webhook_attempts", attempts, "cases.tick_ms", 50);
  }

  private static JsonObject report(TestNode node, String token, JsonObject body) {
    TestNode.Reply reply = node.post("/api/v1/cases", token, body.encode());
    assertEquals(201, reply.status(), reply.body());
    return reply.json();
  }

  private static TestNode.Reply act(TestNode node, long id, String action, JsonObject extra) {
    JsonObject body = new JsonObject().put("action", action).put("actor", "operator-li").mergeIn(extra);
    return node.post("/api/v1/cases/" + id + "/transitions", node.adminToken(), body.encode());
  }

  private static JsonObject get(TestNode node, long id) {
    return node.get("/api/v1/cases/" + id).json();
  }

  @Test
  void aReportGoesThroughTheWorkflowAndEveryStepIsInTheAuditTrail() throws IOException, SQLException {
    // Friday 2026-09-25 would be a holiday; take Wednesday 2026-09-30 16:00, the eve of National Day.
    MutableClock clock = new MutableClock(shanghai("2026-09-30T16:00"));
    TestNode node = TestNode.start("cases", dataDir, settings(8), clock);
    try {
      JsonObject created = report(node, node.deviceToken("100001"), new JsonObject()
          .put("category", "E0101").put("lat", IN_CELL[0]).put("lon", IN_CELL[1])
          .put("description", "路口有暴露垃圾 / exposed garbage at the crossing"));
      long id = created.getLong("id");
      assertEquals("reported", created.getString("status"));
      assertEquals("officer", created.getString("source"));
      assertEquals("P0001", created.getString("reporter"));
      assertEquals("110101001001001", created.getString("cell"));
      assertEquals("暴露垃圾", created.getJsonObject("category").getJsonObject("name").getString("zh"));
      assertEquals(List.of("register", "reject", "suspend"), created.getJsonArray("allowedActions").getList());

      TestNode.Reply refused = act(node, id, "close", new JsonObject());
      assertEquals(409, refused.status(), refused.body());
      assertEquals(List.of("register", "reject", "suspend"), refused.json().getJsonArray("allowed").getList());
      assertEquals("illegal_transition", refused.json().getJsonObject("error").getString("rule"));

      assertEquals(400, act(node, id, "reject", new JsonObject()).status(), "a rejection needs a reason");
      assertEquals(200, act(node, id, "register", new JsonObject()).status());
      TestNode.Reply dispatched = act(node, id, "dispatch", new JsonObject().put("department", "HWJ"));
      assertEquals(200, dispatched.status(), dispatched.body());
      // 4 working hours from Wednesday 16:00 before the holiday: 1.5 h today, Oct 1-7 off, 2.5 h on Oct 8.
      assertEquals("2026-10-08T11:00+08:00", dispatched.json().getString("stageDeadline"));
      assertEquals("HWJ", dispatched.json().getString("department"));
      assertEquals(200, act(node, id, "start", new JsonObject()).status());
      assertEquals(200, act(node, id, "suspend", new JsonObject().put("reason", "waiting for the truck")).status());
      assertEquals(List.of("resume"), get(node, id).getJsonArray("allowedActions").getList());
      assertEquals(200, act(node, id, "resume", new JsonObject()).status());
      assertEquals("in_progress", get(node, id).getString("status"));
      assertEquals(200, act(node, id, "report_back", new JsonObject()).status());
      assertEquals(200, act(node, id, "reopen", new JsonObject().put("reason", "still dirty")).status());
      assertEquals(200, act(node, id, "report_back", new JsonObject()).status());
      JsonObject closed = act(node, id, "close", new JsonObject()).json();
      assertEquals("closed", closed.getString("status"));
      assertNotNull(closed.getString("closedAt"));

      JsonArray history = get(node, id).getJsonArray("history");
      List<String> actions = history.stream().map(e -> ((JsonObject) e).getString("action")).toList();
      assertEquals(List.of("report", "register", "dispatch", "start", "suspend", "resume", "report_back", "reopen",
          "report_back", "close"), actions);
      JsonObject reopen = history.getJsonObject(7);
      assertEquals("operator-li", reopen.getString("actor"));
      assertEquals("still dirty", reopen.getString("reason"));
      assertEquals("handled", reopen.getString("from"));
      assertEquals("dispatched", reopen.getString("to"));

      // A photo from the handheld: kept, served back to those who see the case, refused if it is not what it says.
      byte[] png = Base64.getDecoder().decode(
          "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
      HttpResponse<String> uploaded = upload(node, id, node.deviceToken("100001"), "image/png", png);
      assertEquals(201, uploaded.statusCode(), uploaded.body());
      String url = new JsonObject(uploaded.body()).getString("url");
      HttpResponse<String> again = upload(node, id, node.deviceToken("100001"), "image/png", png);
      assertEquals(url, new JsonObject(again.body()).getString("url"), "the same picture sent again is the same photo");
      assertEquals(400, upload(node, id, node.deviceToken("100001"), "image/jpeg", png).statusCode(),
          "a PNG declared as JPEG");
      assertEquals(400, upload(node, id, node.deviceToken("100001"), "image/png",
          "not an image".getBytes(StandardCharsets.UTF_8)).statusCode());
      TestNode.Reply photo = node.get(url, node.deviceToken("100001"));
      assertEquals(200, photo.status());
      assertEquals("image/png", photo.response().headers().firstValue("Content-Type").orElse(""));
      assertEquals(200, node.get(url).status(), "the administrator sees it too");
      assertEquals(404, node.get(url, node.deviceToken("100002")).status(), "not an officer of another community");
      assertEquals(401, node.anonymous(url).status(), "nor anybody without credentials");
      assertEquals(1, get(node, id).getJsonArray("photos").size());

      // The evaluation counts it: due in the period (handle deadline Oct 8), closed, on time.
      JsonObject evaluation = node.get("/api/v1/reports/evaluation?by=department&from=2026-10-01T00:00:00%2B08:00"
          + "&to=2026-10-10T00:00:00%2B08:00").json();
      JsonObject hwj = evaluation.getJsonArray("groups").stream().map(JsonObject.class::cast)
          .filter(g -> g.getString("group").equals("HWJ")).findFirst().orElseThrow();
      assertEquals(1, hwj.getInteger("due"));
      assertEquals(1, hwj.getInteger("closedOnTime"));
      assertEquals(1.0, hwj.getDouble("onTimeClosureRate"));
      TestNode.Reply csv = node.get("/api/v1/reports/evaluation?by=department&format=csv&from=2026-10-01T00:00:00"
          + "%2B08:00&to=2026-10-10T00:00:00%2B08:00");
      assertTrue(csv.body().contains("HWJ,1,1,1,1.0,1.0"), csv.body());

      // The audit trail cannot be edited, not even with SQL.
      DatabaseTarget database = DatabaseTarget.fromUri(node.databaseUri());
      try (Connection sql = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password())) {
        SQLException e = assertThrows(SQLException.class,
            () -> sql.createStatement().executeUpdate("UPDATE case_events SET actor = 'nobody'"));
        assertTrue(e.getMessage().contains("cannot be changed"), e.getMessage());
        assertThrows(SQLException.class, () -> sql.createStatement().executeUpdate("DELETE FROM case_events"));
      }

      // Bad input names the field; nothing is stored.
      TestNode.Reply unknown = node.post("/api/v1/cases", node.adminToken(), new JsonObject()
          .put("category", "E9999").put("cell", "110101001001001").put("description", "x").put("actor", "hotline-1")
          .encode());
      assertEquals(400, unknown.status());
      assertEquals("category", unknown.json().getJsonObject("error").getString("field"));
      TestNode.Reply outside = node.post("/api/v1/cases", node.adminToken(), new JsonObject()
          .put("category", "E0101").put("lat", 10.0).put("lon", 10.0).put("description", "x").put("actor", "h")
          .encode());
      assertEquals(400, outside.status());
      assertEquals("outside_grid", outside.json().getJsonObject("error").getString("rule"));
      assertEquals(1, node.get("/api/v1/cases").json().getJsonArray("cases").size());
    } finally {
      node.close();
    }
  }

  @Test
  void anUnhandledCaseGetsAYellowThenARedCardOnTheBusAndAtTheWebhookWhichFailsAndRecovers() throws IOException {
    // Monday 2026-11-23 09:00: road cleaning (E0103) has 2 working hours; 80 % is 10:36, the limit 11:00.
    MutableClock clock = new MutableClock(shanghai("2026-11-23T09:00"));
    TestNode node = TestNode.start("escalation", dataDir, settings(8), clock);
    List<JsonObject> onBus = new CopyOnWriteArrayList<>();
    node.node().vertx().eventBus().<JsonObject>consumer(Addresses.CASES, message -> onBus.add(message.body()));
    try {
      long id = report(node, node.adminToken(), new JsonObject().put("category", "E0103")
          .put("cell", "110101001001001").put("description", "道路不洁").put("source", "hotline")
          .put("actor", "hotline-12319")).getLong("id");
      assertEquals(200, act(node, id, "register", new JsonObject()).status());
      JsonObject dispatched = act(node, id, "dispatch", new JsonObject()).json();
      assertEquals("2026-11-23T11:00+08:00", dispatched.getString("stageDeadline"));
      assertEquals("2026-11-23T10:36+08:00", dispatched.getJsonObject("escalation").getJsonObject("next").getString("at"));

      // The receiver fails twice before it takes the yellow card.
      failuresLeft.set(2);
      clock.advance(Duration.ofMinutes(96));
      eventually(Duration.ofSeconds(10), "the yellow card on the bus", () -> onBus.stream()
          .anyMatch(m -> "escalation".equals(m.getString("type")) && "yellow".equals(m.getString("card"))));
      JsonObject yellow = get(node, id).getJsonObject("escalation");
      assertEquals(1, yellow.getInteger("level"));
      assertEquals("yellow", yellow.getString("card"));
      // Retries come after 5 s and 10 s of the node's clock.
      eventually(Duration.ofSeconds(10), "the first failed call recorded", () -> webhookAttempts(node, id) == 1);
      clock.advance(Duration.ofSeconds(6));
      eventually(Duration.ofSeconds(10), "the failed retry recorded", () -> webhookAttempts(node, id) == 2);
      clock.advance(Duration.ofSeconds(11));
      eventually(Duration.ofSeconds(10), "the yellow card delivered", () -> received.size() == 1);
      JsonObject hook = new JsonObject(received.get(0).body());
      assertEquals("yellow", hook.getString("card"));
      assertEquals("handler", hook.getString("role"));
      assertEquals("HWJ", hook.getString("area"));
      assertEquals(List.of("handler-hwj"), hook.getJsonArray("recipients").getList(), "the demo city's HWJ handler");
      assertEquals(sign(received.get(0).timestamp(), received.get(0).body()), received.get(0).signature());
      JsonArray log = node.get("/api/v1/notifications?case=" + id, node.adminToken()).json().getJsonArray("notifications");
      assertTrue(log.stream().map(JsonObject.class::cast).anyMatch(n -> n.getString("channel").equals("webhook:ops")
          && n.getString("status").equals("sent") && n.getInteger("attempts") == 3), log.encodePrettily());

      // Acknowledged: no repeats; the limit passes all the same: red card to the street's team lead.
      assertEquals(200, node.post("/api/v1/cases/" + id + "/acknowledge", node.adminToken(),
          new JsonObject().put("actor", "wang").encode()).status());
      clock.advance(Duration.ofMinutes(25));
      eventually(Duration.ofSeconds(10), "the red card", () -> received.size() == 2);
      JsonObject red = new JsonObject(received.get(1).body());
      assertEquals("red", red.getString("card"));
      assertEquals("team_lead", red.getString("role"));
      assertEquals("110101001", red.getString("area"));
      assertEquals(List.of("lead-001"), red.getJsonArray("recipients").getList(), "the street's team lead");
      assertTrue(get(node, id).getBoolean("late"));
      List<String> steps = get(node, id).getJsonArray("history").stream().map(JsonObject.class::cast)
          .map(e -> e.getString("action")).filter(a -> a.equals("escalate") || a.equals("repeat"))
          .collect(Collectors.toList());
      assertEquals(List.of("escalate", "escalate"), steps, "each step once, no repeat after the acknowledgement");

      // Handling the case stops the climb.
      assertEquals(200, act(node, id, "report_back", new JsonObject()).status());
      assertEquals("verify", get(node, id).getString("stage"));
    } finally {
      node.close();
    }
  }

  @Test
  void aWebhookThatNeverAnswersEndsInTheDeadLettersAndIsReplayed() throws IOException {
    MutableClock clock = new MutableClock(shanghai("2026-11-23T09:00"));
    TestNode node = TestNode.start("dead-letters", dataDir, settings(2), clock);
    try {
      long id = report(node, node.adminToken(), new JsonObject().put("category", "E0103")
          .put("cell", "110101001001001").put("description", "道路不洁").put("actor", "hotline-12319")).getLong("id");
      act(node, id, "register", new JsonObject());
      act(node, id, "dispatch", new JsonObject());
      failuresLeft.set(2);
      clock.advance(Duration.ofMinutes(96));
      eventually(Duration.ofSeconds(10), "the first failure recorded", () -> webhookAttempts(node, id) == 1);
      clock.advance(Duration.ofSeconds(6));
      eventually(Duration.ofSeconds(10), "dead after two attempts", () -> node.get("/api/v1/notifications?status=dead", node.adminToken())
          .json().getJsonArray("notifications").size() == 1);
      JsonObject dead = node.get("/api/v1/notifications?status=dead", node.adminToken()).json().getJsonArray("notifications")
          .getJsonObject(0);
      assertEquals("HTTP 503", dead.getString("lastError"));
      assertTrue(received.isEmpty());
      TestNode.Reply replayed = node.post("/api/v1/notifications/" + dead.getLong("id") + "/replay",
          node.adminToken(), "");
      assertEquals(200, replayed.status(), replayed.body());
      eventually(Duration.ofSeconds(10), "delivered after the replay", () -> received.size() == 1);
      assertEquals(409, node.post("/api/v1/notifications/" + dead.getLong("id") + "/replay", node.adminToken(), "")
          .status(), "only a dead notification is replayed");
    } finally {
      node.close();
    }
  }

  @Test
  void twoNodesRacingForTheSameStepTakeItOnce(@TempDir Path otherDataDir) throws IOException {
    MutableClock clock = new MutableClock(shanghai("2026-11-23T09:00"));
    TestNode first = TestNode.start("race-a", dataDir, settings(8), clock);
    TestNode second = null;
    try {
      // Configured alike (as the nodes of one city are), sharing the first node's database.
      Map<String, Object> shared = new HashMap<>(settings(8));
      shared.put("db.url", first.databaseUri());
      shared.put("demo.load", false);
      second = TestNode.start("race-b", otherDataDir, shared, clock);
      List<Long> ids = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        long id = report(first, first.adminToken(), new JsonObject().put("category", "E0103")
            .put("cell", "110101001001001").put("description", "道路不洁 " + i).put("actor", "hotline")).getLong("id");
        act(first, id, "register", new JsonObject());
        act(first, id, "dispatch", new JsonObject());
        ids.add(id);
      }
      // Both nodes look every 50 ms; all twenty yellow cards fall due at once.
      clock.advance(Duration.ofMinutes(96));
      TestNode other = second;
      eventually(Duration.ofSeconds(15), "all yellow cards", () -> ids.stream()
          .allMatch(id -> get(other, id).getJsonObject("escalation").getInteger("level") == 1));
      Thread.sleep(1000);
      for (long id : ids) {
        long steps = get(first, id).getJsonArray("history").stream().map(JsonObject.class::cast)
            .filter(e -> e.getString("action").equals("escalate")).count();
        assertEquals(1, steps, "case " + id + " escalated once");
      }
      eventually(Duration.ofSeconds(10), "one webhook call per step", () -> received.size() >= ids.size());
      Thread.sleep(500);
      assertEquals(ids.size(), received.size());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (second != null) {
        second.close();
      }
      first.close();
    }
  }

  @Test
  void aWholePlanWindowMissedIsOneCaseNotOnePerCell() throws IOException {
    MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    TestNode node = TestNode.start("storm", dataDir, settings(8), clock);
    try {
      // Two cells, each to be visited every 30 minutes of a window that began 10 minutes ago; nobody comes.
      JsonObject plan = PlanTest.plan(clock.instant());
      assertEquals(201, node.post("/api/v1/plans", node.adminToken(), plan.encode()).status());
      clock.advance(Duration.ofMinutes(25));
      eventually(Duration.ofSeconds(15), "one case for the window's two missed cells", () -> {
        JsonArray opened = node.get("/api/v1/cases?source=patrol_overdue").json().getJsonArray("cases");
        return opened.size() == 1 && opened.getJsonObject(0).getInteger("alerts") == 2;
      });
      JsonObject opened = node.get("/api/v1/cases?source=patrol_overdue").json().getJsonArray("cases")
          .getJsonObject(0);
      assertEquals("dispatched", opened.getString("status"));
      assertEquals("E0901", opened.getJsonObject("category").getString("code"));
      assertEquals("XJZX", opened.getString("department"));
      assertTrue(opened.getString("description").contains("Patrol overdue"), opened.getString("description"));
    } finally {
      node.close();
    }
  }

  /**
   * Next year's holidays are announced late in the year; until a city adds them, a limit that runs into the
   * new year is counted by ordinary weeks and the case says its deadline is provisional, instead of the case
   * not moving at all.
   */
  @Test
  void aLimitRunningIntoAYearWithoutHolidayDataGetsAProvisionalDeadline(@TempDir Path holidays) throws IOException {
    Path region = Files.createDirectories(holidays.resolve("CN"));
    try (var files = Files.list(TestNode.CONFIG.resolveSibling("holidays").resolve("CN"))) {
      for (Path file : files.filter(f -> f.getFileName().toString().compareTo("2027") < 0).toList()) {
        Files.copy(file, region.resolve(file.getFileName()));
      }
    }
    Map<String, Object> overrides = new HashMap<>(settings(8));
    overrides.put("calendar.dir", holidays.toString());
    // Thursday 2026-12-31 16:00; the shipped working hours end at 17:30.
    MutableClock clock = new MutableClock(shanghai("2026-12-31T16:00"));
    TestNode node = TestNode.start("new-year", dataDir, overrides, clock);
    try {
      long id = report(node, node.deviceToken("100001"), new JsonObject().put("category", "E0101")
          .put("lat", IN_CELL[0]).put("lon", IN_CELL[1]).put("description", "跨年的暴露垃圾")).getLong("id");
      assertEquals(200, act(node, id, "register", new JsonObject()).status());
      TestNode.Reply dispatched = act(node, id, "dispatch", new JsonObject().put("department", "HWJ"));
      assertEquals(200, dispatched.status(), dispatched.body());
      // 4 working hours: 1.5 h on Dec 31, then Friday 2027-01-01 counted as an ordinary working day.
      assertEquals("2027-01-01T11:00+08:00", dispatched.json().getString("stageDeadline"));
      assertTrue(dispatched.json().getBoolean("deadlineProvisional"), dispatched.body());

      clock.advance(Duration.ofDays(4));
      JsonObject inNewYear = report(node, node.deviceToken("100001"), new JsonObject().put("category", "E0101")
          .put("lat", IN_CELL[0]).put("lon", IN_CELL[1]).put("description", "新年的暴露垃圾"));
      assertTrue(inNewYear.getBoolean("deadlineProvisional"), inNewYear.encode());
      assertTrue(node.get("/metrics").body().contains("gridpatrol_calendar_covered_ahead_seconds 0.0"),
          "the calendar's coverage ahead is a metric to alert on");
    } finally {
      node.close();
    }
  }

  private static HttpResponse<String> upload(TestNode node, long id, String token, String type,
                                                          byte[] bytes) {
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + node.httpPort + "/api/v1/cases/" + id + "/photos"))
          .header("Authorization", "Bearer " + token).header("Content-Type", type)
          .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int webhookAttempts(TestNode node, long id) {
    return node.get("/api/v1/notifications?case=" + id, node.adminToken()).json().getJsonArray("notifications")
        .stream().map(JsonObject.class::cast).filter(n -> n.getString("channel").equals("webhook:ops"))
        .mapToInt(n -> n.getInteger("attempts")).max().orElse(0);
  }

  private static String sign(String timestamp, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(
          mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
