package org.gridpatrol.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exports of one real node, read back as a spreadsheet program would: the evaluation as CSV, safe to open
 * in Excel even when a code of the configuration would start a formula.
 */
class ExportTest {
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  /** A department code a city could configure that Excel would run as a formula. */
  static final String FORMULA = "=HYPERLINK(\"http://evil.example\",\"x\")";

  @TempDir
  static Path dataDir;
  @TempDir
  static Path configDir;
  static TestNode node;
  static String admin;

  @BeforeAll
  static void start() throws IOException {
    Path cases = configDir.resolve("cases.yaml");
    Files.writeString(cases, Files.readString(TestNode.CONFIG.resolveSibling("cases.yaml")).replace("departments:\n",
        "departments:\n  - {code: '" + FORMULA + "', zh: 测试部门, en: Test department}\n"));
    // Friday 2026-12-04 09:00 in the city, an ordinary working day.
    MutableClock clock = new MutableClock(LocalDateTime.parse("2026-12-04T09:00").atZone(SHANGHAI).toInstant());
    node = TestNode.start("exports", dataDir, Map.of("cases.config_file", cases.toString()), clock);
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
  void theEvaluationCsvKeepsAFormulaDepartmentAsText() throws IOException {
    long id = hotlineCase("110101001001001", "路口有暴露垃圾");
    act(id, new JsonObject().put("action", "register"));
    act(id, new JsonObject().put("action", "dispatch").put("department", FORMULA));
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
}
