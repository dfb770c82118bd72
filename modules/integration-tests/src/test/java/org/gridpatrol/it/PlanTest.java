package org.gridpatrol.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Patrol plans through the real API: create, read, coverage from real check-ins, change, retire. */
class PlanTest {
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

  @TempDir
  static Path dataDir;
  static TestNode node;
  static String admin;

  @BeforeAll
  static void start() {
    node = TestNode.start("plans", dataDir, Map.of());
    admin = node.adminToken();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  /** A plan over two cells with one window from 10 minutes ago to 2 hours from now, every day. */
  static JsonObject plan(Instant now) {
    LocalDateTime local = LocalDateTime.ofInstant(now, SHANGHAI);
    return new JsonObject()
        .put("name", "东华门街道测试巡查")
        .put("team", "T110101001")
        .put("cells", new JsonObject().put("codes", new JsonArray().add("110101001001001").add("110101001001002")))
        .put("windows", new JsonArray().add(new JsonObject().put("key", "test")
            .put("start", local.minusMinutes(10).format(HH_MM)).put("end", local.plusHours(2).format(HH_MM))))
        .put("requirement", new JsonObject().put("minVisits", 1).put("maxGapMinutes", 30))
        // A new plan may start in the past, so the window running now is one of its windows.
        .put("effectiveFrom", now.minus(Duration.ofHours(1)).toString());
  }

  static TestNode.Reply put(String path, String body) {
    try {
      HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + node.httpPort + path))
          .header("Authorization", "Bearer " + admin).PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString());
      return new TestNode.Reply(response.statusCode(), response.body(), response);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aPlansCoverageFollowsTheCheckIns() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    TestNode.Reply created = node.post("/api/v1/plans", admin, plan(now).encode());
    assertEquals(201, created.status(), created.body());
    long id = created.json().getLong("id");
    assertEquals(2, created.json().getInteger("cells"));

    // An officer walks through the first cell now.
    JsonObject checkin = new JsonObject().put("checkins", new JsonArray().add(new JsonObject().put("id", "p1")
        .put("time", now.minusSeconds(5).toString()).put("lat", 39.9405).put("lon", 116.3955)));
    assertEquals(1, node.post("/api/v1/checkins", node.deviceToken("100061"), checkin.encode()).json()
        .getInteger("accepted"));

    JsonObject coverage = node.get("/api/v1/plans/" + id + "/coverage").json();
    assertTrue(String.valueOf(coverage.getString("window")).startsWith("test@"), coverage.encode());
    JsonArray cells = coverage.getJsonArray("cells");
    JsonObject visited = cells.getJsonObject(0);
    assertEquals("110101001001001", visited.getString("cell"));
    assertEquals(1, visited.getInteger("visits"));
    assertEquals("ok", visited.getString("status"), visited.encode());
    assertNotNull(visited.getString("nextDeadline"), "the gap deadline is armed from the visit");
    JsonObject unvisited = cells.getJsonObject(1);
    assertEquals(0, unvisited.getInteger("visits"));
    // No visit yet: the 30-minute gap allowed from the window start (about 10 minutes ago) is not over.
    Instant windowStart = OffsetDateTime.parse(coverage.getString("start")).toInstant();
    assertEquals(windowStart.plus(Duration.ofMinutes(30)),
        OffsetDateTime.parse(unvisited.getString("nextDeadline")).toInstant());
    assertEquals("ok", unvisited.getString("status"), unvisited.encode());
    assertEquals(2, coverage.getJsonObject("summary").getInteger("ok"));

    // The same seen from the cell (the map's cell popup): every running window of a plan that covers it.
    JsonObject fromCell = node.get("/api/v1/cells/110101001001001/coverage").json();
    JsonObject mine = fromCell.getJsonArray("windows").stream().map(JsonObject.class::cast)
        .filter(w -> w.getJsonObject("plan").getLong("id") == id).findFirst().orElseThrow();
    assertEquals("东华门街道测试巡查", mine.getJsonObject("plan").getString("name"));
    assertEquals(coverage.getString("window"), mine.getString("window"));
    assertEquals(1, mine.getInteger("visits"));
    assertEquals("ok", mine.getString("status"));
    assertEquals(400, node.get("/api/v1/cells/1101/coverage").status());

    JsonObject read = node.get("/api/v1/plans/" + id).json();
    assertEquals("东华门街道测试巡查", read.getString("name"));
    assertEquals("T110101001", read.getString("team"));
    assertEquals(1, read.getJsonArray("versions").size());
  }

  @Test
  void aChangeWithoutAnEffectiveTimeTakesEffectNow() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    long id = node.post("/api/v1/plans", admin, plan(now).encode()).json().getLong("id");
    JsonObject changed = plan(now).put("requirement", new JsonObject().put("minVisits", 2));
    changed.remove("effectiveFrom");
    TestNode.Reply reply = put("/api/v1/plans/" + id, changed.encode());
    assertEquals(200, reply.status(), reply.body());
    assertEquals(2, reply.json().getInteger("version"));
    Instant effective = OffsetDateTime.parse(node.get("/api/v1/plans/" + id).json().getJsonArray("versions")
        .getJsonObject(1).getString("effectiveFrom")).toInstant();
    assertTrue(!effective.isBefore(now) && effective.isBefore(Instant.now().plusSeconds(1)), effective::toString);
  }

  @Test
  void aChangeGovernsOnlyLaterWindowsAndRetiringEndsThePlan() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    long id = node.post("/api/v1/plans", admin, plan(now).encode()).json().getLong("id");
    JsonObject changed = plan(now).put("requirement", new JsonObject().put("minVisits", 3))
        .put("effectiveFrom", now.plus(Duration.ofHours(1)).toString());
    TestNode.Reply reply = put("/api/v1/plans/" + id, changed.encode());
    assertEquals(200, reply.status(), reply.body());
    assertEquals(2, reply.json().getInteger("version"));
    // The window running now started under version 1 and keeps it.
    JsonObject coverage = node.get("/api/v1/plans/" + id + "/coverage").json();
    assertEquals(1, coverage.getInteger("version"));
    assertEquals(1, coverage.getJsonArray("cells").getJsonObject(0).getInteger("visitsNeeded"));

    assertEquals(204, node.delete("/api/v1/plans/" + id, admin).status());
    assertEquals(404, node.delete("/api/v1/plans/" + id, admin).status());
    TestNode.Reply afterRetirement = put("/api/v1/plans/" + id, changed.encode());
    assertEquals(409, afterRetirement.status(), afterRetirement.body());
    assertEquals("retired", afterRetirement.json().getJsonObject("error").getString("rule"));
    boolean listed = node.get("/api/v1/plans").json().getJsonArray("plans").stream()
        .anyMatch(p -> ((JsonObject) p).getLong("id") == id);
    assertTrue(!listed, "a retired plan is not listed by default");
    assertTrue(node.get("/api/v1/plans?retired=true").json().getJsonArray("plans").stream()
        .anyMatch(p -> ((JsonObject) p).getLong("id") == id));
  }

  @Test
  void theDemoCityComesWithItsPlans() {
    JsonArray plans = node.get("/api/v1/plans").json().getJsonArray("plans");
    JsonObject night = plans.stream().map(JsonObject.class::cast)
        .filter(p -> p.getString("name").equals("东华门街道夜间巡查")).findFirst().orElseThrow();
    assertEquals(100, night.getInteger("cells"), "a street of the demo city has 100 cells");
    JsonObject holiday = plans.stream().map(JsonObject.class::cast)
        .filter(p -> p.getString("name").equals("东城区长假巡查")).findFirst().orElseThrow();
    assertEquals(1600, holiday.getInteger("cells"));
    // Loaded now, so the next night window (22:00 to 06:00) is the plan's first.
    LocalDateTime local = LocalDateTime.now(SHANGHAI);
    String night0 = (local.getHour() >= 22 ? local.toLocalDate().plusDays(1) : local.toLocalDate()).toString();
    JsonObject coverage = node.get("/api/v1/plans/" + night.getLong("id") + "/coverage?window=night@" + night0)
        .json();
    assertEquals(night0 + "T22:00+08:00", coverage.getString("start"), coverage.encode());
    assertEquals("pending", coverage.getJsonArray("cells").getJsonObject(0).getString("status"));
  }

  @Test
  void aDaysPlansAreThoseWithAWindowThatDayEachWithItsTimes() {
    Instant now = Instant.now();
    JsonObject window = new JsonObject().put("key", "night").put("start", "22:00").put("end", "06:00");
    long daily = node.post("/api/v1/plans", admin, plan(now).put("name", "每日夜巡").put("windows",
        new JsonArray().add(window)).put("effectiveFrom", "2026-09-01T00:00:00+08:00").encode()).json().getLong("id");
    JsonObject holidays = new JsonObject().put("key", "holiday").put("start", "08:00").put("end", "20:00")
        .put("days", new JsonObject().put("dayTypes", new JsonArray().add("HOLIDAY")));
    long holiday = node.post("/api/v1/plans", admin, plan(now).put("name", "节假日巡查").put("windows",
        new JsonArray().add(holidays)).put("effectiveFrom", "2026-09-01T00:00:00+08:00").encode()).json().getLong("id");

    // Friday 2026-12-04 is an ordinary working day: the night patrol, not the holiday patrol.
    Map<Long, JsonObject> friday = plansOn("2026-12-04");
    assertTrue(!friday.containsKey(holiday), "a holiday-only plan has no window on a working day");
    assertEquals(new JsonArray().add(new JsonObject().put("window", "night@2026-12-04").put("key", "night")
        .put("start", "2026-12-04T22:00+08:00").put("end", "2026-12-05T06:00+08:00")),
        friday.get(daily).getJsonArray("windows"), "the window starting that day, in the city's time");
    assertEquals("每日夜巡", friday.get(daily).getString("name"));

    // National Day: both, each with its own window of the day.
    Map<Long, JsonObject> nationalDay = plansOn("2026-10-02");
    assertEquals("2026-10-02T08:00+08:00", nationalDay.get(holiday).getJsonArray("windows").getJsonObject(0)
        .getString("start"));
    assertEquals("2026-10-02T20:00+08:00", nationalDay.get(holiday).getJsonArray("windows").getJsonObject(0)
        .getString("end"));
    assertEquals("night@2026-10-02", nationalDay.get(daily).getJsonArray("windows").getJsonObject(0)
        .getString("window"));
    assertTrue(!plansOn("2026-08-31").containsKey(daily), "no window before the plan takes effect");
    assertTrue(node.get("/api/v1/plans").json().getJsonArray("plans").stream()
        .noneMatch(p -> ((JsonObject) p).containsKey("windows")), "without windowsOn the list is as it was");

    TestNode.Reply notADate = node.get("/api/v1/plans?windowsOn=friday");
    assertEquals(400, notADate.status());
    assertEquals("windowsOn", notADate.json().getJsonObject("error").getString("field"));
    TestNode.Reply uncovered = node.get("/api/v1/plans?windowsOn=2031-01-01");
    assertEquals(409, uncovered.status(), "the calendar has no 2031: the holiday plan's days cannot be known");
    assertEquals("year_not_covered", uncovered.json().getJsonObject("error").getString("rule"));
  }

  /** The plans listed with windowsOn=day, by id. */
  static Map<Long, JsonObject> plansOn(String day) {
    TestNode.Reply reply = node.get("/api/v1/plans?windowsOn=" + day);
    assertEquals(200, reply.status(), reply.body());
    return reply.json().getJsonArray("plans").stream().map(JsonObject.class::cast)
        .collect(Collectors.toMap(p -> p.getLong("id"), p -> p));
  }

  @Test
  void aChangeCannotRewriteThePast() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    long id = node.post("/api/v1/plans", admin, plan(now).encode()).json().getLong("id");
    TestNode.Reply backdated = put("/api/v1/plans/" + id, plan(now).put("effectiveFrom",
        now.minus(Duration.ofHours(2)).toString()).encode());
    assertEquals(400, backdated.status(), backdated.body());
    assertEquals("effectiveFrom", backdated.json().getJsonObject("error").getString("field"));
  }

  @Test
  void aPreviewPlacesAnUnsavedPlansWindowsOverTheHolidayCalendar() {
    int plansBefore = node.get("/api/v1/plans").json().getJsonArray("plans").size();
    JsonObject plan = plan(Instant.now()).put("windows", new JsonArray()
        .add(new JsonObject().put("key", "holiday").put("start", "08:00").put("end", "20:00")
            .put("days", new JsonObject().put("holidayPeriods", new JsonArray().add("national_day"))))
        .add(new JsonObject().put("key", "makeup").put("start", "09:00").put("end", "17:00")
            .put("days", new JsonObject().put("dayTypes", new JsonArray().add("MAKEUP_WORKING_DAY")))))
        .put("effectiveFrom", "2026-09-01T00:00:00+08:00");
    TestNode.Reply reply = node.post("/api/v1/plans/preview?from=2026-09-28T00:00:00%2B08:00&days=14", admin,
        plan.encode());
    assertEquals(200, reply.status(), reply.body());
    JsonArray windows = reply.json().getJsonArray("windows");
    // National Day is October 1 to 7; October 10 is the Saturday worked to make up for it.
    assertEquals(8, windows.size(), windows.encode());
    JsonObject first = windows.getJsonObject(0);
    assertEquals("holiday@2026-10-01", first.getString("window"));
    assertEquals("2026-10-01T08:00+08:00", first.getString("start"));
    assertEquals("2026-10-01T20:00+08:00", first.getString("end"));
    assertEquals("holiday", first.getString("dayType"));
    assertEquals("national_day", first.getString("period"));
    JsonObject last = windows.getJsonObject(7);
    assertEquals("makeup@2026-10-10", last.getString("window"));
    assertEquals("makeup_working_day", last.getString("dayType"));
    assertEquals(plansBefore, node.get("/api/v1/plans").json().getJsonArray("plans").size(), "nothing is saved");

    TestNode.Reply bad = node.post("/api/v1/plans/preview", admin, plan.copy().put("windows", new JsonArray()
        .add(new JsonObject().put("key", "w").put("start", "25:00").put("end", "06:00"))).encode());
    assertEquals(400, bad.status());
    assertEquals("windows[0].start", bad.json().getJsonObject("error").getString("field"), "checked as a save is");
    assertEquals("days", node.post("/api/v1/plans/preview?days=0", admin, plan.encode()).json()
        .getJsonObject("error").getString("field"));
    TestNode.Reply uncovered = node.post("/api/v1/plans/preview?from=2031-01-01T00:00:00%2B08:00", admin,
        plan.encode());
    assertEquals(409, uncovered.status(), "a year the holiday calendar has no data for is never guessed");
    assertEquals("year_not_covered", uncovered.json().getJsonObject("error").getString("rule"));
  }

  @Test
  void badPlansAreRefusedNamingTheField() {
    Instant now = Instant.now();
    String[][] cases = {
        {plan(now).put("windows", new JsonArray()).encode(), "windows", "required"},
        {plan(now).put("windows", new JsonArray().add(new JsonObject().put("key", "w").put("start", "25:00")
            .put("end", "06:00"))).encode(), "windows[0].start", "time"},
        {plan(now).put("cells", new JsonObject().put("codes", new JsonArray().add("110101999999999"))).encode(),
            "cells.codes", "not_found"},
        {plan(now).put("team", "T999").encode(), "team", "not_found"},
        {plan(now).put("officers", new JsonArray().add("P0001").add("NOBODY")).encode(), "officers", "not_found"},
        {plan(now).put("requirement", new JsonObject()).encode(), "requirement", "required"},
        {plan(now).put("timeZone", "Mars/Olympus").encode(), "timeZone", "time_zone"},
        {plan(now).put("windows", new JsonArray().add(new JsonObject().put("key", "w").put("start", "22:00")
            .put("end", "06:00").put("days", new JsonObject().put("weekdays", new JsonArray().add("Caturday")))))
            .encode(), "windows[0].days.weekdays[0]", "value"},
        {plan(now).put("windows", new JsonArray().add(new JsonObject().put("key", "w").put("start", "00:00")
            .put("end", "00:00").put("days", new JsonObject().put("holidayPeriods", new JsonArray().add("natinal_day")))))
            .encode(), "windows[0].days.holidayPeriods", "unknown_period"},
        {"{not json", "body", "json"},
    };
    for (String[] c : cases) {
      TestNode.Reply reply = node.post("/api/v1/plans", admin, c[0]);
      assertEquals(400, reply.status(), c[0]);
      assertEquals(c[1], reply.json().getJsonObject("error").getString("field"), reply.body());
      assertEquals(c[2], reply.json().getJsonObject("error").getString("rule"), reply.body());
    }
    assertEquals(401, node.post("/api/v1/plans", null, plan(now).encode()).status());
    assertEquals(400, node.get("/api/v1/plans/abc").status());
    assertEquals(404, node.get("/api/v1/plans/999999").status());
    assertEquals(400, node.get("/api/v1/plans/1/coverage?window=oops").status());
  }
}
