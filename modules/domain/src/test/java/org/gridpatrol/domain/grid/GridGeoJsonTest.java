package org.gridpatrol.domain.grid;

import static org.gridpatrol.domain.grid.Fixtures.D;
import static org.gridpatrol.domain.grid.Fixtures.LAT;
import static org.gridpatrol.domain.grid.Fixtures.LON;
import static org.gridpatrol.domain.grid.Fixtures.cellSquare;
import static org.gridpatrol.domain.grid.Fixtures.code;
import static org.gridpatrol.domain.grid.Fixtures.collection;
import static org.gridpatrol.domain.grid.Fixtures.collectionWithCrs;
import static org.gridpatrol.domain.grid.Fixtures.feature;
import static org.gridpatrol.domain.grid.Fixtures.featureWithProperties;
import static org.gridpatrol.domain.grid.Fixtures.polygon;
import static org.gridpatrol.domain.grid.Fixtures.square;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;

class GridGeoJsonTest {

  private static GridProblem onlyProblem(GridParseResult result) {
    assertEquals(1, result.problems().size(), () -> "problems: " + result.problems());
    return result.problems().get(0);
  }

  private static List<String> codes(GridParseResult result) {
    return result.cells().stream().map(GridCell::code).toList();
  }

  @Test
  void parsesAValidCollection() {
    GridParseResult result = GridGeoJson.parse(collection(
        feature(code(1), cellSquare(0, 0)),
        feature(code(2), cellSquare(1, 0))), null);

    assertFalse(result.hasProblems(), () -> "problems: " + result.problems());
    assertEquals(List.of(code(1), code(2)), codes(result));
    GridCell first = result.cells().get(0);
    assertEquals("网格" + code(1), first.name());
    assertEquals("东城区", first.district());
    assertEquals("东华门街道", first.street());
    assertEquals("多福巷社区", first.community());
    Polygon polygon = assertInstanceOf(Polygon.class, first.geometry());
    assertEquals(new Envelope(LON, LON + D, LAT, LAT + D), polygon.getEnvelopeInternal());
  }

  @Test
  void acceptsMultiPolygonsWithHoles() {
    String multi = "{\"type\":\"MultiPolygon\",\"coordinates\":[["
        + Fixtures.ring(LON, LAT, LON + D, LAT, LON + D, LAT + D, LON, LAT + D, LON, LAT) + ","
        + Fixtures.ring(LON + D / 4, LAT + D / 4, LON + D / 2, LAT + D / 4, LON + D / 2, LAT + D / 2,
            LON + D / 4, LAT + D / 4) + "],["
        + Fixtures.ring(LON + 2 * D, LAT, LON + 3 * D, LAT, LON + 3 * D, LAT + D, LON + 2 * D, LAT) + "]]}";

    GridParseResult result = GridGeoJson.parse(collection(feature(code(1), multi)), null);

    assertFalse(result.hasProblems(), () -> "problems: " + result.problems());
    assertEquals(2, result.cells().get(0).geometry().getNumGeometries());
  }

  @Test
  void reportsTheSelfIntersectionOfABowTie() {
    String bowTie = polygon(LON, LAT, LON + D, LAT + D, LON + D, LAT, LON, LAT + D, LON, LAT);

    GridParseResult result = GridGeoJson.parse(collection(
        feature(code(1), bowTie),
        feature(code(2), cellSquare(3, 0))), null);

    GridProblem problem = onlyProblem(result);
    assertEquals(0, problem.featureIndex());
    assertEquals(code(1), problem.code());
    assertEquals("geometry", problem.field());
    assertEquals("invalid_geometry", problem.rule());
    assertTrue(problem.message().contains("Self-intersection"), problem.message());
    // The crossing of the two diagonals is the centre of the square.
    assertTrue(problem.message().contains("lon 116.4005000, lat 39.9105000"), problem.message());
    assertEquals(List.of(code(2)), codes(result));
  }

  @Test
  void reportsARingThatIsNotClosed() {
    String open = polygon(LON, LAT, LON + D, LAT, LON + D, LAT + D, LON, LAT + D);

    GridProblem problem = onlyProblem(GridGeoJson.parse(collection(feature(code(1), open)), null));

    assertEquals("invalid_geometry", problem.rule());
    assertTrue(problem.message().contains("closed"), problem.message());
  }

  @Test
  void keepsTheFirstOfDuplicateCodesAndReportsEveryLaterOne() {
    GridParseResult result = GridGeoJson.parse(collection(
        feature(code(1), cellSquare(0, 0)),
        feature(code(1), cellSquare(2, 0)),
        feature(code(2), cellSquare(4, 0)),
        feature(code(1), cellSquare(6, 0))), null);

    assertEquals(List.of(code(1), code(2)), codes(result));
    assertEquals(new Envelope(LON, LON + D, LAT, LAT + D), result.cells().get(0).geometry().getEnvelopeInternal());
    assertEquals(2, result.problems().size());
    for (int i = 0; i < 2; i++) {
      GridProblem problem = result.problems().get(i);
      assertEquals(i == 0 ? 1 : 3, problem.featureIndex());
      assertEquals("duplicate_code", problem.rule());
      assertEquals("code", problem.field());
      assertTrue(problem.message().contains("feature 0"), problem.message());
    }
  }

  @Test
  void keepsTheEarlierOfTwoOverlappingCellsAndNamesBoth() {
    GridParseResult result = GridGeoJson.parse(collection(
        feature(code(7), cellSquare(0, 0)),
        feature(code(8), cellSquare(0.5, 0))), null);

    assertEquals(List.of(code(7)), codes(result));
    GridProblem problem = onlyProblem(result);
    assertEquals(1, problem.featureIndex());
    assertEquals(code(8), problem.code());
    assertEquals("overlap", problem.rule());
    // Half a 0.001 x 0.001 degree cell at 39.91 N: 0.0005 * 111195 * 0.001 * 111195 * cos(39.91) m².
    Matcher area = Pattern.compile("cell (\\d{15}) overlaps cell (\\d{15}) \\(feature 0\\) by (\\d+) m²")
        .matcher(problem.message());
    assertTrue(area.matches(), problem.message());
    assertEquals(code(8), area.group(1));
    assertEquals(code(7), area.group(2));
    double expected = 0.0005 * 0.001 * 111_195 * 111_195 * Math.cos(Math.toRadians(LAT + D / 2));
    assertEquals(expected, Double.parseDouble(area.group(3)), 1);
  }

  @Test
  void rejectsALaterCellOncePerOverlappedCell() {
    GridParseResult result = GridGeoJson.parse(collection(
        feature(code(1), cellSquare(0, 0)),
        feature(code(2), cellSquare(1, 0)),
        feature(code(3), square(LON + D / 2, LAT, D))), null);

    assertEquals(List.of(code(1), code(2)), codes(result));
    assertEquals(2, result.problems().size());
    assertTrue(result.problems().get(0).message().contains("overlaps cell " + code(1)));
    assertTrue(result.problems().get(1).message().contains("overlaps cell " + code(2)));
  }

  @Test
  void cellsTouchingAlongEdgesAndCornersDoNotOverlap() {
    GridParseResult result = GridGeoJson.parse(collection(
        feature(code(1), cellSquare(0, 0)),
        feature(code(2), cellSquare(1, 0)),
        feature(code(3), cellSquare(0, 1)),
        feature(code(4), cellSquare(1, 1)),
        feature(code(5), cellSquare(2, 2))), null);

    assertFalse(result.hasProblems(), () -> "problems: " + result.problems());
    assertEquals(5, result.cells().size());
  }

  @Test
  void ignoresReprojectionSlivers() {
    // 0.1% of the cell overlaps its neighbour: below the 0.5% tolerance.
    GridParseResult sliver = GridGeoJson.parse(collection(
        feature(code(1), cellSquare(0, 0)),
        feature(code(2), cellSquare(0.999, 0))), null);
    // 1% overlaps: a real error.
    GridParseResult overlap = GridGeoJson.parse(collection(
        feature(code(1), cellSquare(0, 0)),
        feature(code(2), cellSquare(0.99, 0))), null);

    assertFalse(sliver.hasProblems(), () -> "problems: " + sliver.problems());
    assertEquals("overlap", onlyProblem(overlap).rule());
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"11010100100100\"", "\"110101001001000\"", "\"ABC\"", "110101001001007"})
  void reportsABadCode(String codeJson) {
    String properties = "{\"code\":" + codeJson
        + ",\"name\":\"n\",\"district\":\"d\",\"street\":\"s\",\"community\":\"c\"}";

    GridParseResult result = GridGeoJson.parse(collection(featureWithProperties(properties, cellSquare(0, 0))), null);

    GridProblem problem = onlyProblem(result);
    assertEquals("invalid_code", problem.rule());
    assertEquals("code", problem.field());
    assertTrue(result.cells().isEmpty());
  }

  @Test
  void reportsEachMissingProperty() {
    String properties = "{\"code\":\"" + code(1) + "\",\"name\":\"n\",\"district\":\"d\",\"community\":\"\"}";

    GridParseResult result = GridGeoJson.parse(collection(featureWithProperties(properties, cellSquare(0, 0))), null);

    assertTrue(result.cells().isEmpty());
    assertEquals(List.of("street", "community"), result.problems().stream().map(GridProblem::field).toList());
    result.problems().forEach(p -> {
      assertEquals("missing_property", p.rule());
      assertEquals(code(1), p.code());
    });
  }

  @Test
  void reportsAllPropertiesWhenThereAreNone() {
    GridParseResult result = GridGeoJson.parse(
        collection("{\"type\":\"Feature\",\"properties\":null,\"geometry\":" + cellSquare(0, 0) + "}"), null);

    assertEquals(List.of("code", "name", "district", "street", "community"),
        result.problems().stream().map(GridProblem::field).toList());
    assertTrue(result.problems().stream().allMatch(p -> p.rule().equals("missing_property") && p.code() == null));
  }

  @Test
  void reportsPropertyAndGeometryProblemsOfOneFeatureTogether() {
    String properties = "{\"code\":\"" + code(1) + "\",\"district\":\"d\",\"street\":\"s\",\"community\":\"c\"}";

    GridParseResult result = GridGeoJson.parse(collection(
        featureWithProperties(properties, "{\"type\":\"Point\",\"coordinates\":[116.4,39.9]}")), null);

    assertEquals(List.of("missing_property", "not_polygon"),
        result.problems().stream().map(GridProblem::rule).toList());
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "{\"type\":\"Point\",\"coordinates\":[116.4,39.9]}",
    "{\"type\":\"LineString\",\"coordinates\":[[116.4,39.9],[116.5,39.9]]}",
    "null",
  })
  void reportsGeometriesThatAreNotPolygons(String geometry) {
    GridProblem problem = onlyProblem(GridGeoJson.parse(collection(feature(code(1), geometry)), null));

    assertEquals("not_polygon", problem.rule());
    assertEquals("geometry", problem.field());
    assertEquals(0, problem.featureIndex());
  }

  @Test
  void pointMessageNamesTheType() {
    GridProblem problem = onlyProblem(GridGeoJson.parse(collection(
        feature(code(1), "{\"type\":\"Point\",\"coordinates\":[116.4,39.9]}")), null));

    assertTrue(problem.message().contains("Point"), problem.message());
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "{\"type\":\"FeatureCollection\",\"features\":[",
    "{\"type\":\"FeatureCollection\",\"features\":[]} trailing",
    "",
    "[1, 2]",
    "{\"type\":\"Feature\"}",
  })
  void reportsMalformedJsonOnce(String json) {
    GridParseResult result = GridGeoJson.parse(json, null);

    GridProblem problem = onlyProblem(result);
    assertEquals("invalid_json", problem.rule());
    assertEquals(-1, problem.featureIndex());
    assertNull(problem.code());
    assertTrue(result.cells().isEmpty());
  }

  @Test
  void reportsAFeatureThatIsNotAnObject() {
    GridParseResult result = GridGeoJson.parse(collection("42", feature(code(1), cellSquare(0, 0))), null);

    GridProblem problem = onlyProblem(result);
    assertEquals("invalid_json", problem.rule());
    assertEquals(0, problem.featureIndex());
    assertEquals(List.of(code(1)), codes(result));
  }

  @ParameterizedTest
  @ValueSource(strings = {"EPSG:999999", "EPSG:abc", "WGS 84", ""})
  void rejectsAnUnknownDeclaredCrs(String crs) {
    GridParseResult result = GridGeoJson.parse(collection(feature(code(1), cellSquare(0, 0))), crs);

    GridProblem problem = onlyProblem(result);
    assertEquals("unknown_crs", problem.rule());
    assertEquals(-1, problem.featureIndex());
    assertTrue(result.cells().isEmpty());
  }

  @Test
  void rejectsAnUnknownCrsMember() {
    String link = "{\"type\":\"link\",\"properties\":{\"href\":\"http://example.com/crs\"}}";

    GridProblem problem = onlyProblem(GridGeoJson.parse(
        collectionWithCrs(link, feature(code(1), cellSquare(0, 0))), null));

    assertEquals("unknown_crs", problem.rule());
    assertTrue(problem.message().contains("link"), problem.message());
  }

  @Test
  void transformsCgcs2000GaussKrugerToWgs84() {
    // On the central meridian (easting 500000) of EPSG:4547 the longitude is 114 E; the
    // meridian arc from the equator to 45 N is 4,984,944.378 m (UTM tables list 0.9996 times it).
    String cell = square(500000, 4984944.378, 100);

    GridParseResult result = GridGeoJson.parse(collection(feature(code(1), cell)), "EPSG:4547");

    assertFalse(result.hasProblems(), () -> "problems: " + result.problems());
    Coordinate southWest = result.cells().get(0).geometry().getCoordinates()[0];
    assertEquals(114.0, southWest.x, 1e-9);
    assertEquals(45.0, southWest.y, 1e-7);
    Envelope envelope = result.cells().get(0).geometry().getEnvelopeInternal();
    assertEquals(100, envelope.getHeight() * Earth.METRES_PER_DEGREE, 0.5);
    assertEquals(100, envelope.getWidth() * Earth.metresPerDegreeLon(45), 0.5);
  }

  @Test
  void transformsZonePrefixedGaussKruger() {
    // EPSG:4527 is 3-degree zone 39 (central meridian 117 E) with the zone number in x.
    GridParseResult result = GridGeoJson.parse(
        collection(feature(code(1), square(39_500_000, 4984944.378, 100))), "EPSG:4527");

    Coordinate southWest = result.cells().get(0).geometry().getCoordinates()[0];
    assertEquals(117.0, southWest.x, 1e-9);
    assertEquals(45.0, southWest.y, 1e-7);
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::4547\"}}",
    "{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:4547\"}}",
    "\"EPSG:4547\"",
  })
  void readsTheLegacyCrsMember(String crs) {
    GridParseResult result = GridGeoJson.parse(
        collectionWithCrs(crs, feature(code(1), square(500000, 4984944.378, 100))), null);

    assertFalse(result.hasProblems(), () -> "problems: " + result.problems());
    assertEquals(114.0, result.cells().get(0).geometry().getCoordinates()[0].x, 1e-9);
  }

  @Test
  void declaredCrsWinsOverTheCrsMember() {
    String crs = "{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::4547\"}}";

    GridParseResult result = GridGeoJson.parse(collectionWithCrs(crs, feature(code(1), cellSquare(0, 0))), "EPSG:4490");

    assertFalse(result.hasProblems(), () -> "problems: " + result.problems());
    assertEquals(LON, result.cells().get(0).geometry().getCoordinates()[0].x);
  }

  @Test
  void reportsCoordinatesOutsideTheWorld() {
    GridParseResult result = GridGeoJson.parse(collection(
        feature(code(1), square(179.9995, LAT, D)),
        feature(code(2), square(LON, 89.9995, D))), null);

    assertEquals(List.of("out_of_range", "out_of_range"), result.problems().stream().map(GridProblem::rule).toList());
    assertTrue(result.problems().get(0).message().contains("180.0005"), result.problems().get(0).message());
    assertTrue(result.cells().isEmpty());
  }

  @ParameterizedTest
  @ValueSource(doubles = {5e7, -5e7})
  void reportsProjectedCoordinatesBeyondThePoles(double northing) {
    // proj4j would silently clamp these to latitude +-90.
    GridProblem problem = onlyProblem(GridGeoJson.parse(
        collection(feature(code(1), square(500000, northing, 100))), "EPSG:4547"));

    assertEquals("out_of_range", problem.rule());
    assertTrue(problem.message().contains("EPSG:4547"), problem.message());
  }

  @Test
  void reportsProjectedCoordinatesFarOutsideTheirZone() {
    // 5,500 km west of the 114 E meridian: proj4j returns a plausible but wrong position.
    GridProblem problem = onlyProblem(GridGeoJson.parse(
        collection(feature(code(1), square(-5e6, 4e6, 100))), "EPSG:4547"));

    assertEquals("out_of_range", problem.rule());
  }

  @Test
  void roundTripsCellsThroughGeoJson() {
    GeometryFactory factory = new GeometryFactory(new PrecisionModel(), 4326);
    LinearRing shell = factory.createLinearRing(new Coordinate[] {
      new Coordinate(LON, LAT), new Coordinate(LON + D, LAT), new Coordinate(LON + D, LAT + D),
      new Coordinate(LON, LAT + D), new Coordinate(LON, LAT)});
    LinearRing hole = factory.createLinearRing(new Coordinate[] {
      new Coordinate(LON + 0.0002, LAT + 0.0002), new Coordinate(LON + 0.0004, LAT + 0.0002),
      new Coordinate(LON + 0.0004, LAT + 0.0004), new Coordinate(LON + 0.0002, LAT + 0.0002)});
    Polygon withHole = factory.createPolygon(shell, new LinearRing[] {hole});
    Polygon east = factory.createPolygon(new Coordinate[] {
      new Coordinate(LON + 2 * D, LAT), new Coordinate(LON + 3 * D, LAT), new Coordinate(LON + 3 * D, LAT + D),
      new Coordinate(LON + 2 * D, LAT + D), new Coordinate(LON + 2 * D, LAT)});
    List<GridCell> cells = List.of(
        new GridCell(code(1), "带洞网格", "东城区", "东华门街道", "多福巷社区", withHole),
        new GridCell(code(2), "多边形网格 \"quoted\"", "东城区", "东华门街道", "多福巷社区",
            factory.createMultiPolygon(new Polygon[] {east})));

    String json = GridGeoJson.toFeatureCollection(cells);
    GridParseResult result = GridGeoJson.parse(json, null);

    assertFalse(result.hasProblems(), () -> "problems: " + result.problems());
    assertEquals(cells, result.cells());
    assertEquals("MultiPolygon", result.cells().get(1).geometry().getGeometryType());
  }

  @Test
  void namesWithControlCharactersAreRefused() {
    String properties = "{\"code\":\"" + code(1) + "\",\"name\":\"a\\u0000b\",\"district\":\"东城区\","
        + "\"street\":\"东华门街道\",\"community\":\"多福巷社区\"}";
    GridParseResult result = GridGeoJson.parse(collection(featureWithProperties(properties, cellSquare(0, 0))), null);
    assertTrue(result.cells().isEmpty());
    assertEquals(GridProblem.RULE_INVALID_TEXT, result.problems().get(0).rule());
    assertEquals("name", result.problems().get(0).field());
  }
}
