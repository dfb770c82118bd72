package org.gridpatrol.domain.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import org.gridpatrol.domain.grid.CellIndex.IndexedCell;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;

class CellIndexTest {

  private static final GeometryFactory FACTORY = new GeometryFactory();
  /**
   * 40 x 40 axis-aligned squares of 0.001 degrees from 116.394, 39.944 (north-west) like the demo city's: row r
   * from the north is community r + 1, column c from the west is sequence c + 1, so codes grow eastwards and
   * southwards. Each ring runs SW, SE, NE, NW.
   */
  private static final List<IndexedCell> SQUARES = squares();
  /** A 10 x 10 lattice of squares each cut along a diagonal: not rectangles, so JTS takes the full path. */
  private static final List<IndexedCell> TRIANGLES = triangles();
  private static final CellIndex SQUARE_INDEX = CellIndex.build(SQUARES);
  private static final CellIndex TRIANGLE_INDEX = CellIndex.build(TRIANGLES);

  private static List<IndexedCell> squares() {
    List<IndexedCell> cells = new ArrayList<>();
    double d = Fixtures.D;
    for (int row = 0; row < 40; row++) {
      for (int col = 0; col < 40; col++) {
        double x0 = 116.394 + col * d;
        double y0 = 39.944 - (row + 1) * d;
        Coordinate sw = new Coordinate(x0, y0);
        cells.add(new IndexedCell(1000 + cells.size(), CellCode.of("110101", 1, row + 1, col + 1),
            FACTORY.createPolygon(new Coordinate[] {sw, new Coordinate(x0 + d, y0), new Coordinate(x0 + d, y0 + d),
                new Coordinate(x0, y0 + d), sw})));
      }
    }
    return cells;
  }

  private static List<IndexedCell> triangles() {
    List<IndexedCell> cells = new ArrayList<>();
    double d = Fixtures.D;
    for (int row = 0; row < 10; row++) {
      for (int col = 0; col < 10; col++) {
        double x0 = Fixtures.LON + col * d;
        double y0 = Fixtures.LAT + row * d;
        Coordinate sw = new Coordinate(x0, y0);
        Coordinate se = new Coordinate(x0 + d, y0);
        Coordinate ne = new Coordinate(x0 + d, y0 + d);
        Coordinate nw = new Coordinate(x0, y0 + d);
        int seq = cells.size() + 1;
        cells.add(new IndexedCell(seq, CellCode.of("110101", 1, 1, seq),
            FACTORY.createPolygon(new Coordinate[] {sw, se, ne, sw})));
        cells.add(new IndexedCell(seq + 1, CellCode.of("110101", 1, 1, seq + 1),
            FACTORY.createPolygon(new Coordinate[] {sw, ne, nw, sw})));
      }
    }
    return cells;
  }

  private static Optional<String> bruteForce(List<IndexedCell> cells, double lat, double lon) {
    Point point = FACTORY.createPoint(new Coordinate(lon, lat));
    return cells.stream()
        .filter(c -> c.geometry().covers(point))
        .map(IndexedCell::code)
        .min(Comparator.naturalOrder());
  }

  private static Optional<String> located(CellIndex index, double lat, double lon) {
    return index.locate(lat, lon).map(IndexedCell::code);
  }

  @Property(tries = 2000)
  void squaresAgreeWithBruteForce(@ForAll @Scale(9) @DoubleRange(min = 116.394, max = 116.443) double lon,
                  @ForAll @Scale(9) @DoubleRange(min = 39.904, max = 39.942) double lat) {
    assertEquals(bruteForce(SQUARES, lat, lon), located(SQUARE_INDEX, lat, lon));
  }

  @Property(tries = 2000)
  void trianglesAgreeWithBruteForce(@ForAll @Scale(9) @DoubleRange(min = 116.3995, max = 116.4105) double lon,
                   @ForAll @Scale(9) @DoubleRange(min = 39.9095, max = 39.9205) double lat) {
    assertEquals(bruteForce(TRIANGLES, lat, lon), located(TRIANGLE_INDEX, lat, lon));
  }

  /** Random points almost never hit an edge, so pick vertices and edge midpoints on purpose. */
  @Property(tries = 2000)
  void boundaryPointsAgreeWithBruteForce(@ForAll @IntRange(min = 0, max = 1599) int cell,
                     @ForAll @IntRange(min = 0, max = 3) int corner,
                     @ForAll boolean midpoint) {
    Coordinate[] ring = SQUARES.get(cell).geometry().getCoordinates();
    Coordinate a = ring[corner];
    Coordinate b = ring[corner + 1];
    // The edges are axis-parallel, so the midpoint lies exactly on the edge.
    double lon = midpoint ? (a.x + b.x) / 2 : a.x;
    double lat = midpoint ? (a.y + b.y) / 2 : a.y;

    Optional<String> found = located(SQUARE_INDEX, lat, lon);

    assertEquals(bruteForce(SQUARES, lat, lon), found);
    assertTrue(found.orElseThrow().compareTo(SQUARES.get(cell).code()) <= 0);
  }

  @Test
  void sharedEdgesAndCornersGoToTheSmallestCode() {
    // The north-west square, the one east of it and the two south of them.
    Coordinate[] first = SQUARES.get(0).geometry().getCoordinates(); // SW, SE, NE, NW
    assertEquals("110101001001001", SQUARES.get(0).code());
    double eastEdge = first[1].x;
    double southEdge = first[0].y;
    double middleLat = (first[1].y + first[2].y) / 2;
    double middleLon = (first[0].x + first[1].x) / 2;

    assertEquals(Optional.of("110101001001001"), located(SQUARE_INDEX, middleLat, eastEdge));
    assertEquals(Optional.of("110101001001001"), located(SQUARE_INDEX, southEdge, middleLon));
    assertEquals(Optional.of("110101001001001"), located(SQUARE_INDEX, southEdge, eastEdge));
    // Between the second square and the one south of it only.
    Coordinate[] second = SQUARES.get(1).geometry().getCoordinates();
    assertEquals(Optional.of("110101001001002"), located(SQUARE_INDEX, second[0].y, (second[0].x + second[1].x) / 2));
  }

  @Test
  void answersDoNotDependOnInputOrder() {
    List<IndexedCell> reversed = new ArrayList<>(SQUARES);
    Collections.reverse(reversed);
    CellIndex index = CellIndex.build(reversed);
    Coordinate corner = SQUARES.get(0).geometry().getCoordinates()[1];

    assertEquals(Optional.of("110101001001001"), located(index, corner.y, corner.x));
  }

  @Test
  void pointsOutsideEveryCellFindNothing() {
    assertEquals(Optional.empty(), SQUARE_INDEX.locate(39.92, 116.30));
    assertEquals(Optional.empty(), SQUARE_INDEX.locate(39.95, 116.42));
    assertEquals(Optional.empty(), SQUARE_INDEX.locate(Double.NaN, 116.42));
    assertEquals(Optional.empty(), CellIndex.empty().locate(39.92, 116.42));
  }

  @Test
  void argumentOrderIsLatitudeThenLongitude() {
    // Swapped, the position is not even on Earth, let alone in a cell.
    assertTrue(SQUARE_INDEX.locate(39.92, 116.42).isPresent());
    assertTrue(SQUARE_INDEX.locate(116.42, 39.92).isEmpty());
  }

  @Test
  void looksUpByCodeAndById() {
    IndexedCell cell = SQUARES.get(42);

    assertEquals(Optional.of(cell), SQUARE_INDEX.byCode(cell.code()));
    assertEquals(Optional.of(cell), SQUARE_INDEX.byId(cell.id()));
    assertEquals(Optional.empty(), SQUARE_INDEX.byId(-1));
    assertEquals(Optional.empty(), SQUARE_INDEX.byCode("110101999999999"));
    assertEquals(Optional.empty(), SQUARE_INDEX.byCode(null));
    assertEquals(1600, SQUARE_INDEX.size());
    assertEquals(0, CellIndex.empty().size());
  }

  @Test
  void refusesDuplicateCodes() {
    IndexedCell cell = SQUARES.get(0);
    IndexedCell copy = new IndexedCell(99, cell.code(), SQUARES.get(1).geometry());

    assertThrows(IllegalArgumentException.class, () -> CellIndex.build(List.of(cell, copy)));
  }

  @Test
  void concurrentReadersGetTheSameAnswersAsBruteForce() throws Exception {
    Random random = new Random(7);
    int points = 5000;
    double[] lats = new double[points];
    double[] lons = new double[points];
    List<Optional<String>> expected = new ArrayList<>();
    for (int i = 0; i < points; i++) {
      lons[i] = 116.3995 + random.nextDouble() * 0.011;
      lats[i] = 39.9095 + random.nextDouble() * 0.011;
      expected.add(bruteForce(TRIANGLES, lats[i], lons[i]));
    }
    // A fresh index, so the threads race on its very first queries.
    CellIndex index = CellIndex.build(TRIANGLES);
    int threads = 8;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<Optional<String>>>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        results.add(pool.submit(() -> {
          start.await();
          List<Optional<String>> answers = new ArrayList<>();
          for (int i = 0; i < points; i++) {
            answers.add(located(index, lats[i], lons[i]));
          }
          return answers;
        }));
      }
      start.countDown();
      for (Future<List<Optional<String>>> result : results) {
        assertEquals(expected, result.get(60, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    assertTrue(expected.stream().filter(Optional::isPresent).count() > points / 2, "most points hit a cell");
  }

  @Test
  void anAreaSelectsTheCellsWhoseInsideItCovers() {
    CellIndex index = CellIndex.build(SQUARES);
    IndexedCell corner = SQUARES.stream().min(Comparator.comparing(IndexedCell::code)).orElseThrow();
    Envelope box = corner.geometry().getEnvelopeInternal();
    // A rectangle around the first cell, reaching only a sliver into its neighbours.
    box.expandBy(box.getWidth() * 0.1, box.getHeight() * 0.1);
    List<IndexedCell> selected = index.inArea(new GeometryFactory().toGeometry(box));
    assertEquals(List.of(corner), selected);
    // A rectangle over the whole demo city selects every cell.
    Envelope all = new Envelope();
    SQUARES.forEach(c -> all.expandToInclude(c.geometry().getEnvelopeInternal()));
    assertEquals(SQUARES.size(), index.inArea(new GeometryFactory().toGeometry(all)).size());
  }
}
