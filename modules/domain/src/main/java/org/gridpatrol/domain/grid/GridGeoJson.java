package org.gridpatrol.domain.grid;

import static org.gridpatrol.domain.grid.GridProblem.RULE_DUPLICATE_CODE;
import static org.gridpatrol.domain.grid.GridProblem.RULE_INVALID_CODE;
import static org.gridpatrol.domain.grid.GridProblem.RULE_INVALID_GEOMETRY;
import static org.gridpatrol.domain.grid.GridProblem.RULE_INVALID_JSON;
import static org.gridpatrol.domain.grid.GridProblem.RULE_INVALID_TEXT;
import static org.gridpatrol.domain.grid.GridProblem.RULE_MISSING_PROPERTY;
import static org.gridpatrol.domain.grid.GridProblem.RULE_NOT_POLYGON;
import static org.gridpatrol.domain.grid.GridProblem.RULE_OUT_OF_RANGE;
import static org.gridpatrol.domain.grid.GridProblem.RULE_OVERLAP;
import static org.gridpatrol.domain.grid.GridProblem.RULE_UNKNOWN_CRS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateReferenceSystem;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.Proj4jException;
import org.locationtech.proj4j.ProjCoordinate;

/**
 * Reads and writes grid cells as a GeoJSON FeatureCollection whose features carry the
 * properties {@code code, name, district, street, community} and a Polygon or
 * MultiPolygon geometry.
 */
public final class GridGeoJson {

  /**
   * Overlaps up to this share of the smaller cell's area are slivers from reprojection
   * or digitising, not real overlaps.
   */
  static final double OVERLAP_TOLERANCE = 0.005;

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();
  private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);
  private static final List<String> NAME_PROPERTIES = List.of("name", "district", "street", "community");
  private static final Pattern EPSG_NAME =
      Pattern.compile("(?i)(?:EPSG:|urn:ogc:def:crs:EPSG:[0-9.]*:)(\\d{1,6})");
  private static final Pattern CRS84_NAME = Pattern.compile("(?i)(?:urn:ogc:def:crs:OGC:1\\.3:|OGC:)?CRS84");

  private GridGeoJson() {
  }

  /**
   * Parses and validates a FeatureCollection of grid cells.
   *
   * <p>Coordinate reference system: {@code declaredCrs} (e.g. {@code EPSG:4547}) wins when not
   * null; else the legacy GeoJSON {@code crs} member ({@code {"type":"name","properties":
   * {"name":"urn:ogc:def:crs:EPSG::4547"}}} or a plain name); else EPSG:4326. EPSG:4326 and
   * CGCS2000 (EPSG:4490) are used as they are; any other EPSG code known to proj4j is
   * transformed to WGS-84, with x = easting (or longitude) first as GeoJSON requires. A
   * position that does not transform to WGS-84 and back to within a centimetre (far outside
   * the projection zone, beyond the poles) is {@code out_of_range}, as is any longitude
   * outside -180..180 or latitude outside -90..90.
   * An unknown CRS yields a single {@code unknown_crs} problem and no cells; malformed JSON a
   * single {@code invalid_json} problem with feature index -1.
   *
   * <p>Every feature that is not accepted gets at least one problem; all property and
   * geometry problems of a feature are reported together. Conflicts are resolved in file
   * order, so the result does not depend on anything but the file:
   * <ul>
   *   <li>Duplicate code: the first feature carrying a code owns it, even if that feature is
   *       itself rejected for another reason; every later feature with the code is rejected.</li>
   *   <li>Overlap: features are admitted in file order and a feature that overlaps an already
   *       admitted cell is rejected, with one problem per overlapped cell; the earlier cell is
   *       kept. Cells that only share edges or corners do not overlap, and neither do cells
   *       whose common area is at most 0.5% of the smaller cell (reprojection slivers).</li>
   * </ul>
   *
   * @param geoJson     the GeoJSON text
   * @param declaredCrs CRS chosen by the uploader, or null to use the file's own
   */
  public static GridParseResult parse(String geoJson, String declaredCrs) {
    Objects.requireNonNull(geoJson, "geoJson");
    JsonNode root;
    try {
      root = MAPPER.readTree(geoJson);
    } catch (JsonProcessingException e) {
      return fileProblem("json", RULE_INVALID_JSON, "malformed JSON: " + e.getOriginalMessage());
    }
    JsonNode features = root.path("features");
    if (!"FeatureCollection".equals(root.path("type").asText()) || !features.isArray()) {
      return fileProblem("json", RULE_INVALID_JSON, "not a GeoJSON FeatureCollection with a features array");
    }
    String crsName = declaredCrs != null ? declaredCrs : fileCrsName(root.path("crs"));
    Optional<ToWgs84> toWgs84 = toWgs84(crsName);
    if (toWgs84.isEmpty()) {
      return fileProblem("crs", RULE_UNKNOWN_CRS, "unknown or unsupported coordinate reference system: " + crsName);
    }

    List<GridProblem> problems = new ArrayList<>();
    List<Candidate> candidates = new ArrayList<>();
    Map<String, Integer> firstFeatureByCode = new HashMap<>();
    for (int i = 0; i < features.size(); i++) {
      readFeature(i, features.get(i), toWgs84.get(), firstFeatureByCode, problems)
          .ifPresent(candidates::add);
    }
    List<GridCell> cells = admitWithoutOverlaps(candidates, problems);
    // Stable sort: a feature's own problems stay in the order they were found.
    problems.sort(Comparator.comparingInt(GridProblem::featureIndex));
    return new GridParseResult(cells, problems);
  }

  /** Writes cells as a WGS-84 FeatureCollection that {@link #parse} reads back to equal cells. */
  public static String toFeatureCollection(List<GridCell> cells) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("type", "FeatureCollection");
    ArrayNode features = root.putArray("features");
    for (GridCell cell : cells) {
      ObjectNode feature = features.addObject();
      feature.put("type", "Feature");
      ObjectNode properties = feature.putObject("properties");
      properties.put("code", cell.code());
      properties.put("name", cell.name());
      properties.put("district", cell.district());
      properties.put("street", cell.street());
      properties.put("community", cell.community());
      feature.set("geometry", geometryJson(cell.geometry()));
    }
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
  }

  /** A feature that passed its own checks, waiting for the overlap check. */
  private record Candidate(int featureIndex, GridCell cell, double area) {
  }

  /** Maps one source position to WGS-84 longitude/latitude. */
  private interface ToWgs84 {
    Coordinate apply(double x, double y) throws Rejected;
  }

  /** Why a geometry was rejected; no stack trace because it is an expected outcome. */
  private static final class Rejected extends Exception {
    private static final long serialVersionUID = 1L;
    private final String rule;

    Rejected(String rule, String message) {
      super(message, null, false, false);
      this.rule = rule;
    }
  }

  private static GridParseResult fileProblem(String field, String rule, String message) {
    return new GridParseResult(List.of(), List.of(new GridProblem(-1, null, field, rule, message)));
  }

  private static String fileCrsName(JsonNode crs) {
    if (crs.isMissingNode() || crs.isNull()) {
      return "EPSG:4326";
    }
    if (crs.isTextual()) {
      return crs.asText();
    }
    if ("name".equals(crs.path("type").asText()) && crs.path("properties").path("name").isTextual()) {
      return crs.path("properties").path("name").asText();
    }
    // e.g. a "link" CRS: reported as unknown, showing what the file said.
    return crs.toString();
  }

  private static Optional<ToWgs84> toWgs84(String crsName) {
    String name = crsName.trim();
    if (CRS84_NAME.matcher(name).matches()) {
      return Optional.of(Coordinate::new);
    }
    Matcher epsg = EPSG_NAME.matcher(name);
    if (!epsg.matches()) {
      return Optional.empty();
    }
    int code = Integer.parseInt(epsg.group(1));
    // CGCS2000 differs from WGS-84 by centimetres, far below handheld GPS accuracy.
    if (code == 4326 || code == 4490) {
      return Optional.of(Coordinate::new);
    }
    String crs = "EPSG:" + code;
    CoordinateTransform forward;
    CoordinateTransform back;
    double tolerance;
    try {
      CRSFactory factory = new CRSFactory();
      CoordinateReferenceSystem source = factory.createFromName(crs);
      CoordinateReferenceSystem wgs84 = factory.createFromName("EPSG:4326");
      forward = new CoordinateTransformFactory().createTransform(source, wgs84);
      back = new CoordinateTransformFactory().createTransform(wgs84, source);
      // About a centimetre, in degrees or in metres.
      tolerance = source.getProjection().isGeographic() ? 1e-7 : 0.01;
    } catch (Proj4jException e) {
      return Optional.empty();
    }
    return Optional.of((x, y) -> {
      ProjCoordinate lonLat = new ProjCoordinate();
      ProjCoordinate again = new ProjCoordinate();
      try {
        forward.transform(new ProjCoordinate(x, y), lonLat);
        back.transform(lonLat, again);
      } catch (RuntimeException e) {
        // proj4j reports positions outside its domain with assorted runtime exceptions.
        throw new Rejected(RULE_OUT_OF_RANGE, "position [" + x + ", " + y + "] cannot be transformed from "
            + crs + " to WGS-84: " + e.getMessage());
      }
      // proj4j clamps latitudes at the poles and wraps longitudes instead of failing, so a
      // position that does not survive the round trip is outside what the CRS can describe.
      if (!(Math.abs(again.x - x) <= tolerance && Math.abs(again.y - y) <= tolerance)) {
        throw new Rejected(RULE_OUT_OF_RANGE, "position [" + x + ", " + y + "] is outside the area " + crs
            + " can describe (it does not transform to WGS-84 and back)");
      }
      return new Coordinate(lonLat.x, lonLat.y);
    });
  }

  private static Optional<Candidate> readFeature(int index, JsonNode feature, ToWgs84 toWgs84,
                         Map<String, Integer> firstFeatureByCode,
                         List<GridProblem> problems) {
    if (!feature.isObject()) {
      problems.add(new GridProblem(index, null, "json", RULE_INVALID_JSON, "feature is not a JSON object"));
      return Optional.empty();
    }
    int problemsBefore = problems.size();
    JsonNode properties = feature.path("properties");
    String code = readCode(index, properties.path("code"), firstFeatureByCode, problems);
    Map<String, String> names = new HashMap<>();
    for (String field : NAME_PROPERTIES) {
      JsonNode value = properties.path(field);
      if (value.isTextual() && !value.asText().isBlank() && hasControlCharacter(value.asText())) {
        problems.add(new GridProblem(index, code, field, RULE_INVALID_TEXT,
            "property '" + field + "' contains control characters"));
      } else if (value.isTextual() && !value.asText().isBlank()) {
        names.put(field, value.asText());
      } else {
        problems.add(new GridProblem(index, code, field, RULE_MISSING_PROPERTY,
            "property '" + field + "' is missing or not a non-empty string"));
      }
    }
    Geometry geometry = null;
    try {
      geometry = readGeometry(feature.path("geometry"), toWgs84);
    } catch (Rejected e) {
      problems.add(new GridProblem(index, code, "geometry", e.rule, e.getMessage()));
    }
    if (problems.size() > problemsBefore) {
      return Optional.empty();
    }
    GridCell cell = new GridCell(code, names.get("name"), names.get("district"), names.get("street"),
        names.get("community"), geometry);
    return Optional.of(new Candidate(index, cell, geometry.getArea()));
  }

  /** Names are shown to people and stored as text; control characters (NUL above all) have no place there. */
  private static boolean hasControlCharacter(String text) {
    return text.chars().anyMatch(Character::isISOControl);
  }

  /** Returns the code as written (even if invalid, to help find the feature), or null if absent. */
  private static String readCode(int index, JsonNode value, Map<String, Integer> firstFeatureByCode,
                 List<GridProblem> problems) {
    if (value.isMissingNode() || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
      problems.add(new GridProblem(index, null, "code", RULE_MISSING_PROPERTY, "property 'code' is missing"));
      return null;
    }
    if (!value.isTextual()) {
      problems.add(new GridProblem(index, null, "code", RULE_INVALID_CODE,
          "code must be a string of 15 digits, got " + value));
      return null;
    }
    String code = value.asText();
    if (!CellCode.isValid(code)) {
      problems.add(new GridProblem(index, code, "code", RULE_INVALID_CODE,
          "code '" + code + "' is not a valid 15-digit cell code"));
      return code;
    }
    Integer first = firstFeatureByCode.putIfAbsent(code, index);
    if (first != null) {
      problems.add(new GridProblem(index, code, "code", RULE_DUPLICATE_CODE,
          "code " + code + " is already used by feature " + first));
    }
    return code;
  }

  private static Geometry readGeometry(JsonNode json, ToWgs84 toWgs84) throws Rejected {
    if (json.isMissingNode() || json.isNull()) {
      throw new Rejected(RULE_NOT_POLYGON, "feature has no geometry");
    }
    String type = json.path("type").asText();
    JsonNode coordinates = json.path("coordinates");
    Geometry geometry;
    if ("Polygon".equals(type)) {
      geometry = polygon(coordinates, toWgs84);
    } else if ("MultiPolygon".equals(type)) {
      requireArray(coordinates, "MultiPolygon coordinates");
      Polygon[] parts = new Polygon[coordinates.size()];
      for (int i = 0; i < parts.length; i++) {
        parts[i] = polygon(coordinates.get(i), toWgs84);
      }
      geometry = WGS84.createMultiPolygon(parts);
    } else {
      throw new Rejected(RULE_NOT_POLYGON,
          "geometry type is '" + type + "', expected Polygon or MultiPolygon");
    }
    if (geometry.isEmpty()) {
      throw new Rejected(RULE_INVALID_GEOMETRY, "geometry is empty");
    }
    TopologyValidationError error = new IsValidOp(geometry).getValidationError();
    if (error != null) {
      Coordinate at = error.getCoordinate();
      throw new Rejected(RULE_INVALID_GEOMETRY,
          String.format(Locale.ROOT, "invalid geometry: %s at lon %.7f, lat %.7f", error.getMessage(), at.x, at.y));
    }
    return geometry;
  }

  private static Polygon polygon(JsonNode rings, ToWgs84 toWgs84) throws Rejected {
    requireArray(rings, "Polygon coordinates");
    if (rings.isEmpty()) {
      throw new Rejected(RULE_INVALID_GEOMETRY, "polygon has no rings");
    }
    LinearRing shell = ring(rings.get(0), toWgs84);
    LinearRing[] holes = new LinearRing[rings.size() - 1];
    for (int i = 0; i < holes.length; i++) {
      holes[i] = ring(rings.get(i + 1), toWgs84);
    }
    try {
      return WGS84.createPolygon(shell, holes);
    } catch (IllegalArgumentException e) {
      throw new Rejected(RULE_INVALID_GEOMETRY, "invalid polygon: " + e.getMessage());
    }
  }

  private static LinearRing ring(JsonNode positions, ToWgs84 toWgs84) throws Rejected {
    requireArray(positions, "ring");
    Coordinate[] coordinates = new Coordinate[positions.size()];
    for (int i = 0; i < coordinates.length; i++) {
      coordinates[i] = position(positions.get(i), toWgs84);
    }
    try {
      return WGS84.createLinearRing(coordinates);
    } catch (IllegalArgumentException e) {
      // e.g. fewer than 4 positions or first position not repeated at the end
      throw new Rejected(RULE_INVALID_GEOMETRY, "invalid ring: " + e.getMessage());
    }
  }

  private static Coordinate position(JsonNode json, ToWgs84 toWgs84) throws Rejected {
    if (!json.isArray() || json.size() < 2 || !json.get(0).isNumber() || !json.get(1).isNumber()) {
      throw new Rejected(RULE_INVALID_GEOMETRY, "malformed position " + json + ", expected [x, y]");
    }
    double x = json.get(0).asDouble();
    double y = json.get(1).asDouble();
    Coordinate lonLat = toWgs84.apply(x, y);
    // Written so that NaN from a failed transformation is out of range too.
    if (!(Math.abs(lonLat.x) <= 180 && Math.abs(lonLat.y) <= 90)) {
      throw new Rejected(RULE_OUT_OF_RANGE, "position [" + x + ", " + y + "] is at longitude " + lonLat.x
          + ", latitude " + lonLat.y + ", outside -180..180 / -90..90");
    }
    return lonLat;
  }

  private static void requireArray(JsonNode json, String what) throws Rejected {
    if (!json.isArray()) {
      throw new Rejected(RULE_INVALID_GEOMETRY, what + " must be an array");
    }
  }

  /**
   * Admits candidates in file order, rejecting each one that overlaps an admitted cell.
   * The STRtree limits the exact test to cells whose envelopes meet, so this stays
   * near-linear for large grids.
   */
  private static List<GridCell> admitWithoutOverlaps(List<Candidate> candidates, List<GridProblem> problems) {
    STRtree tree = new STRtree();
    for (int k = 0; k < candidates.size(); k++) {
      tree.insert(candidates.get(k).cell().geometry().getEnvelopeInternal(), k);
    }
    boolean[] rejected = new boolean[candidates.size()];
    List<GridCell> admitted = new ArrayList<>();
    for (int k = 0; k < candidates.size(); k++) {
      Candidate later = candidates.get(k);
      List<Integer> earlier = new ArrayList<>();
      int current = k;
      tree.query(later.cell().geometry().getEnvelopeInternal(), item -> {
        int j = (Integer) item;
        if (j < current && !rejected[j]) {
          earlier.add(j);
        }
      });
      // The tree returns hits in no particular order; sort for reproducible problems.
      earlier.sort(Comparator.naturalOrder());
      for (int j : earlier) {
        Candidate first = candidates.get(j);
        double overlapM2 = significantOverlapM2(first, later);
        if (overlapM2 > 0) {
          rejected[k] = true;
          problems.add(new GridProblem(later.featureIndex(), later.cell().code(), "geometry", RULE_OVERLAP,
              "cell " + later.cell().code() + " overlaps cell " + first.cell().code() + " (feature "
                  + first.featureIndex() + ") by " + Math.round(overlapM2) + " m²"));
        }
      }
      if (!rejected[k]) {
        admitted.add(later.cell());
      }
    }
    return admitted;
  }

  /** Approximate common area in m², or 0 when it is within {@link #OVERLAP_TOLERANCE}. */
  private static double significantOverlapM2(Candidate a, Candidate b) {
    Geometry ga = a.cell().geometry();
    Geometry gb = b.cell().geometry();
    double threshold = OVERLAP_TOLERANCE * Math.min(a.area(), b.area());
    Envelope common = ga.getEnvelopeInternal().intersection(gb.getEnvelopeInternal());
    // Cheap upper bound: neighbours sharing an edge have a common envelope of no area.
    if (common.getArea() <= threshold) {
      return 0;
    }
    double area = OverlayNGRobust.overlay(ga, gb, OverlayNG.INTERSECTION).getArea();
    if (area <= threshold) {
      return 0;
    }
    return area * Earth.METRES_PER_DEGREE * Earth.metresPerDegreeLon(common.centre().y);
  }

  private static ObjectNode geometryJson(Geometry geometry) {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("type", geometry.getGeometryType());
    ArrayNode coordinates = json.putArray("coordinates");
    if (geometry instanceof Polygon polygon) {
      writePolygon(coordinates, polygon);
    } else if (geometry instanceof MultiPolygon multi) {
      for (int i = 0; i < multi.getNumGeometries(); i++) {
        writePolygon(coordinates.addArray(), (Polygon) multi.getGeometryN(i));
      }
    } else {
      throw new IllegalArgumentException("cell geometry must be a Polygon or MultiPolygon, got "
          + geometry.getGeometryType());
    }
    return json;
  }

  private static void writePolygon(ArrayNode rings, Polygon polygon) {
    writeRing(rings.addArray(), polygon.getExteriorRing());
    for (int i = 0; i < polygon.getNumInteriorRing(); i++) {
      writeRing(rings.addArray(), polygon.getInteriorRingN(i));
    }
  }

  private static void writeRing(ArrayNode positions, LinearRing ring) {
    for (Coordinate c : ring.getCoordinates()) {
      positions.addArray().add(c.x).add(c.y);
    }
  }
}
