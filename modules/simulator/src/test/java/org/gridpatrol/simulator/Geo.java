package org.gridpatrol.simulator;

/** Great-circle distance for the tests, the same formula as the server's speed filter. */
final class Geo {
  private Geo() {}

  static double metres(double lat1, double lon1, double lat2, double lon2) {
    double dLat = Math.toRadians(lat2 - lat1);
    double dLon = Math.toRadians(lon2 - lon1);
    double a = Math.pow(Math.sin(dLat / 2), 2)
        + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.pow(Math.sin(dLon / 2), 2);
    return 2 * 6_371_008.8 * Math.asin(Math.min(1.0, Math.sqrt(a)));
  }
}
