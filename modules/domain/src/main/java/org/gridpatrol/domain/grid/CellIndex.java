package org.gridpatrol.domain.grid;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.distance.DistanceOp;

/**
 * Immutable point-to-cell lookup, safe to share between any number of threads.
 *
 * <p>Why the constructor does all the work: the JTS structures used here initialise
 * themselves lazily on first use. In JTS 1.20 that lazy initialisation is guarded
 * ({@code AbstractSTRtree.build()} and {@code PreparedPolygon.getPointLocator()} are
 * synchronized, {@code IndexedPointInAreaLocator} and {@code SortedPackedIntervalRTree}
 * use volatile fields), and {@code Geometry.getEnvelopeInternal()} caches its envelope
 * in a plain field. Rather than depend on those details, the constructor builds the
 * tree, computes every envelope and runs one point test per prepared geometry, so readers
 * only ever read. All state hangs off final fields, which publishes it safely to other
 * threads (JLS 17.5). The geometries handed in must not be modified afterwards.
 */
public final class CellIndex {

  /**
   * A cell as the index sees it.
   *
   * @param id       the cell's database id
   * @param code     the cell code, unique within one index
   * @param geometry polygonal cell geometry in WGS-84, x = longitude, y = latitude
   */
  public record IndexedCell(long id, String code, Geometry geometry) {
    public IndexedCell {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(geometry, "geometry");
    }

    /** How far a position lies from the cell, in metres: 0 inside it or on its edge. */
    public double metresFrom(double lat, double lon) {
      Point point = POINTS.createPoint(new Coordinate(lon, lat));
      if (geometry.covers(point)) {
        return 0;
      }
      Coordinate nearest = DistanceOp.nearestPoints(geometry, point)[0];
      return Math.hypot((nearest.x - lon) * Earth.metresPerDegreeLon(lat), (nearest.y - lat) * Earth.METRES_PER_DEGREE);
    }
  }

  private record Entry(IndexedCell cell, PreparedGeometry prepared) {
  }

  /** On a shared edge or corner the smallest code wins, so the answer never depends on tree order. */
  private static final Comparator<IndexedCell> PREFERRED =
      Comparator.comparing(IndexedCell::code).thenComparingLong(IndexedCell::id);
  private static final GeometryFactory POINTS = new GeometryFactory();
  private static final CellIndex EMPTY = new CellIndex(List.of());

  private final STRtree tree;
  private final Map<String, IndexedCell> cellsByCode;
  private final Map<Long, IndexedCell> cellsById;

  private CellIndex(List<IndexedCell> cells) {
    STRtree entries = new STRtree();
    Map<String, IndexedCell> byCode = new HashMap<>();
    Map<Long, IndexedCell> byId = new HashMap<>();
    for (IndexedCell cell : cells) {
      if (byCode.putIfAbsent(cell.code(), cell) != null) {
        throw new IllegalArgumentException("duplicate cell code " + cell.code());
      }
      byId.put(cell.id(), cell);
      PreparedGeometry prepared = PreparedGeometryFactory.prepare(cell.geometry());
      // A vertex lies on the boundary, so this runs the full point-in-polygon path and
      // builds the lazily created locator index now.
      prepared.covers(POINTS.createPoint(cell.geometry().getCoordinate()));
      entries.insert(cell.geometry().getEnvelopeInternal(), new Entry(cell, prepared));
    }
    entries.build();
    this.tree = entries;
    this.cellsByCode = Map.copyOf(byCode);
    this.cellsById = Map.copyOf(byId);
  }

  /**
   * Builds an index over the given cells.
   *
   * @throws IllegalArgumentException if two cells share a code
   */
  public static CellIndex build(List<IndexedCell> cells) {
    return new CellIndex(cells);
  }

  public static CellIndex empty() {
    return EMPTY;
  }

  /**
   * Finds the cell covering a position (cell boundaries included). When the position lies
   * on a boundary shared by several cells, the one with the smallest code is returned.
   *
   * @param lat WGS-84 latitude
   * @param lon WGS-84 longitude
   * @return the cell, or empty if no cell covers the position or a coordinate is not finite
   */
  public Optional<IndexedCell> locate(double lat, double lon) {
    if (!Double.isFinite(lat) || !Double.isFinite(lon)) {
      return Optional.empty();
    }
    Point point = POINTS.createPoint(new Coordinate(lon, lat));
    List<IndexedCell> covering = new ArrayList<>(2);
    for (Object item : tree.query(new Envelope(lon, lon, lat, lat))) {
      Entry entry = (Entry) item;
      if (entry.prepared().covers(point)) {
        covering.add(entry.cell());
      }
    }
    return covering.stream().min(PREFERRED);
  }

  /**
   * The cells whose interior point (a point guaranteed inside the cell, see JTS {@code getInteriorPoint}) lies
   * in the area, in code order: how a planner's polygon selects cells. Cells the area only grazes are left out.
   *
   * @param area a polygon or multipolygon in WGS-84
   */
  public List<IndexedCell> inArea(Geometry area) {
    PreparedGeometry prepared = PreparedGeometryFactory.prepare(area);
    List<IndexedCell> inside = new ArrayList<>();
    for (Object item : tree.query(area.getEnvelopeInternal())) {
      IndexedCell cell = ((Entry) item).cell();
      if (prepared.covers(cell.geometry().getInteriorPoint())) {
        inside.add(cell);
      }
    }
    inside.sort(PREFERRED);
    return inside;
  }

  public Optional<IndexedCell> byCode(String code) {
    // Immutable maps reject get(null); a missing code simply finds nothing.
    return code == null ? Optional.empty() : Optional.ofNullable(cellsByCode.get(code));
  }

  /** The cell with this database id, if the index holds it. */
  public Optional<IndexedCell> byId(long id) {
    return Optional.ofNullable(cellsById.get(id));
  }

  public int size() {
    return cellsByCode.size();
  }
}
