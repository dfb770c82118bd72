package org.gridpatrol.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may do what, on a real node: every endpoint against every role (and nobody), areas that hide what lies
 * outside them, logins that lock after wrong passwords and sessions that end, the browser cookie and headers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessTest {
  static final String PASSWORD = "patrol-night-2026";
  /** Street 001 of the demo district holds community 001 (officer P0001); street 002 is elsewhere. */
  static final String CELL_OF_P0001 = "110101001001001";
  static final String CELL_IN_STREET_002 = "110101002001001";

  @TempDir
  static Path dataDir;
  @TempDir
  static Path noPlans;

  private MutableClock clock;
  private TestNode node;
  private final Map<String, String> tokens = new LinkedHashMap<>();
  private final Map<String, String> passwords = new LinkedHashMap<>();
  private long caseInStreet001;
  private long caseInStreet002;
  private long plan;

  @BeforeAll
  void startNodeWithOnePersonPerRole() {
    clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    node = TestNode.start("access", dataDir, Map.of("demo.plans_dir", noPlans.toString()), clock);
    String admin = node.adminToken();
    // The demo city's accounts serve for the officer, the team lead, the handler and the administrator.
    for (String demo : List.of("p0001", "lead-001", "handler-hwj", "admin")) {
      passwords.put(demo, node.demoPassword(demo));
    }
    create(admin, new JsonObject().put("username", "operator-001").put("displayName", "张敏").put("role", "operator")
        .put("areas", new JsonArray().add("110101001")));
    create(admin, new JsonObject().put("username", "planner-001").put("displayName", "刘洋").put("role", "planner")
        .put("areas", new JsonArray().add("110101001")));
    for (String role : List.of("officer", "team_lead", "operator", "planner", "handler", "admin")) {
      tokens.put(role, relogin(role));
    }
    caseInStreet001 = report(admin, CELL_OF_P0001);
    caseInStreet002 = report(admin, CELL_IN_STREET_002);
    TestNode.Reply created = node.post("/api/v1/plans", admin, nightPlan(CELL_OF_P0001).encode());
    assertEquals(201, created.status(), created.body());
    plan = created.json().getLong("id");
  }

  @AfterAll
  void stop() {
    node.close();
  }

  /** One request per endpoint, and the roles that may make it; everyone else gets 403, nobody 401. */
  record Endpoint(String method, String path, String body, Set<String> allowed) {}

  private List<Endpoint> endpoints() {
    Set<String> everyone = Set.of("officer", "team_lead", "operator", "planner", "handler", "admin");
    String kase = "/api/v1/cases/" + caseInStreet001;
    List<Endpoint> list = new ArrayList<>();
    for (String path : List.of("/api/v1/cells", "/api/v1/cells/" + CELL_OF_P0001, "/api/v1/officers/P0001",
        "/api/v1/officers", "/api/v1/teams", "/api/v1/teams/T110101001", "/api/v1/departments",
        "/api/v1/departments/HWJ", "/api/v1/departments.csv",
        "/api/v1/officers/P0001/track", "/api/v1/alerts", "/api/v1/plans", "/api/v1/plans/" + plan,
        "/api/v1/plans/" + plan + "/coverage", "/api/v1/cases", kase, kase + "/photos/1", "/api/v1/categories",
        "/api/v1/escalation-policies", "/api/v1/calendar?year=2026", "/api/v1/me",
        "/api/v1/cells/" + CELL_OF_P0001 + "/coverage", "/api/v1/map/config", "/api/v1/map/cells",
        "/api/v1/map/officers?bbox=116.39,39.90,116.45,39.95", "/api/v1/map/cases", "/api/v1/live")) {
      list.add(new Endpoint("GET", path, null, everyone));
    }
    list.add(new Endpoint("POST", "/api/v1/logout", null, everyone));
    list.add(new Endpoint("POST", "/api/v1/checkins", "{}", Set.of("officer")));
    list.add(new Endpoint("PUT", "/api/v1/me/password", "{}", everyone));
    list.add(new Endpoint("GET", "/api/v1/reports/evaluation", null, Set.of("team_lead", "operator", "planner", "admin")));
    list.add(new Endpoint("GET", "/api/v1/notifications", null, Set.of("operator", "admin")));
    list.add(new Endpoint("POST", "/api/v1/notifications/999999/replay", null, Set.of("admin")));
    list.add(new Endpoint("POST", "/api/v1/plans", "{}", Set.of("planner", "admin")));
    list.add(new Endpoint("PUT", "/api/v1/plans/" + plan, "{}", Set.of("planner", "admin")));
    list.add(new Endpoint("DELETE", "/api/v1/plans/999999", null, Set.of("planner", "admin")));
    list.add(new Endpoint("POST", "/api/v1/plans/preview", "{}", Set.of("planner", "admin")));
    list.add(new Endpoint("POST", "/api/v1/cases", "{}", Set.of("officer", "team_lead", "operator", "admin")));
    list.add(new Endpoint("POST", kase + "/transitions", "{\"action\":\"suspend\"}", Set.of("operator", "admin")));
    list.add(new Endpoint("POST", kase + "/transitions", "{\"action\":\"start\"}", Set.of("handler", "admin")));
    list.add(new Endpoint("POST", kase + "/assign", "{}", Set.of("team_lead", "operator", "admin")));
    list.add(new Endpoint("POST", kase + "/acknowledge", "[]", Set.of("team_lead", "operator", "handler", "admin")));
    list.add(new Endpoint("POST", kase + "/comments", "{}", Set.of("officer", "team_lead", "operator", "handler", "admin")));
    list.add(new Endpoint("POST", kase + "/photos", "", Set.of("officer", "team_lead", "operator", "handler", "admin")));
    list.add(new Endpoint("PUT", "/api/v1/categories/E0101", "{}", Set.of("admin")));
    list.add(new Endpoint("PUT", "/api/v1/escalation-policies/standard", "{}", Set.of("admin")));
    list.add(new Endpoint("PUT", "/api/v1/departments/NEW", "{}", Set.of("admin")));
    list.add(new Endpoint("POST", "/api/v1/departments/import?dryRun=true", "code,zh,en\n", Set.of("admin")));
    list.add(new Endpoint("POST", "/api/v1/admin/grid", "", Set.of("admin")));
    list.add(new Endpoint("GET", "/api/v1/devices", null, Set.of("admin")));
    list.add(new Endpoint("POST", "/api/v1/devices", "{}", Set.of("admin")));
    list.add(new Endpoint("GET", "/api/v1/devices/100001", null, Set.of("admin")));
    list.add(new Endpoint("PUT", "/api/v1/devices/no-such-device", "{}", Set.of("admin")));
    list.add(new Endpoint("DELETE", "/api/v1/devices/no-such-device", null, Set.of("admin")));
    list.add(new Endpoint("POST", "/api/v1/devices/no-such-device/key", null, Set.of("admin")));
    list.add(new Endpoint("POST", "/api/v1/devices/no-such-device/token", null, Set.of("admin")));
    list.add(new Endpoint("GET", "/api/v1/devices/100001/qr.svg", null, Set.of("admin")));
    list.add(new Endpoint("POST", "/api/v1/teams", "{}", Set.of("admin")));
    list.add(new Endpoint("PUT", "/api/v1/teams/no-such-team", "{}", Set.of("admin")));
    list.add(new Endpoint("DELETE", "/api/v1/teams/no-such-team", null, Set.of("admin")));
    list.add(new Endpoint("POST", "/api/v1/officers", "{}", Set.of("admin")));
    list.add(new Endpoint("PUT", "/api/v1/officers/no-such-officer", "{}", Set.of("admin")));
    list.add(new Endpoint("DELETE", "/api/v1/officers/no-such-officer", null, Set.of("admin")));
    list.add(new Endpoint("GET", "/api/v1/officers/P0001/history", null, Set.of("admin")));
    list.add(new Endpoint("POST", "/api/v1/roster?dryRun=true", "officer_code,officer_name\n", Set.of("admin")));
    list.add(new Endpoint("GET", "/api/v1/roster.csv", null, Set.of("admin")));
    list.add(new Endpoint("GET", "/api/v1/users", null, Set.of("admin")));
    list.add(new Endpoint("POST", "/api/v1/users", "{}", Set.of("admin")));
    list.add(new Endpoint("GET", "/api/v1/users/p0001", null, Set.of("admin")));
    list.add(new Endpoint("PUT", "/api/v1/users/nobody", "{}", Set.of("admin")));
    list.add(new Endpoint("DELETE", "/api/v1/users/nobody", null, Set.of("admin")));
    list.add(new Endpoint("DELETE", "/api/v1/users/nobody/sessions", null, Set.of("admin")));
    list.add(new Endpoint("GET", "/metrics", null, Set.of("admin")));
    return list;
  }

  @Test
  void everyEndpointTimesEveryRole() {
    List<String> wrong = new ArrayList<>();
    for (Endpoint endpoint : endpoints()) {
      if (endpoint.path().equals("/api/v1/logout")) {
        continue; // would end the session the rest of the matrix uses; logout has a test of its own
      }
      int anonymous = call(endpoint, null).status();
      if (anonymous != 401) {
        wrong.add(endpoint.method() + " " + endpoint.path() + " without credentials: " + anonymous);
      }
      tokens.forEach((role, token) -> {
        int status = call(endpoint, token).status();
        boolean let = status != 401 && status != 403;
        if (let != endpoint.allowed().contains(role)) {
          wrong.add(endpoint.method() + " " + endpoint.path() + " as " + role + ": " + status);
        }
      });
    }
    assertTrue(wrong.isEmpty(), "unexpected answers:\n" + String.join("\n", wrong));
  }

  @Test
  void prometheusScrapesWithATokenThatMayDoNothingElse() throws Exception {
    String scrape = java.nio.file.Files.readString(dataDir.resolve("metrics-token")).trim();
    TestNode.Reply metrics = node.get("/metrics", scrape);
    assertEquals(200, metrics.status());
    assertTrue(metrics.body().contains("gridpatrol_calendar_covered_ahead_seconds"), "in base units");
    assertEquals(401, node.get("/api/v1/cells", scrape).status(), "a scrape token is no API credential");
    assertEquals(401, node.get("/metrics", "wrong-" + scrape).status());
  }

  @Test
  void healthChecksAndLoginNeedNoCredentials() {
    assertEquals(200, node.anonymous("/health").status());
    assertEquals(200, node.anonymous("/ready").status());
    assertEquals(401, node.post("/api/v1/login", null, "{\"username\":\"nobody-here\",\"password\":\"wrong-password\"}")
        .status());
  }

  @Test
  void areasHideWhatLiesOutside() {
    String operator = tokens.get("operator");
    assertEquals(200, node.get("/api/v1/cases/" + caseInStreet001, operator).status());
    assertEquals(404, node.get("/api/v1/cases/" + caseInStreet002, operator).status(), "another street's case");
    JsonArray listed = node.get("/api/v1/cases", operator).json().getJsonArray("cases");
    assertTrue(listed.stream().map(c -> ((JsonObject) c).getLong("id")).noneMatch(id -> id == caseInStreet002));
    assertTrue(listed.stream().map(c -> ((JsonObject) c).getLong("id")).anyMatch(id -> id == caseInStreet001));
    assertEquals(404, node.post("/api/v1/cases/" + caseInStreet002 + "/comments", operator,
        "{\"text\":\"not mine\"}").status(), "nor can they act on it");
    assertEquals(404, node.get("/api/v1/cells/" + CELL_IN_STREET_002, operator).status());
    List<Long> notified = node.get("/api/v1/notifications?limit=1000", operator).json().getJsonArray("notifications")
        .stream().map(n -> ((JsonObject) n).getLong("case")).toList();
    assertTrue(notified.contains(caseInStreet001), "the notifications of the operator's street");
    assertFalse(notified.contains(caseInStreet002), "but none about another street's case");
    JsonArray cells = node.get("/api/v1/cells?limit=1000", operator).json().getJsonArray("cells");
    assertEquals(100, cells.size(), "a street of the demo city is 10 x 10 cells");
    assertTrue(cells.stream().allMatch(c -> ((JsonObject) c).getString("code").startsWith("110101001")));
    TestNode.Reply outside = node.post("/api/v1/cases", operator,
        new JsonObject().put("category", "E0101").put("cell", CELL_IN_STREET_002).put("description", "x")
            .put("source", "hotline").encode());
    assertEquals(400, outside.status());
    assertEquals("outside_areas", outside.json().getJsonObject("error").getString("rule"));

    String officer = tokens.get("officer");
    assertEquals(200, node.get("/api/v1/officers/P0001", officer).status());
    assertEquals(404, node.get("/api/v1/officers/P0002", officer).status(), "another community's officer");

    // A street's team lead sees the officers and the team of their street only; the city-wide admin sees all.
    String lead = tokens.get("team_lead");
    JsonObject leadsOfficers = node.get("/api/v1/officers?limit=500", lead).json();
    assertTrue(leadsOfficers.getLong("total") > 0);
    assertEquals(leadsOfficers.getLong("total"), leadsOfficers.getJsonArray("officers").size());
    assertTrue(leadsOfficers.getJsonArray("officers").stream()
        .allMatch(o -> ((JsonObject) o).getJsonArray("areas").getString(0).startsWith("110101001")));
    assertTrue(node.get("/api/v1/officers?limit=500", node.adminToken()).json().getLong("total")
        > leadsOfficers.getLong("total"));
    assertEquals(0, node.get("/api/v1/officers?area=110101002", lead).json().getLong("total"),
        "asking for another street gives nothing");
    assertEquals(404, node.get("/api/v1/officers/P0020", lead).status(), "an officer of another street");
    JsonArray leadsTeams = node.get("/api/v1/teams", lead).json().getJsonArray("teams");
    assertEquals(List.of("T110101001"), leadsTeams.stream().map(t -> ((JsonObject) t).getString("code")).toList());
    assertEquals(404, node.get("/api/v1/teams/T110101002", lead).status());

    String planner = tokens.get("planner");
    TestNode.Reply plan = node.post("/api/v1/plans", planner, nightPlan(CELL_IN_STREET_002).encode());
    assertEquals(400, plan.status(), plan.body());
    assertEquals("outside_areas", plan.json().getJsonObject("error").getString("rule"));
    assertEquals(201, node.post("/api/v1/plans", planner, nightPlan("110101001001002").encode()).status());
  }

  @Test
  void checkInsComeFromHandheldsAndOfficersLoggedIn() {
    String checkin = new JsonObject().put("checkins", new JsonArray().add(new JsonObject().put("id", "s1")
        .put("time", clock.instant().toString()).put("lat", 39.9405).put("lon", 116.3955))).encode();
    TestNode.Reply fromPage = node.post("/api/v1/checkins", tokens.get("officer"), checkin);
    assertEquals(200, fromPage.status(), fromPage.body());
    assertEquals(1, fromPage.json().getInteger("accepted") + fromPage.json().getInteger("duplicates"));
    assertEquals("web-P0001", node.get("/api/v1/officers/P0001").json().getJsonObject("position").getString("device"),
        "the officer's login checks in as the officer's web handheld");
    assertEquals(403, node.post("/api/v1/checkins", tokens.get("operator"), checkin).status());
    assertEquals(403, node.post("/api/v1/checkins", node.adminToken(), checkin).status());
    assertEquals(401, node.post("/api/v1/checkins", null, checkin).status());
  }

  @Test
  void handlersSeeTheirDepartmentsCasesOnly() {
    String handler = tokens.get("handler");
    TestNode.Reply other = node.post("/api/v1/cases", node.adminToken(), new JsonObject().put("category", "C0101")
        .put("cell", CELL_OF_P0001).put("description", "井盖破损").put("actor", "hotline-1").encode());
    assertEquals(201, other.status(), other.body());
    assertEquals("SWJ", other.json().getString("department"));
    assertEquals(404, node.get("/api/v1/cases/" + other.json().getLong("id"), handler).status());
    assertEquals(200, node.get("/api/v1/cases/" + caseInStreet001, handler).status(), "an HWJ case");
  }

  @Test
  void thePersonActingIsTheOneLoggedIn() {
    long id = report(node.adminToken(), CELL_OF_P0001);
    TestNode.Reply registered = node.post("/api/v1/cases/" + id + "/transitions", tokens.get("operator"),
        "{\"action\":\"register\",\"actor\":\"somebody-else\"}");
    assertEquals(200, registered.status(), registered.body());
    JsonArray history = node.get("/api/v1/cases/" + id).json().getJsonArray("history");
    assertEquals("operator-001", history.getJsonObject(history.size() - 1).getString("actor"));
  }

  @Test
  void wrongPasswordsLockTheAccountForAWhile() {
    create(node.adminToken(), new JsonObject().put("username", "guessed").put("displayName", "被猜").put("role",
        "operator"));
    for (int i = 0; i < 4; i++) {
      assertEquals(401, login("guessed", "not-the-password").status());
    }
    TestNode.Reply locked = login("guessed", "not-the-password");
    assertEquals(429, locked.status(), locked.body());
    assertEquals("30", locked.response().headers().firstValue("Retry-After").orElseThrow());
    assertEquals(429, login("guessed", PASSWORD).status(), "not even the right password while locked");
    clock.advance(Duration.ofSeconds(31));
    assertEquals(200, login("guessed", PASSWORD).status());
    assertEquals(401, login("guessed", "not-the-password").status(), "the count started again");
    TestNode.Reply unknown = login("nobody-at-all", PASSWORD);
    assertEquals(401, unknown.status());
    assertEquals(login("guessed", "not-the-password").json().getJsonObject("error").getString("message"),
        unknown.json().getJsonObject("error").getString("message"), "an unknown name reads like a wrong password");
  }

  @Test
  void anUnknownNameLocksLikeAnAccountSoTheLockOutTellsNoNames() {
    for (int i = 0; i < 4; i++) {
      assertEquals(401, login("no-such-person", "not-the-password").status());
    }
    TestNode.Reply locked = login("no-such-person", "not-the-password");
    assertEquals(429, locked.status(), "as an account would be: " + locked.body());
    assertEquals("30", locked.response().headers().firstValue("Retry-After").orElseThrow());
    assertEquals("locked", locked.json().getJsonObject("error").getString("rule"));
  }

  @Test
  void aNewPasswordFromAnAdministratorUnlocksTheAccount() {
    create(node.adminToken(), new JsonObject().put("username", "forgetful").put("displayName", "健忘")
        .put("role", "operator"));
    for (int i = 0; i < 5; i++) {
      login("forgetful", "not-the-password");
    }
    assertEquals(429, login("forgetful", PASSWORD).status(), "locked");
    String fresh = "a-fresh-start-2026";
    TestNode.Reply reset = node.put("/api/v1/users/forgetful", node.adminToken(), new JsonObject()
        .put("displayName", "健忘").put("role", "operator").put("password", fresh).encode());
    assertEquals(200, reset.status(), reset.body());
    assertEquals(200, login("forgetful", fresh).status(), "the new password opens the account at once");
  }

  @Test
  void changingOnesPasswordEndsOnesOtherSessions() {
    create(node.adminToken(), new JsonObject().put("username", "careful").put("displayName", "谨慎")
        .put("role", "operator"));
    String here = node.login("careful", PASSWORD);
    String elsewhere = node.login("careful", PASSWORD);
    assertEquals(204, node.put("/api/v1/me/password", here, new JsonObject().put("current", PASSWORD)
        .put("password", "a-better-secret-2026").encode()).status());
    assertEquals(200, node.get("/api/v1/me", here).status(), "the session that changed it goes on");
    assertEquals(401, node.get("/api/v1/me", elsewhere).status(), "every other session ended");
  }

  @Test
  void sessionsEndOnLogoutAndWhenTheAccountIsDisabled() {
    create(node.adminToken(), new JsonObject().put("username", "leaving").put("displayName", "离职")
        .put("role", "operator"));
    String first = node.login("leaving", PASSWORD);
    String second = node.login("leaving", PASSWORD);
    assertEquals("离职", node.get("/api/v1/me", first).json().getString("displayName"));
    assertEquals(204, node.post("/api/v1/logout", first, "").status());
    assertEquals(401, node.get("/api/v1/me", first).status(), "that session ended at once");
    assertEquals(200, node.get("/api/v1/me", second).status(), "the other one goes on");
    assertEquals(204, node.delete("/api/v1/users/leaving", node.adminToken()).status());
    assertEquals(401, node.get("/api/v1/me", second).status());
    assertEquals(401, login("leaving", PASSWORD).status());
    clock.advance(Duration.ofHours(13));
    String expired = tokens.get("admin");
    assertEquals(401, node.get("/api/v1/me", expired).status(), "sessions last auth.session_hours (12)");
    tokens.replaceAll((role, token) -> relogin(role));
  }

  @Test
  void theBrowserCookieIsGuarded() {
    TestNode.Reply login = login("p0001", passwords.get("p0001"));
    String cookie = login.response().headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith("gp_session=")).findFirst().orElseThrow();
    assertTrue(cookie.toLowerCase(Locale.ROOT).contains("httponly"), cookie);
    assertTrue(cookie.contains("SameSite=Strict"), cookie);
    assertTrue(cookie.contains("Secure"), cookie);
    String session = cookie.substring(0, cookie.indexOf(';'));
    Map<String, String> headers = Map.of("Cookie", session);
    assertEquals(200, node.send("GET", "/api/v1/me", headers, null).status());
    String comment = "{\"text\":\"seen on patrol\"}";
    String path = "/api/v1/cases/" + caseInStreet001 + "/comments";
    Map<String, String> json = Map.of("Cookie", session, "Content-Type", "application/json");
    assertEquals(401, node.send("POST", path, json, comment).status(), "no Origin: another site could have sent it");
    Map<String, String> foreign = new LinkedHashMap<>(json);
    foreign.put("Origin", "https://evil.example");
    assertEquals(401, node.send("POST", path, foreign, comment).status());
    Map<String, String> own = new LinkedHashMap<>(json);
    own.put("Origin", "http://127.0.0.1:" + node.httpPort);
    assertEquals(201, node.send("POST", path, own, comment).status());

    TestNode.Reply any = node.anonymous("/health");
    String csp = any.response().headers().firstValue("Content-Security-Policy").orElseThrow();
    assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), csp);
    assertEquals("nosniff", any.response().headers().firstValue("X-Content-Type-Options").orElseThrow());
  }

  @Test
  void accountsAreCheckedAndPasswordsKeptHashed() {
    String admin = node.adminToken();
    TestNode.Reply weak = node.post("/api/v1/users", admin, new JsonObject().put("username", "weak")
        .put("displayName", "弱").put("role", "operator").put("password", "123").encode());
    assertEquals("password", weak.json().getJsonObject("error").getString("field"));
    TestNode.Reply taken = node.post("/api/v1/users", admin, new JsonObject().put("username", "second-p0001")
        .put("displayName", "重").put("role", "officer").put("officer", "P0001").put("password", PASSWORD).encode());
    assertEquals(409, taken.status(), "an officer has one account");
    assertEquals("officer", taken.json().getJsonObject("error").getString("field"));
    TestNode.Reply noOfficer = node.post("/api/v1/users", admin, new JsonObject().put("username", "ghost")
        .put("displayName", "无").put("role", "officer").put("officer", "P9999").put("password", PASSWORD).encode());
    assertEquals(400, noOfficer.status());
    assertEquals("officer", noOfficer.json().getJsonObject("error").getString("field"));
    TestNode.Reply badArea = node.post("/api/v1/users", admin, new JsonObject().put("username", "lost")
        .put("displayName", "无").put("role", "operator").put("areas", new JsonArray().add("1101"))
        .put("password", PASSWORD).encode());
    assertEquals("areas", badArea.json().getJsonObject("error").getString("field"));
    assertEquals(409, node.post("/api/v1/users", admin, new JsonObject().put("username", "operator-001")
        .put("displayName", "重").put("role", "operator").put("password", PASSWORD).encode()).status());
    JsonObject user = node.get("/api/v1/users/p0001").json();
    assertEquals(List.of("110101001001"), user.getJsonArray("areas").getList(), "an officer's own community");
    assertFalse(user.containsKey("passwordHash"));
    assertNotNull(node.get("/api/v1/users").json().getJsonArray("users"));

    String token = node.login("operator-001", PASSWORD);
    TestNode.Reply changed = node.put("/api/v1/me/password", token,
        new JsonObject().put("current", PASSWORD).put("password", "a-new-night-2027").encode());
    assertEquals(204, changed.status(), changed.body());
    assertEquals(401, login("operator-001", PASSWORD).status());
    assertNotEquals(null, node.login("operator-001", "a-new-night-2027"));
    node.put("/api/v1/me/password", token, new JsonObject().put("current", "a-new-night-2027")
        .put("password", PASSWORD).encode());
  }

  private String relogin(String role) {
    String username = switch (role) {
      case "officer" -> "p0001";
      case "team_lead" -> "lead-001";
      case "operator" -> "operator-001";
      case "planner" -> "planner-001";
      case "handler" -> "handler-hwj";
      default -> "admin";
    };
    return node.login(username, passwords.get(username));
  }

  private TestNode.Reply call(Endpoint endpoint, String token) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (token != null) {
      headers.put("Authorization", "Bearer " + token);
    }
    if (endpoint.body() != null) {
      headers.put("Content-Type", "application/json");
    }
    return node.send(endpoint.method(), endpoint.path(), headers, endpoint.body());
  }

  private TestNode.Reply login(String username, String password) {
    return node.post("/api/v1/login", null, new JsonObject().put("username", username).put("password", password)
        .encode());
  }

  private void create(String admin, JsonObject user) {
    TestNode.Reply created = node.post("/api/v1/users", admin, user.put("password", PASSWORD).encode());
    assertEquals(201, created.status(), created.body());
    passwords.put(user.getString("username"), PASSWORD);
  }

  private long report(String admin, String cell) {
    TestNode.Reply created = node.post("/api/v1/cases", admin, new JsonObject().put("category", "E0101")
        .put("cell", cell).put("description", "暴露垃圾").put("actor", "hotline-1").put("source", "hotline").encode());
    assertEquals(201, created.status(), created.body());
    return created.json().getLong("id");
  }

  private static JsonObject nightPlan(String cell) {
    return new JsonObject()
        .put("name", "night " + cell)
        .put("cells", new JsonObject().put("codes", new JsonArray().add(cell)))
        .put("windows", new JsonArray().add(new JsonObject().put("key", "night").put("start", "22:00")
            .put("end", "06:00")))
        .put("requirement", new JsonObject().put("minVisits", 1));
  }
}
