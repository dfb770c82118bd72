package org.gridpatrol.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The roster as a city keeps it in Excel: a dry run by line and column, an import in one piece, the export back. */
class RosterTest {
  static final Charset GB18030 = Charset.forName("GB18030");
  @TempDir
  static Path dataDir;
  @TempDir
  static Path noPlans;
  static TestNode node;
  static String admin;

  @BeforeAll
  static void start() {
    node = TestNode.start("roster", dataDir, Map.of("demo.plans_dir", noPlans.toString()));
    admin = node.adminToken();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static TestNode.Reply load(String csv, boolean dryRun) {
    return node.postFile("/api/v1/roster?dryRun=" + dryRun, admin, csv.getBytes(GB18030), "text/csv");
  }

  private static List<String> where(JsonObject reply) {
    return reply.getJsonArray("problems").stream().map(p -> (JsonObject) p)
        .map(p -> p.getInteger("line") + p.getString("column") + ":" + p.getString("field") + ":" + p.getString("rule"))
        .toList();
  }

  @Test
  void aGb18030RosterWithOneBadRowIsReportedFixedAndImportedInOnePiece() {
    String header = "工号,姓名,手机,队伍编码,队伍名称,队伍区域,队长账号,负责区域,状态\r\n";
    String good = "R0001,陈静,13900139000,T-R1,景山街道夜巡队,110101002,lead-001,110101002001,在岗\r\n"
        + "R0002,孙强,,T-R1,,,,110101002002,休假\r\n";
    String badRow = "R0003,周敏,138 abc,T-NONE,,,,110101002003,在岗\r\n";
    String badLead = "R0004,吴刚,,T-R2,东华门夜巡队,110101001,nobody,440304001001,在岗\r\n";

    JsonObject dryRun = load(header + good + badRow + badLead, true).json();
    assertEquals("GB18030", dryRun.getString("encoding"));
    assertEquals(4, dryRun.getInteger("rows"));
    assertEquals(List.of("4C:phone:phone", "4D:team_code:not_found", "5G:team_lead:not_found",
        "5H:areas:not_found"), where(dryRun));
    assertEquals("手机", dryRun.getJsonArray("problems").getJsonObject(0).getString("header"));

    TestNode.Reply refused = load(header + good + badRow + badLead, false);
    assertEquals(400, refused.status());
    assertEquals("roster", refused.json().getJsonObject("error").getString("rule"));
    assertEquals(404, node.get("/api/v1/officers/R0001").status(), "nothing was written");
    assertEquals(404, node.get("/api/v1/teams/T-R1").status());

    String fixed = header + good + "R0003,周敏,138 0013 8003,T-R1,,,,110101002003,在岗\r\n";
    JsonObject clean = load(fixed, true).json();
    assertEquals(List.of(), where(clean));
    assertEquals(new JsonObject().put("created", 1).put("changed", 0), clean.getJsonObject("teams"));
    assertEquals(new JsonObject().put("created", 3).put("changed", 0), clean.getJsonObject("officers"));
    TestNode.Reply imported = load(fixed, false);
    assertEquals(200, imported.status(), imported.body());
    assertEquals(3, imported.json().getJsonObject("officers").getInteger("created"));
    JsonObject officer = node.get("/api/v1/officers/R0002").json();
    assertEquals("on_leave", officer.getString("status"));
    assertEquals("T-R1", officer.getJsonObject("team").getString("code"));
    assertNull(officer.getString("phone"));
    assertEquals("lead-001", node.get("/api/v1/teams/T-R1").json().getString("lead"));
    assertEquals("import", node.get("/api/v1/officers/R0001/history", admin).json().getJsonArray("history")
        .getJsonObject(0).getString("action"));
  }

  @Test
  void theExportHasTheSameColumnsSafeForExcelAndImportsBackUnchanged() throws Exception {
    assertEquals(201, node.post("/api/v1/officers", admin, new JsonObject().put("code", "X0001")
        .put("name", "=HYPERLINK(\"http://evil\")").put("phone", "+86 138 0013 8000")
        .put("areas", new JsonArray().add("110101003001")).encode()).status());
    TestNode.Reply export = node.get("/api/v1/roster.csv?lang=zh", admin);
    assertEquals(200, export.status());
    assertTrue(export.response().headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
    String csv = export.body();
    assertTrue(csv.startsWith("\uFEFF工号,姓名,手机,队伍编码,队伍名称,队伍区域,队长账号,负责区域,状态\r\n"), csv.substring(0, 60));
    assertTrue(csv.contains("X0001,\"'=HYPERLINK(\"\"http://evil\"\")\",'+86 138 0013 8000,,,,,110101003001,在岗"),
        "a formula is escaped: " + csv.lines().filter(l -> l.startsWith("X0001")).toList());
    int officers = node.get("/api/v1/officers?status=all").json().getInteger("total");
    assertEquals(officers + 1, csv.lines().count(), "a header and one line per officer");

    JsonObject again = node.postFile("/api/v1/roster?dryRun=true", admin, csv.getBytes(StandardCharsets.UTF_8),
        "text/csv").json();
    assertEquals(List.of(), where(again));
    assertEquals(0, again.getJsonObject("officers").getInteger("created"), "every officer is known already");
    TestNode.Reply back = node.postFile("/api/v1/roster", admin, csv.getBytes(StandardCharsets.UTF_8), "text/csv");
    assertEquals(200, back.status(), back.body());
    JsonObject x = node.get("/api/v1/officers/X0001").json();
    assertEquals("=HYPERLINK(\"http://evil\")", x.getString("name"), "the import takes the escape off again");
    assertEquals("+86 138 0013 8000", x.getString("phone"));
  }

  @Test
  void theSampleFileTheNodeServesIsAGoodRosterOfTheDemoCity() {
    TestNode.Reply served = node.anonymous("/admin/roster-sample.csv");
    assertEquals(200, served.status(), "the admin console links it");
    byte[] sample = served.body().getBytes(StandardCharsets.UTF_8);
    JsonObject dryRun = node.postFile("/api/v1/roster?dryRun=true", admin, sample, "text/csv").json();
    assertEquals(List.of(), where(dryRun));
    assertEquals(3, dryRun.getInteger("rows"));
  }

  @Test
  void badRequestsNameTheirField() {
    assertEquals("dryRun", node.postFile("/api/v1/roster?dryRun=maybe", admin, "x".getBytes(StandardCharsets.UTF_8),
        "text/csv").json().getJsonObject("error").getString("field"));
    assertEquals("body", node.postFile("/api/v1/roster", admin, new byte[0], "text/csv").json()
        .getJsonObject("error").getString("field"));
    assertEquals("lang", node.get("/api/v1/roster.csv?lang=fr", admin).json().getJsonObject("error")
        .getString("field"));
  }
}
