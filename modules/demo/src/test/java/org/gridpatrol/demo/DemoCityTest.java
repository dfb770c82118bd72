package org.gridpatrol.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.gridpatrol.domain.grid.CellCode;
import org.gridpatrol.domain.directory.Device;
import org.gridpatrol.domain.grid.Earth;
import org.gridpatrol.domain.grid.GridCell;
import org.gridpatrol.domain.grid.GridGeoJson;
import org.gridpatrol.domain.grid.GridParseResult;
import org.gridpatrol.domain.directory.Officer;
import org.gridpatrol.domain.directory.Team;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Point;

class DemoCityTest {

  private static final DemoCity CITY = DemoCity.generate(ShippedDemoCity.plan());

  private static Point centre(GridCell cell) {
    return cell.geometry().getCentroid();
  }

  /** Cells grouped by a prefix of their code, in code order. */
  private static Map<String, List<GridCell>> groupedBy(List<GridCell> cells, int prefixLength) {
    return cells.stream().collect(Collectors.groupingBy(c -> c.code().substring(0, prefixLength), TreeMap::new,
        Collectors.toList()));
  }

  @Test
  void dongchengIsFortyByFortyCellsInSixteenStreets() {
    assertEquals(1600, CITY.cells().size());
    assertEquals(16, CITY.teams().size());
    assertEquals(64, CITY.officers().size());
    assertEquals(64, CITY.devices().size());
    assertEquals(64, groupedBy(CITY.cells(), 12).size());
    assertTrue(groupedBy(CITY.cells(), 12).values().stream().allMatch(cells -> cells.size() == 25));
  }

  @Test
  void codesAreValidUniqueAndInOrder() {
    List<String> codes = CITY.cells().stream().map(GridCell::code).toList();

    assertTrue(codes.stream().allMatch(CellCode::isValid));
    assertEquals(codes.size(), new HashSet<>(codes).size());
    assertEquals(codes.stream().sorted().toList(), codes);
    assertTrue(codes.stream().allMatch(c -> CellCode.district(c).equals("110101")));
  }

  @Test
  void reparsedGeoJsonHasNoOverlapsAndEqualCells() {
    GridParseResult result = GridGeoJson.parse(GridGeoJson.toFeatureCollection(CITY.cells()), null);

    assertEquals(List.of(), result.problems());
    assertEquals(CITY.cells(), result.cells());
  }

  @Test
  void cellsAreHundredMetreSquaresInsideTheBox() {
    DemoCityPlan plan = ShippedDemoCity.plan();
    Envelope box = new Envelope(plan.west(), plan.east(), plan.south(), plan.north());
    for (GridCell cell : CITY.cells()) {
      Envelope envelope = cell.geometry().getEnvelopeInternal();
      assertTrue(box.covers(envelope), cell.code());
      assertEquals(100, envelope.getHeight() * Earth.METRES_PER_DEGREE, 0.01);
      assertEquals(100, envelope.getWidth() * Earth.metresPerDegreeLon(envelope.centre().y), 0.5);
      assertTrue(cell.geometry().isRectangle());
    }
    // The lattice starts at the north-west corner.
    Envelope first = CITY.cells().get(0).geometry().getEnvelopeInternal();
    assertEquals(plan.west(), first.getMinX());
    assertEquals(plan.north(), first.getMaxY());
  }

  @Test
  void cellsAreNumberedWestToEastThenNorthToSouthInEveryCommunity() {
    for (List<GridCell> community : groupedBy(CITY.cells(), 12).values()) {
      for (int i = 0; i < community.size(); i++) {
        assertEquals(i + 1, Integer.parseInt(CellCode.sequence(community.get(i).code())));
      }
      assertOrderedLikeText(community.stream().map(DemoCityTest::centre).toList(), 5);
    }
  }

  @Test
  void communitiesAndStreetsAreNumberedTheSameWay() {
    // 8 x 8 communities in 4 x 4 streets of 2 x 2.
    for (List<GridCell> street : groupedBy(CITY.cells(), 9).values()) {
      List<Point> communityCentres = groupedBy(street, 12).values().stream()
          .map(cells -> cells.get(12).geometry().getCentroid()) // the middle cell of 5 x 5
          .toList();
      assertOrderedLikeText(communityCentres, 2);
    }
    List<Point> streetCentres = groupedBy(CITY.cells(), 9).values().stream()
        .map(cells -> cells.get(0).geometry().getCentroid())
        .toList();
    assertOrderedLikeText(streetCentres, 4);
  }

  /** Points listed row by row, west to east, rows from north to south, {@code columns} per row. */
  private static void assertOrderedLikeText(List<Point> points, int columns) {
    for (int i = 0; i < points.size(); i++) {
      Point point = points.get(i);
      if (i % columns > 0) {
        Point west = points.get(i - 1);
        assertTrue(point.getX() > west.getX(), "east of its predecessor: " + i);
        assertEquals(west.getY(), point.getY(), 1e-9, "same row: " + i);
      }
      if (i >= columns) {
        Point north = points.get(i - columns);
        assertTrue(point.getY() < north.getY(), "south of the row above: " + i);
        assertEquals(north.getX(), point.getX(), 1e-9, "same column: " + i);
      }
    }
  }

  @Test
  void devicesCountUpFrom100001() {
    assertEquals(Device.handheld("100001", "P0001"), CITY.devices().get(0));
    for (int i = 0; i < CITY.devices().size(); i++) {
      assertEquals(Integer.toString(100001 + i), CITY.devices().get(i).uniqueId());
      assertEquals(CITY.officers().get(i).code(), CITY.devices().get(i).officerCode());
    }
  }

  @Test
  void teamsOfficersAndCellsAreNamedAndLinked() {
    assertEquals(new Team("T110101001", "东华门街道巡查队", "110101001", null), CITY.teams().get(0));
    assertEquals("天坛街道巡查队", CITY.teams().get(15).name());

    Officer first = CITY.officers().get(0);
    assertEquals("P0001", first.code());
    assertEquals("T110101001", first.teamCode());
    assertEquals("110101001001", first.communityCode());
    assertEquals(64, CITY.officers().stream().map(Officer::name).distinct().count());
    assertTrue(CITY.officers().stream().allMatch(o -> o.name().length() >= 2 && o.name().length() <= 3));

    Set<String> teamCodes = CITY.teams().stream().map(Team::code).collect(Collectors.toSet());
    Set<String> communities = groupedBy(CITY.cells(), 12).keySet();
    for (Officer officer : CITY.officers()) {
      assertTrue(teamCodes.contains(officer.teamCode()));
      assertTrue(communities.contains(officer.communityCode()));
      assertEquals("T" + officer.communityCode().substring(0, 9), officer.teamCode());
    }

    GridCell cell = CITY.cells().get(6);
    assertEquals("110101001001007", cell.code());
    assertEquals("东华门街道第1社区007号网格", cell.name());
    assertEquals("东城区", cell.district());
    assertEquals("东华门街道", cell.street());
    assertEquals("东华门街道第1社区", cell.community());
  }

  @Test
  void samePlanGivesTheSameCity() {
    assertEquals(CITY, DemoCity.generate(ShippedDemoCity.plan()));
  }

  @Test
  void edgeStreetsHoldFewerCommunitiesAndExtraStreetsGetNumberedNames() {
    double south = 40.0;
    double cellLat = 100 / Earth.METRES_PER_DEGREE;
    double north = south + 6.5 * cellLat; // room for 6 rows of cells: 3 communities of 2
    double cellLon = 100 / Earth.metresPerDegreeLon((south + north) / 2);
    DemoCityPlan plan = new DemoCityPlan("110105", "朝阳区", 116.5, south, 116.5 + 6.5 * cellLon, north,
        100, 2, 2, List.of("甲街道"), 5);

    DemoCity city = DemoCity.generate(plan);

    assertEquals(36, city.cells().size());
    Map<String, List<GridCell>> streets = groupedBy(city.cells(), 9);
    assertEquals(List.of("110105001", "110105002", "110105003", "110105004"), List.copyOf(streets.keySet()));
    assertEquals(List.of(4, 2, 2, 1), streets.values().stream().map(cells -> cells.size() / 4).toList());
    assertEquals(List.of("甲街道", "第2街道", "第3街道", "第4街道"),
        city.teams().stream().map(t -> t.name().replace("巡查队", "")).toList());
    assertEquals("5", city.devices().get(0).uniqueId());
  }

  @Test
  void officerNamesAreDistinctForThe368First() {
    assertEquals(368, IntStream.range(0, 368).mapToObj(DemoCity::officerName).distinct().count());
  }

  @Test
  void refusesABoxTooSmallForOneCommunity() {
    DemoCityPlan plan = new DemoCityPlan("110101", "东城区", 116.40, 39.90, 116.401, 39.901, 100, 5, 2,
        List.of(), 1);

    assertThrows(IllegalArgumentException.class, () -> DemoCity.generate(plan));
  }

  @Test
  void refusesImpossiblePlans() {
    assertThrows(IllegalArgumentException.class, () -> new DemoCityPlan("1101", "x", 116.40, 39.90, 116.5, 40.0,
        100, 5, 2, List.of(), 1));
    assertThrows(IllegalArgumentException.class, () -> new DemoCityPlan("110101", "x", 116.5, 39.90, 116.4, 40.0,
        100, 5, 2, List.of(), 1));
    assertThrows(IllegalArgumentException.class, () -> new DemoCityPlan("110101", "x", 116.40, 39.90, 116.5, 40.0,
        100, 32, 2, List.of(), 1));
  }

  /** About 100,000 cells: the overlap check must stay near-linear. */
  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aCityOfNinetySixThousandCellsParsesWithoutProblems() {
    DemoCityPlan plan = new DemoCityPlan("110108", "海淀区", 116.0, 39.7, 116.371, 39.9845, 100, 10, 8,
        List.of(), 200001);
    DemoCity city = DemoCity.generate(plan);
    assertEquals(96_100, city.cells().size());

    GridParseResult result = GridGeoJson.parse(GridGeoJson.toFeatureCollection(city.cells()), null);

    assertFalse(result.hasProblems(), () -> "first problems: " + result.problems().stream().limit(3).toList());
    assertEquals(96_100, result.cells().size());
  }
}
