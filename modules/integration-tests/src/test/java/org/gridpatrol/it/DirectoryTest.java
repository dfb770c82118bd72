package org.gridpatrol.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The directory on a real node: teams, officers and devices created, listed, changed and retired through the
 * API; device keys on the OsmAnd port; history that stays with whom it was at the time.
 */
class DirectoryTest {
  @TempDir
  static Path dataDir;
  @TempDir
  static Path noPlans;
  static TestNode node;
  static String admin;

  @BeforeAll
  static void start() {
    node = TestNode.start("directory", dataDir, Map.of("demo.plans_dir", noPlans.toString()));
    admin = node.adminToken();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static JsonObject error(TestNode.Reply reply) {
    return reply.json().getJsonObject("error");
  }

  @Test
  void teamsAreCreatedListedChangedAndRetired() {
    TestNode.Reply created = node.post("/api/v1/teams", admin, new JsonObject().put("code", "T-NIGHT")
        .put("name", "夜间巡查队").put("area", "110101001").put("lead", "lead-001").encode());
    assertEquals(201, created.status(), created.body());
    assertEquals("lead-001", created.json().getString("lead"));
    assertEquals(409, node.post("/api/v1/teams", admin, new JsonObject().put("code", "T-NIGHT")
        .put("name", "x").put("area", "110101001").encode()).status());

    TestNode.Reply badArea = node.post("/api/v1/teams", admin, new JsonObject().put("code", "T-X")
        .put("name", "x").put("area", "12").encode());
    assertEquals(400, badArea.status());
    assertEquals("area", error(badArea).getString("field"));
    TestNode.Reply noCells = node.post("/api/v1/teams", admin, new JsonObject().put("code", "T-X")
        .put("name", "x").put("area", "440304001").encode());
    assertEquals("area", error(noCells).getString("field"), "an area without a cell of the grid");
    TestNode.Reply noLead = node.post("/api/v1/teams", admin, new JsonObject().put("code", "T-X")
        .put("name", "x").put("area", "110101001").put("lead", "nobody").encode());
    assertEquals("lead", error(noLead).getString("field"));
    assertEquals("name", error(node.post("/api/v1/teams", admin, new JsonObject().put("code", "T-X")
        .put("area", "110101001").encode())).getString("field"));

    JsonObject found = node.get("/api/v1/teams?q=夜间").json();
    assertEquals(1, found.getLong("total"));
    TestNode.Reply changed = node.put("/api/v1/teams/T-NIGHT", admin, new JsonObject().put("name", "夜巡队")
        .put("area", "110101002").encode());
    assertEquals(200, changed.status(), changed.body());
    assertNull(changed.json().getString("lead"), "a lead left out is none");
    assertEquals(204, node.delete("/api/v1/teams/T-NIGHT", admin).status());
    assertEquals(0, node.get("/api/v1/teams?q=T-NIGHT").json().getLong("total"), "retired teams are not listed");
    assertEquals(1, node.get("/api/v1/teams?q=T-NIGHT&status=retired").json().getLong("total"), "but kept");
    assertEquals(404, node.delete("/api/v1/teams/T-NIGHT", admin).status());
    assertEquals(404, node.put("/api/v1/teams/NO-SUCH", admin, new JsonObject().put("name", "x")
        .put("area", "110101001").encode()).status());
  }

  @Test
  void officersArePagedFilteredAndChanged() {
    JsonObject firstPage = node.get("/api/v1/officers?limit=10").json();
    assertEquals(64, firstPage.getLong("total"), "the demo city's officers");
    assertEquals(10, firstPage.getJsonArray("officers").size());
    JsonObject secondPage = node.get("/api/v1/officers?limit=10&offset=10").json();
    assertNotEquals(firstPage.getJsonArray("officers").getJsonObject(0).getString("code"),
        secondPage.getJsonArray("officers").getJsonObject(0).getString("code"));
    assertEquals(4, node.get("/api/v1/officers?team=T110101001").json().getLong("total"));
    assertEquals(4, node.get("/api/v1/officers?area=110101001").json().getLong("total"));
    assertEquals("limit", error(node.get("/api/v1/officers?limit=0")).getString("field"));
    assertEquals("status", error(node.get("/api/v1/officers?status=asleep")).getString("field"));
    assertEquals("area", error(node.get("/api/v1/officers?area=1")).getString("field"));

    TestNode.Reply created = node.post("/api/v1/officers", admin, new JsonObject().put("code", "P9001")
        .put("name", "赵磊").put("phone", "+86 138 0013 8000").put("team", "T110101001")
        .put("areas", new JsonArray().add("110101001002")).encode());
    assertEquals(201, created.status(), created.body());
    assertEquals("on_duty", created.json().getString("status"));
    for (var bad : Map.of("phone", new JsonObject().put("phone", "call me"),
        "team", new JsonObject().put("team", "NO-SUCH-TEAM"),
        "areas", new JsonObject().put("areas", new JsonArray().add("110101")),
        "status", new JsonObject().put("status", "asleep")).entrySet()) {
      JsonObject body = new JsonObject().put("name", "赵磊").put("areas", new JsonArray().add("110101001002"))
          .mergeIn(bad.getValue());
      TestNode.Reply refused = node.put("/api/v1/officers/P9001", admin, body.encode());
      assertEquals(400, refused.status(), bad.getKey() + ": " + refused.body());
      assertEquals(bad.getKey(), error(refused).getString("field"));
    }
    TestNode.Reply onLeave = node.put("/api/v1/officers/P9001", admin, new JsonObject().put("name", "赵磊")
        .put("team", "T110101002").put("areas", new JsonArray().add("110101002001")).put("status", "on_leave").encode());
    assertEquals(200, onLeave.status(), onLeave.body());
    assertEquals("T110101002", onLeave.json().getJsonObject("team").getString("code"));
    assertEquals(1, node.get("/api/v1/officers?status=on_leave").json().getLong("total"));
    assertEquals(204, node.delete("/api/v1/officers/P9001", admin).status());
    assertEquals("left", node.get("/api/v1/officers/P9001").json().getString("status"), "kept after leaving");
    assertEquals(0, node.get("/api/v1/officers?q=P9001").json().getLong("total"), "not listed by default");
    JsonArray history = node.get("/api/v1/officers/P9001/history", admin).json().getJsonArray("history");
    assertEquals(3, history.size(), "created, changed, left");
    assertEquals("left", history.getJsonObject(0).getJsonObject("officer").getString("status"));
    assertEquals("T110101001", history.getJsonObject(2).getJsonObject("officer").getString("team"));
  }

  @Test
  void theOsmAndPortTakesAFixOnlyWithTheDevicesKey() {
    TestNode.Reply enrolled = node.post("/api/v1/devices", admin, new JsonObject().put("uniqueId", "862000000000001")
        .put("officer", "P0021").encode());
    assertEquals(201, enrolled.status(), enrolled.body());
    String key = enrolled.json().getString("key");
    assertTrue(key.length() >= 20, key);
    assertEquals("http://127.0.0.1:" + node.osmandPort + "/k/" + key, enrolled.json().getString("serverUrl"));

    String fix = "id=862000000000001&lat=39.9405&lon=116.3955&timestamp=";
    long now = Instant.now().getEpochSecond();
    assertEquals(400, osmand("/?" + fix + (now - 50)).status(), "no key");
    assertEquals(400, osmand("/k/wrong-key?" + fix + (now - 49)).status(), "a wrong key");
    assertEquals(400, osmand("/?key=wrong&" + fix + (now - 48)).status(), "a wrong key parameter");
    assertEquals("never_seen", node.get("/api/v1/officers/P0021").json().getString("seen"), "nothing stored");
    assertEquals(200, osmand("/k/" + key + "?" + fix + (now - 40)).status());
    assertEquals(200, osmand("/?key=" + key + "&" + fix + (now - 39)).status());
    assertEquals("online", node.get("/api/v1/officers/P0021").json().getString("seen"));
    assertFalse(node.get("/api/v1/officers/P0021/track").body().contains(key), "the key is not kept with the fix");

    // A new key: the old one is refused from now on.
    TestNode.Reply rotated = node.post("/api/v1/devices/862000000000001/key", admin, "");
    String newKey = rotated.json().getString("key");
    assertNotEquals(key, newKey);
    assertEquals(400, osmand("/k/" + key + "?" + fix + (now - 30)).status(), "the old key is refused at once");
    assertEquals(200, osmand("/k/" + newKey + "?" + fix + (now - 29)).status());

    assertEquals(List.of("862000000000001"), node.get("/api/v1/devices?team=T110101006&q=862", admin).json()
        .getJsonArray("devices").stream().map(d -> ((JsonObject) d).getString("uniqueId")).toList(),
        "P0021's team's devices");
    assertEquals(0, node.get("/api/v1/devices?team=T110101001&q=862", admin).json().getLong("total"));

    // The QR codes hold the server URL with the key, and the id.
    TestNode.Reply qr = node.get("/api/v1/devices/862000000000001/qr.svg", admin);
    assertEquals(200, qr.status());
    assertTrue(qr.body().startsWith("<svg") && qr.body().contains("<path"), qr.body());
    assertEquals("of", error(node.get("/api/v1/devices/862000000000001/qr.svg?of=x", admin)).getString("field"));

    assertEquals(204, node.delete("/api/v1/devices/862000000000001", admin).status());
    assertEquals(400, osmand("/k/" + newKey + "?" + fix + (now - 20)).status(), "a retired device is refused");
  }

  @Test
  void webHandheldsNeverCheckInOnTheOsmAndPort() {
    // The officer's first login makes their web handheld.
    assertEquals(200, node.post("/api/v1/login", null, new JsonObject().put("username", "p0001")
        .put("password", node.demoPassword("p0001")).encode()).status());
    JsonObject web = node.get("/api/v1/devices/web-P0001", admin).json();
    assertEquals("web_handheld", web.getString("kind"));
    assertNull(web.getString("key"));
    long now = Instant.now().getEpochSecond();
    assertEquals(400, osmand("/?id=web-P0001&lat=39.9405&lon=116.3955&timestamp=" + now).status());
    assertEquals(400, osmand("/?key=&id=web-P0001&lat=39.9405&lon=116.3955&timestamp=" + now).status());
    assertEquals("made_at_login", error(node.post("/api/v1/devices", admin, new JsonObject()
        .put("uniqueId", "web-P0006").put("kind", "web_handheld").encode())).getString("rule"));
    assertEquals("reserved", error(node.post("/api/v1/devices", admin, new JsonObject()
        .put("uniqueId", "web-P0006").encode())).getString("rule"));
  }

  @Test
  void aDeviceMovedToAnotherOfficerLeavesItsPastWithTheFirst() {
    Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(300);
    String fix = "lat=39.9405&lon=116.3955&timestamp=";
    assertEquals(200, node.osmand(HttpRequest.newBuilder(node.osmandFix("100040", fix + start.getEpochSecond()))
        .GET()).status());
    TestNode.Reply moved = node.put("/api/v1/devices/100040", admin, new JsonObject().put("officer", "P0041").encode());
    assertEquals(200, moved.status(), moved.body());
    assertEquals("P0041", moved.json().getJsonObject("officer").getString("code"));
    assertEquals("officer", error(node.put("/api/v1/devices/100040", admin, new JsonObject()
        .put("officer", "NOBODY").encode())).getString("field"));

    // Until the device reports again, its last fix is still the first officer's, on the map too.
    assertEquals("100040", node.get("/api/v1/officers/P0040").json().getJsonObject("position").getString("device"));
    assertNull(node.get("/api/v1/officers/P0041").json().getJsonObject("position"));
    // The answer to the move came once this node had it: the next fix is the new officer's.
    assertEquals(200, node.osmand(HttpRequest.newBuilder(node.osmandFix("100040", "lat=39.9406&lon=116.3956&timestamp="
        + start.plusSeconds(60).getEpochSecond())).GET()).status());
    assertEquals("100040", node.get("/api/v1/officers/P0041").json().getJsonObject("position").getString("device"));
    assertNull(node.get("/api/v1/officers/P0040").json().getJsonObject("position"),
        "the device's newest fix is no longer the first officer's");
    JsonArray firstTrack = node.get("/api/v1/officers/P0040/track?from=" + start.minusSeconds(1)).json()
        .getJsonArray("points");
    JsonArray secondTrack = node.get("/api/v1/officers/P0041/track?from=" + start.minusSeconds(1)).json()
        .getJsonArray("points");
    assertEquals(1, firstTrack.size(), "the fix before the move stays the first officer's");
    assertEquals(39.9405, firstTrack.getJsonObject(0).getDouble("lat"), 1e-9);
    assertEquals(1, secondTrack.size());
    assertEquals(39.9406, secondTrack.getJsonObject(0).getDouble("lat"), 1e-9);
  }

  @Test
  void departmentsAreAddedChangedAndRetiredAsVersionsOfTheCasesConfiguration() {
    JsonObject listed = node.get("/api/v1/departments").json();
    long version = listed.getLong("version");
    int active = listed.getJsonArray("departments").size();
    assertTrue(active >= 10, "config/cases.yaml's departments");
    TestNode.Reply created = node.put("/api/v1/departments/RFJ", admin, new JsonObject().put("basedOn", version)
        .put("actor", "setup").put("zh", "人防办").put("en", "Civil Air Defence Office").encode());
    assertEquals(200, created.status(), created.body());
    long next = created.json().getLong("version");
    assertEquals("人防办", node.get("/api/v1/departments/RFJ").json().getString("zh"));
    assertEquals(409, node.put("/api/v1/departments/RFJ", admin, new JsonObject().put("basedOn", version)
        .put("actor", "setup").put("zh", "x").put("en", "x").encode()).status(), "changed meanwhile");
    assertEquals("en", error(node.put("/api/v1/departments/RFJ", admin, new JsonObject().put("basedOn", next)
        .put("actor", "setup").put("zh", "人防办").encode())).getString("field"));

    TestNode.Reply inUse = node.put("/api/v1/departments/HWJ", admin, new JsonObject().put("basedOn", next)
        .put("actor", "setup").put("zh", "环境卫生服务中心").put("en", "x").put("active", false).encode());
    assertEquals("in_use", error(inUse).getString("rule"), "categories are dispatched to it");
    TestNode.Reply retired = node.put("/api/v1/departments/RFJ", admin, new JsonObject().put("basedOn", next)
        .put("actor", "setup").put("zh", "人防办").put("en", "Civil Air Defence Office").put("active", false).encode());
    assertEquals(200, retired.status(), retired.body());
    assertEquals(active, node.get("/api/v1/departments").json().getJsonArray("departments").size(), "RFJ is out");
    assertTrue(node.get("/api/v1/departments?status=retired").json().getJsonArray("departments").stream()
        .anyMatch(d -> ((JsonObject) d).getString("code").equals("RFJ")), "but kept");
    TestNode.Reply handler = node.post("/api/v1/users", admin, new JsonObject().put("username", "handler-rfj")
        .put("displayName", "x").put("role", "handler").put("department", "RFJ").put("password", "patrol-night-2026")
        .encode());
    assertEquals("department", error(handler).getString("field"), "nobody works for a retired department");
  }

  @Test
  void aCategoryChangeNamesTheFieldThatIsWrong() {
    long version = node.get("/api/v1/categories").json().getLong("version");
    for (var bad : Map.of("handle", new JsonObject().put("handle", new JsonObject().put("fortnights", 2)),
        "register", new JsonObject().put("register", new JsonObject().put("working_hours", -1)),
        "department", new JsonObject().put("department", "NOWHERE"),
        "priority", new JsonObject().put("priority", "whenever")).entrySet()) {
      TestNode.Reply refused = node.put("/api/v1/categories/E0101", admin, bad.getValue().put("basedOn", version)
          .put("actor", "setup").encode());
      assertEquals(400, refused.status(), refused.body());
      assertEquals(bad.getKey(), error(refused).getString("field"), refused.body());
    }
    TestNode.Reply changed = node.put("/api/v1/categories/E0101", admin, new JsonObject().put("basedOn", version)
        .put("actor", "setup").put("handle", new JsonObject().put("working_hours", 6)).put("priority", "urgent")
        .encode());
    assertEquals(200, changed.status(), changed.body());
  }

  @Test
  void departmentsComeFromASpreadsheetCheckedFirstAndGoBackToOne() {
    java.nio.charset.Charset gb18030 = java.nio.charset.Charset.forName("GB18030");
    String header = "编码,中文名称,英文名称,在用\r\n";
    String bad = header + "WLJ,文旅局,Culture and Tourism Bureau,是\r\n" + "WLJ,重复,Twice,是\r\n"
        + "S Y,水务,Water,是\r\n" + "HWJ,环境卫生服务中心,Sanitation,否\r\n" + "GAJ,公安局,,是\r\n";
    JsonObject dryRun = node.postFile("/api/v1/departments/import?dryRun=true", admin, bad.getBytes(gb18030), "text/csv")
        .json();
    assertEquals("GB18030", dryRun.getString("encoding"));
    assertEquals(List.of("3A:duplicate", "4A:format", "6C:text", "5D:in_use"), dryRun.getJsonArray("problems").stream()
        .map(p -> (JsonObject) p).map(p -> p.getInteger("line") + p.getString("column") + ":" + p.getString("rule"))
        .toList());
    TestNode.Reply refused = node.postFile("/api/v1/departments/import", admin, bad.getBytes(gb18030), "text/csv");
    assertEquals(400, refused.status());
    assertEquals(404, node.get("/api/v1/departments/WLJ").status(), "nothing was changed");

    String good = header + "WLJ,文旅局,Culture and Tourism Bureau,是\r\n" + "JTW,交通委员会,Transport Commission,\r\n";
    JsonObject clean = node.postFile("/api/v1/departments/import?dryRun=true", admin, good.getBytes(gb18030), "text/csv")
        .json();
    assertEquals(new JsonObject().put("created", 1).put("changed", 1), clean.getJsonObject("departments"));
    TestNode.Reply imported = node.postFile("/api/v1/departments/import", admin, good.getBytes(gb18030), "text/csv");
    assertEquals(200, imported.status(), imported.body());
    assertEquals("文旅局", node.get("/api/v1/departments/WLJ").json().getString("zh"));

    TestNode.Reply export = node.get("/api/v1/departments.csv", admin);
    assertTrue(export.body().startsWith("\uFEFFcode,zh,en,active\r\n"), export.body());
    assertTrue(export.body().contains("WLJ,文旅局,Culture and Tourism Bureau,yes\r\n"), export.body());
    JsonObject again = node.postFile("/api/v1/departments/import?dryRun=true", admin,
        export.body().getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/csv").json();
    assertEquals(0, again.getJsonArray("problems").size(), again.encode());
    assertEquals(0, again.getJsonObject("departments").getInteger("created"), "the export reads back as it is");
  }

  @Test
  void theEvaluationByTeamKeepsTheTeamThatHadTheStreetWhenTheCaseCameIn() {
    long id = node.post("/api/v1/cases", admin, new JsonObject().put("category", "E0101").put("cell", "110101003001001")
        .put("description", "井盖缺失").put("source", "hotline").put("actor", "hotline").encode()).json().getLong("id");
    for (JsonObject step : new JsonObject[] {new JsonObject().put("action", "register"),
        new JsonObject().put("action", "dispatch").put("department", "HWJ")}) {
      TestNode.Reply moved = node.post("/api/v1/cases/" + id + "/transitions", admin, step.put("actor", "hotline").encode());
      assertEquals(200, moved.status(), moved.body());
    }
    String period = "/api/v1/reports/evaluation?by=team&from=" + Instant.now().minusSeconds(3600) + "&to="
        + Instant.now().plusSeconds(60L * 86400);
    assertEquals(1, teamLine(period, "T110101003").getLong("due"));
    // The street goes to a new team afterwards; the case stays with the team that had the street then.
    assertEquals(200, node.put("/api/v1/teams/T110101003", admin, new JsonObject().put("name", "景山街道巡查队（旧）")
        .put("area", "110101004").encode()).status());
    assertEquals(201, node.post("/api/v1/teams", admin, new JsonObject().put("code", "T-JS-NEW").put("name", "景山街道新队")
        .put("area", "110101003").encode()).status());
    assertEquals(1, teamLine(period, "T110101003").getLong("due"));
    assertNull(teamLine(period, "T-JS-NEW"));
  }

  private static JsonObject teamLine(String evaluation, String team) {
    return node.get(evaluation).json().getJsonArray("groups").stream().map(JsonObject.class::cast)
        .filter(g -> g.getString("group").equals(team)).findFirst().orElse(null);
  }

  private static TestNode.Reply osmand(String pathAndQuery) {
    return node.osmand(HttpRequest.newBuilder(node.osmandUri(pathAndQuery)).GET());
  }
}
