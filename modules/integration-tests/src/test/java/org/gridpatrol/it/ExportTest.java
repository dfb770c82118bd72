package org.gridpatrol.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.gridpatrol.store.DatabaseTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The exports of one real node, read back as the programs they are for would: an officer's track as GPX (the
 * JDK's XML parser) and CSV, the case list and the evaluation as CSV, safe to open in Excel even when a
 * description or a code of the configuration would start a formula.
 */
class ExportTest {
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final String GPX = "http://www.topografix.com/GPX/1/1";
  /**
   * A department code Excel would run as a formula. Department codes are letters and digits now, but cases
   * keep whatever department they were given (by an old system's data, say), so the CSV must not trust them.
   */
  static final String FORMULA = "=HYPERLINK(\"http://evil.example\",\"x\")";

  @TempDir
  static Path dataDir;
  static TestNode node;
  static String admin;

  @BeforeAll
  static void start() {
    // Friday 2026-12-04 09:00 in the city, an ordinary working day.
    MutableClock clock = new MutableClock(LocalDateTime.parse("2026-12-04T09:00").atZone(SHANGHAI).toInstant());
    node = TestNode.start("exports", dataDir, Map.of(), clock);
    admin = node.adminToken();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  /** A CSV answer's lines, after checking it is a CSV file with its byte-order mark. */
  static List<CSVRecord> csv(TestNode.Reply reply) throws IOException {
    assertEquals(200, reply.status(), reply.body());
    assertEquals("text/csv; charset=utf-8", reply.response().headers().firstValue("Content-Type").orElse(""));
    assertEquals('\uFEFF', reply.body().charAt(0));
    return CSVFormat.RFC4180.parse(new StringReader(reply.body().substring(1))).getRecords();
  }

  static JsonObject fix(String id, Instant time, double lat, double lon, double altitude) {
    return new JsonObject().put("id", id).put("time", time.toString()).put("lat", lat).put("lon", lon)
        .put("accuracy", 5).put("speed", 1.2).put("heading", 90).put("altitude", altitude).put("battery", 80);
  }

  static void checkIn(String device, JsonObject... fixes) {
    TestNode.Reply reply = node.post("/api/v1/checkins", node.deviceToken(device),
        new JsonObject().put("checkins", new JsonArray(List.of((Object[]) fixes))).encode());
    assertEquals(fixes.length, reply.json().getInteger("accepted"), reply.body());
  }

  @Test
  void anOfficersDayIsOneGpxTrackInFixTimeOrder() throws Exception {
    Instant t = LocalDateTime.parse("2026-12-04T08:50").atZone(SHANGHAI).toInstant();
    // The newest fix arrives first, then the handheld's buffer with the older ones.
    checkIn("100001", fix("3", t.plusSeconds(20), 39.9387, 116.3965, 46));
    checkIn("100001", fix("1", t, 39.9385, 116.3965, 44), fix("2", t.plusSeconds(10), 39.9386, 116.3965, 45));

    TestNode.Reply reply = node.get("/api/v1/officers/P0001/track?format=gpx&from=2026-12-04&to=2026-12-05");
    assertEquals(200, reply.status(), reply.body());
    assertEquals("application/gpx+xml", reply.response().headers().firstValue("Content-Type").orElse(""));
    assertEquals("attachment; filename=\"track-P0001-2026-12-04.gpx\"",
        reply.response().headers().firstValue("Content-Disposition").orElse(""));
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    Document gpx = factory.newDocumentBuilder()
        .parse(new ByteArrayInputStream(reply.body().getBytes(StandardCharsets.UTF_8)));
    Element root = gpx.getDocumentElement();
    assertEquals(GPX, root.getNamespaceURI());
    assertEquals("1.1", root.getAttribute("version"));
    assertEquals("P0001 " + node.get("/api/v1/officers/P0001").json().getString("name"),
        root.getElementsByTagNameNS(GPX, "name").item(0).getTextContent());
    NodeList points = root.getElementsByTagNameNS(GPX, "trkpt");
    assertEquals(3, points.getLength());
    String[] lats = {"39.9385", "39.9386", "39.9387"};
    for (int i = 0; i < 3; i++) {
      Element point = (Element) points.item(i);
      assertEquals(lats[i], point.getAttribute("lat"));
      assertEquals("116.3965", point.getAttribute("lon"));
      assertEquals(String.valueOf(44 + i), point.getElementsByTagNameNS(GPX, "ele").item(0).getTextContent());
      assertEquals(t.plusSeconds(10L * i).toString(), point.getElementsByTagNameNS(GPX, "time").item(0)
          .getTextContent(), "in fix-time order, in UTC");
      assertEquals("100001", point.getElementsByTagNameNS("urn:gridpatrol:gpx:1", "device").item(0).getTextContent());
    }

    List<CSVRecord> csv = csv(node.get("/api/v1/officers/P0001/track?format=csv&from=2026-12-04&to=2026-12-05"));
    assertEquals(List.of("time", "lat", "lon", "accuracy", "speed", "heading", "altitude", "battery", "cell",
        "device"), csv.get(0).toList());
    assertEquals(4, csv.size());
    assertEquals(List.of("2026-12-04T08:50+08:00", "39.9385", "116.3965", "5.0", "1.2", "90.0", "44.0", "80.0",
        "110101001001012", "100001"), csv.get(1).toList());
    assertEquals("2026-12-04T08:50:20+08:00", csv.get(3).get(0));

    assertEquals("limit", node.get("/api/v1/officers/P0001/track?format=gpx&limit=10").json()
        .getJsonObject("error").getString("field"), "a file holds the whole period, not a page");
    assertEquals("format", node.get("/api/v1/officers/P0001/track?format=kml").json()
        .getJsonObject("error").getString("field"));
    assertEquals(404, node.get("/api/v1/officers/P0001/track?format=gpx", node.deviceToken("100002")).status(),
        "an officer of another community does not see the track, in any format");
  }

  @Test
  void aTrackFileOfMoreThan200000FixesIsRefusedNamingTo() throws SQLException, IOException {
    // 200,001 fixes ten a second on Thursday morning, straight into the database.
    sql("""
          INSERT INTO positions (device_id, fix_time, officer_id, received_at, lat, lon)
          SELECT d.id, timestamptz '2026-12-03T00:00:00Z' + n * interval '100 milliseconds', d.officer_id, now(),
                 39.93, 116.40
          FROM devices d, generate_series(0, 200000) n WHERE d.unique_id = '100003'""");
    refusedNamingTo(node.get("/api/v1/officers/P0003/track?format=gpx&from=2026-12-03&to=2026-12-04"));
    // Ten minutes of it is a file of 6,000 fixes.
    List<CSVRecord> tenMinutes = csv(node.get("/api/v1/officers/P0003/track?format=csv"
        + "&from=2026-12-03T08:00:00%2B08:00&to=2026-12-03T08:10:00%2B08:00"));
    assertEquals(6001, tenMinutes.size());
  }

  /** Rows put straight into the node's database: more than an export may hold, faster than the API. */
  static void sql(String statement) throws SQLException {
    DatabaseTarget database = DatabaseTarget.fromUri(node.databaseUri());
    try (Connection sql = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password())) {
      sql.createStatement().executeUpdate(statement);
    }
  }

  /** An export over its cap: refused, naming the end of the period to shorten, not a file cut short. */
  static void refusedNamingTo(TestNode.Reply reply) {
    assertEquals(400, reply.status(), reply.body());
    assertEquals("to", reply.json().getJsonObject("error").getString("field"));
    assertEquals("too_many", reply.json().getJsonObject("error").getString("rule"));
  }

  static long hotlineCase(String cell, String description) {
    TestNode.Reply reply = node.post("/api/v1/cases", admin, new JsonObject().put("category", "E0101")
        .put("cell", cell).put("description", description).put("source", "hotline").put("actor", "hotline-12319")
        .encode());
    assertEquals(201, reply.status(), reply.body());
    return reply.json().getLong("id");
  }

  static void act(long id, JsonObject action) {
    TestNode.Reply reply = node.post("/api/v1/cases/" + id + "/transitions", admin,
        action.put("actor", "operator-li").encode());
    assertEquals(200, reply.status(), reply.body());
  }

  @Test
  void theEvaluationCsvKeepsAFormulaDepartmentAsText() throws Exception {
    long id = hotlineCase("110101001001001", "路口有暴露垃圾");
    act(id, new JsonObject().put("action", "register"));
    act(id, new JsonObject().put("action", "dispatch").put("department", "HWJ"));
    sql("UPDATE cases SET department = '" + FORMULA + "' WHERE id = " + id);
    TestNode.Reply reply = node.get("/api/v1/reports/evaluation?by=department&format=csv"
        + "&from=2026-12-01T00:00:00%2B08:00&to=2026-12-31T00:00:00%2B08:00");
    assertEquals("attachment; filename=\"evaluation-department.csv\"",
        reply.response().headers().firstValue("Content-Disposition").orElse(""));
    List<CSVRecord> lines = csv(reply);
    assertEquals("department", lines.get(0).get(0));
    CSVRecord evil = lines.stream().filter(line -> line.get(0).contains("HYPERLINK")).findFirst().orElseThrow();
    assertEquals("'" + FORMULA, evil.get(0), "a single quote in front: Excel shows it as text");
    assertEquals("1", evil.get(1), "the case is due in the period: a number, as it was");
    assertTrue(reply.body().contains("\r\n\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",1,"), reply.body());
  }

  @Test
  void theCaseListAsCsvHoldsTheCasesOfTheListInTheCallersAreasWithFormulasAsText() throws IOException {
    long mine = hotlineCase("110101001001001", "=1+2 井盖破损");
    long elsewhere = hotlineCase("110101001002001", "井盖缺失");
    act(mine, new JsonObject().put("action", "register"));

    List<CSVRecord> all = csv(node.get("/api/v1/cases?format=csv"));
    assertEquals(List.of("id", "created", "source", "category", "category_zh", "priority", "status", "stage",
        "stage_deadline", "card", "escalation_level", "street", "community", "cell", "department", "assignee",
        "description", "reporter", "closed"), all.get(0).toList());
    JsonArray listed = node.get("/api/v1/cases?limit=500").json().getJsonArray("cases");
    assertEquals(listed.stream().map(c -> String.valueOf(((JsonObject) c).getLong("id"))).toList(),
        all.stream().skip(1).map(line -> line.get(0)).toList(),
        "the cases of the JSON list, newest first");
    JsonObject json = listed.stream().map(JsonObject.class::cast).filter(c -> c.getLong("id") == mine).findFirst()
        .orElseThrow();
    CSVRecord line = all.stream().filter(l -> l.get(0).equals(String.valueOf(mine))).findFirst().orElseThrow();
    assertEquals(List.of(String.valueOf(mine), "2026-12-04T09:00+08:00", "hotline", "E0101", "暴露垃圾", "normal",
        "registered", "dispatch", json.getString("stageDeadline"), "none", "0", "东华门街道", "东华门街道第1社区",
        "110101001001001", json.getString("department"), "", "'=1+2 井盖破损", "hotline-12319", ""), line.toList());

    // An officer's handheld sees its own community, in the file as in the list.
    List<String> officers = csv(node.get("/api/v1/cases?format=csv", node.deviceToken("100001"))).stream().skip(1)
        .map(l -> l.get(0)).toList();
    assertTrue(officers.contains(String.valueOf(mine)), officers::toString);
    assertTrue(!officers.contains(String.valueOf(elsewhere)), "a case of another community is not in the file");
    List<String> filtered = csv(node.get("/api/v1/cases?format=csv&cell=110101001002")).stream().skip(1)
        .map(l -> l.get(0)).toList();
    assertEquals(List.of(String.valueOf(elsewhere)), filtered, "the list's filters apply");
    assertEquals("limit", node.get("/api/v1/cases?format=csv&limit=10").json().getJsonObject("error")
        .getString("field"), "a file holds every matching case, not a page");
    assertEquals("format", node.get("/api/v1/cases?format=xlsx").json().getJsonObject("error").getString("field"));
  }

  @Test
  void aCaseFileOfMoreThan10000CasesIsRefusedNamingTo() throws SQLException, IOException {
    // 10,001 closed cases of October, one a minute from October 1, straight into the database.
    sql("""
          INSERT INTO cases (source, category, priority, status, cell_id, description, reporter, department,
                             created_at, updated_at, closed_at, policy)
          SELECT 'hotline', 'E0101', 'normal', 'closed', c.id, '十月的案件 ' || n, 'hotline-12319', 'HWJ',
                 timestamptz '2026-10-01T00:00:00+08:00' + n * interval '1 minute',
                 timestamptz '2026-10-01T01:00:00+08:00' + n * interval '1 minute',
                 timestamptz '2026-10-01T01:00:00+08:00' + n * interval '1 minute', 'standard'
          FROM cells c, generate_series(0, 10000) n WHERE c.code = '110101001003001'""");
    refusedNamingTo(node.get("/api/v1/cases?format=csv&from=2026-10-01T00:00:00%2B08:00"
        + "&to=2026-11-01T00:00:00%2B08:00"));
    // The first day of them is a file of 1,440 cases, oldest last.
    List<CSVRecord> day = csv(node.get("/api/v1/cases?format=csv&from=2026-10-01T00:00:00%2B08:00"
        + "&to=2026-10-02T00:00:00%2B08:00"));
    assertEquals(1441, day.size());
    assertEquals("2026-10-01T00:00+08:00", day.get(1440).get(1));
    assertEquals("closed", day.get(1440).get(6));
    assertEquals("2026-10-01T01:00+08:00", day.get(1440).get(18));
  }
}
