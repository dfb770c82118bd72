package org.gridpatrol.simulator;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes fixes in the two intake formats. Hand-built strings rather than a JSON library or String.format:
 * the load generator writes tens of thousands of fixes a second on a machine it shares with the server.
 */
final class FixEncoding {
  private static final double KNOTS_PER_METRE_PER_SECOND = 3600.0 / 1852.0;

  private FixEncoding() {}

  /** The body of {@code POST /api/v1/checkins}; the sequence is the client id, the time epoch milliseconds. */
  static String jsonBatch(List<GpsFix> fixes) {
    StringBuilder json = new StringBuilder(32 + fixes.size() * 140).append("{\"checkins\":[");
    for (int i = 0; i < fixes.size(); i++) {
      GpsFix fix = fixes.get(i);
      if (i > 0) {
        json.append(',');
      }
      json.append("{\"id\":\"").append(fix.sequence())
          .append("\",\"time\":").append(fix.epochSecond() * 1000)
          .append(",\"lat\":");
      appendFixed(json, fix.lat(), 7);
      json.append(",\"lon\":");
      appendFixed(json, fix.lon(), 7);
      json.append(",\"accuracy\":");
      appendFixed(json, fix.accuracy(), 1);
      json.append(",\"speed\":");
      appendFixed(json, fix.speed(), 2);
      json.append(",\"heading\":");
      appendFixed(json, fix.heading(), 1);
      json.append(",\"battery\":").append(fix.battery()).append('}');
    }
    return json.append("]}").toString();
  }

  /**
   * The OsmAnd (Traccar) request URI, without the endpoint's base path: the device's key in the path as Traccar
   * Client sends it (none: a legacy device), time in seconds, speed in knots.
   */
  static String osmAndQuery(String uniqueId, String key, GpsFix fix) {
    StringBuilder query = new StringBuilder(160).append(key == null ? "/" : "/k/" + key).append("?id=")
        .append(URLEncoder.encode(uniqueId, StandardCharsets.UTF_8))
        .append("&timestamp=").append(fix.epochSecond())
        .append("&lat=");
    appendFixed(query, fix.lat(), 7);
    query.append("&lon=");
    appendFixed(query, fix.lon(), 7);
    query.append("&speed=");
    appendFixed(query, fix.speed() * KNOTS_PER_METRE_PER_SECOND, 2);
    query.append("&bearing=");
    appendFixed(query, fix.heading(), 1);
    query.append("&accuracy=");
    appendFixed(query, fix.accuracy(), 1);
    return query.append("&batt=").append(fix.battery()).toString();
  }

  /** Appends a finite value rounded to the given number of decimals (at most 9), e.g. 39.9123457. */
  static void appendFixed(StringBuilder out, double value, int decimals) {
    long scale = 1;
    for (int i = 0; i < decimals; i++) {
      scale *= 10;
    }
    long scaled = Math.round(Math.abs(value) * scale);
    if (value < 0 && scaled != 0) {
      out.append('-');
    }
    out.append(scaled / scale);
    if (decimals == 0) {
      return;
    }
    String fraction = Long.toString(scaled % scale);
    out.append('.');
    for (int i = fraction.length(); i < decimals; i++) {
      out.append('0');
    }
    out.append(fraction);
  }
}
