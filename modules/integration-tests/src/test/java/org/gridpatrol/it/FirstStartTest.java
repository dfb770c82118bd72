package org.gridpatrol.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;

/**
 * A real city's first start, through the API: an empty node without the demo, its first administrator, a grid
 * in EPSG:4547, a GB18030 roster with a bad row, a device enrolled with its key, the officer on the map, a plan
 * and its coverage.
 */
class FirstStartTest {
  /** The new city's four cells around 116.30 E, 39.90 N: district 110102, street 001, community 001. */
  static final double WEST = 116.300;
  static final double SOUTH = 39.900;
  static final double SIDE = 0.001;

  @TempDir
  static Path dataDir;
  static TestNode node;

  @BeforeAll
  static void start() {
    node = TestNode.start("first-start", dataDir, Map.of("demo.load", false));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  /** A square cell as GeoJSON in CGCS2000 / 3-degree Gauss-Kruger CM 114E (EPSG:4547), as a surveyor delivers it. */
  static JsonObject cellIn4547(String code, int column, int row) {
    CRSFactory crs = new CRSFactory();
    CoordinateTransform toGaussKruger = new CoordinateTransformFactory().createTransform(
        crs.createFromName("EPSG:4326"), crs.createFromName("EPSG:4547"));
    JsonArray ring = new JsonArray();
    double[][] corners = {{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}};
    for (double[] corner : corners) {
      ProjCoordinate projected = toGaussKruger.transform(new ProjCoordinate(WEST + (column + corner[0]) * SIDE,
          SOUTH + (row + corner[1]) * SIDE), new ProjCoordinate());
      ring.add(new JsonArray().add(projected.x).add(projected.y));
    }
    return new JsonObject().put("type", "Feature")
        .put("geometry", new JsonObject().put("type", "Polygon").put("coordinates", new JsonArray().add(ring)))
        .put("properties", new JsonObject().put("code", code).put("name", "网格 " + code.substring(12))
            .put("district", "西城区").put("street", "月坛街道").put("community", "三里河社区"));
  }

  @Test
  void anEmptyCityIsBroughtInByItsAdministrator() {
    // Nothing of the demo, and one administrator whose password only the console showed.
    assertFalse(Files.exists(dataDir.resolve("demo-users.csv")));
    assertFalse(Files.exists(dataDir.resolve("demo-devices.csv")));
    String password = node.node().firstAdministratorPassword().orElseThrow();
    String admin = node.login("admin", password);
    // The printed password is for one use: the account does nothing else until it has its own.
    TestNode.Reply first = node.get("/api/v1/officers", admin);
    assertEquals(403, first.status());
    assertEquals("change_required", first.json().getJsonObject("error").getString("rule"));
    assertTrue(node.get("/api/v1/me", admin).json().getBoolean("passwordChangeRequired"));
    assertEquals(204, node.put("/api/v1/me/password", admin, new JsonObject().put("current", password)
        .put("password", "yuetan-grid-2026").encode()).status());
    assertFalse(node.get("/api/v1/me", admin).json().getBoolean("passwordChangeRequired"));
    assertEquals(401, node.post("/api/v1/login", null, new JsonObject().put("username", "admin")
        .put("password", password).encode()).status(), "the printed password is spent");
    assertEquals(0, node.get("/api/v1/officers", admin).json().getLong("total"));
    assertEquals(0, node.get("/api/v1/devices", admin).json().getLong("total"));
    assertEquals(0, node.get("/api/v1/cells", admin).json().getJsonArray("cells").size());

    // The grid, in EPSG:4547.
    JsonArray features = new JsonArray();
    for (int i = 0; i < 4; i++) {
      features.add(cellIn4547(String.format("110102001001%03d", i + 1), i % 2, i / 2));
    }
    TestNode.Reply grid = node.post("/api/v1/admin/grid?crs=EPSG:4547&source=survey-2026.geojson", admin,
        new JsonObject().put("type", "FeatureCollection").put("features", features).encode());
    assertEquals(200, grid.status(), grid.body());
    assertEquals(4, grid.json().getInteger("created"));
    JsonObject cell = node.get("/api/v1/cells/110102001001001", admin).json();
    double firstLon = cell.getJsonObject("geometry").getJsonArray("coordinates").getJsonArray(0).getJsonArray(0)
        .getDouble(0);
    assertEquals(WEST, firstLon, 1e-7, "back in WGS-84 where the surveyor put it");

    // The roster, as Excel on a Chinese Windows saves it, with one bad row to fix first.
    Charset gb18030 = Charset.forName("GB18030");
    String header = "工号,姓名,手机,队伍编码,队伍名称,队伍区域,负责区域,状态\r\n";
    String team = "N0001,郑芳,13700137000,T110102001,月坛街道巡查队,110102001,110102001001,在岗\r\n";
    String bad = "N0002,冯军,1370013700O,T110102001,,,110102001001,在岗\r\n";
    JsonObject dryRun = node.postFile("/api/v1/roster?dryRun=true", admin, (header + team + bad).getBytes(gb18030),
        "text/csv").json();
    JsonObject problem = dryRun.getJsonArray("problems").getJsonObject(0);
    assertEquals(List.of(3, "C", "phone"), List.of(problem.getInteger("line"), problem.getString("column"),
        problem.getString("field")));
    String fixed = header + team + bad.replace("1370013700O", "13700137001");
    TestNode.Reply roster = node.postFile("/api/v1/roster", admin, fixed.getBytes(gb18030), "text/csv");
    assertEquals(200, roster.status(), roster.body());
    assertEquals(2, node.get("/api/v1/officers", admin).json().getLong("total"));

    // A device for the first officer; a fix only counts with its key.
    TestNode.Reply device = node.post("/api/v1/devices", admin, new JsonObject().put("uniqueId", "868000000000001")
        .put("officer", "N0001").encode());
    assertEquals(201, device.status(), device.body());
    String serverUrl = device.json().getString("serverUrl");
    long now = Instant.now().getEpochSecond();
    String fix = "?id=868000000000001&lat=" + (SOUTH + SIDE / 2) + "&lon=" + (WEST + SIDE / 2) + "&timestamp=";
    assertEquals(400, node.osmand(HttpRequest.newBuilder(node.osmandUri("/" + fix + (now - 20))).GET()).status());
    String path = serverUrl.substring(serverUrl.indexOf("/k/"));
    assertEquals(200, node.osmand(HttpRequest.newBuilder(node.osmandUri(path + fix + (now - 10))).GET()).status());
    JsonArray onMap = node.get("/api/v1/map/officers?bbox=116.29,39.89,116.31,39.91", admin).json()
        .getJsonArray("officers");
    assertEquals("N0001", onMap.getJsonObject(0).getString("officer"));
    assertEquals("110102001001001", onMap.getJsonObject(0).getString("cell"));

    // A plan over the new cells, and its coverage: the visited cell is done, the others are not.
    JsonObject plan = PlanTest.plan(Instant.now().truncatedTo(ChronoUnit.SECONDS)).put("name", "月坛街道日间巡查")
        .put("team", "T110102001").put("cells", new JsonObject().put("prefixes", new JsonArray().add("110102001001")));
    TestNode.Reply created = node.post("/api/v1/plans", admin, plan.encode());
    assertEquals(201, created.status(), created.body());
    JsonObject coverage = node.get("/api/v1/plans/" + created.json().getLong("id") + "/coverage", admin).json();
    JsonArray cells = coverage.getJsonArray("cells");
    assertEquals(4, cells.size(), coverage.encode());
    assertTrue(cells.stream().map(c -> (JsonObject) c).anyMatch(c -> c.getString("cell").equals("110102001001001")
        && c.getInteger("visits") == 1), coverage.encode());
  }
}
