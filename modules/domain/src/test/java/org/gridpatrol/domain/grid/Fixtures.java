package org.gridpatrol.domain.grid;

import java.util.StringJoiner;

/** Builds small GeoJSON documents for tests. */
final class Fixtures {

  /** South-west corner of the test area, near the Forbidden City. */
  static final double LON = 116.40;
  static final double LAT = 39.91;
  /** Cell side in degrees, roughly 85 m x 111 m here. */
  static final double D = 0.001;

  private Fixtures() {
  }

  /** A square cell whose south-west corner is (col, row) cells from (LON, LAT). */
  static String cellSquare(double col, double row) {
    return square(LON + col * D, LAT + row * D, D);
  }

  static String square(double west, double south, double size) {
    return polygon(west, south, west + size, south, west + size, south + size, west, south + size, west, south);
  }

  /** A Polygon with one ring given as x1, y1, x2, y2, ... */
  static String polygon(double... xy) {
    return "{\"type\":\"Polygon\",\"coordinates\":[" + ring(xy) + "]}";
  }

  static String ring(double... xy) {
    StringJoiner positions = new StringJoiner(",", "[", "]");
    for (int i = 0; i < xy.length; i += 2) {
      positions.add("[" + xy[i] + "," + xy[i + 1] + "]");
    }
    return positions.toString();
  }

  static String feature(String code, String geometry) {
    return featureWithProperties("{\"code\":\"" + code + "\",\"name\":\"网格" + code
        + "\",\"district\":\"东城区\",\"street\":\"东华门街道\",\"community\":\"多福巷社区\"}", geometry);
  }

  static String featureWithProperties(String properties, String geometry) {
    return "{\"type\":\"Feature\",\"properties\":" + properties + ",\"geometry\":" + geometry + "}";
  }

  static String collection(String... features) {
    return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
  }

  static String collectionWithCrs(String crs, String... features) {
    return "{\"type\":\"FeatureCollection\",\"crs\":" + crs + ",\"features\":[" + String.join(",", features) + "]}";
  }

  static String code(int seq) {
    return CellCode.of("110101", 1, 1, seq);
  }
}
