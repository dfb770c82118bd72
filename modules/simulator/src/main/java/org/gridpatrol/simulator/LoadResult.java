package org.gridpatrol.simulator;

import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * The figures of one load run, over the measured window only.
 *
 * @param acceptedCheckins check-ins the server acknowledged as stored
 * @param requests         requests answered with 200
 * @param errors           requests that failed or got another status
 */
record LoadResult(String scenario, int connections, int batchSize, double measuredSeconds, long requests,
                  long acceptedCheckins, long duplicates, long rejected, long errors, long p50Micros,
                  long p99Micros, long maxMicros, double meanMicros) {

  double checkinsPerSecond() {
    return measuredSeconds > 0 ? acceptedCheckins / measuredSeconds : 0;
  }

  double requestsPerSecond() {
    return measuredSeconds > 0 ? requests / measuredSeconds : 0;
  }

  String toJson() {
    return new JsonObject()
        .put("scenario", scenario)
        .put("connections", connections)
        .put("batchSize", batchSize)
        .put("measuredSeconds", round(measuredSeconds, 3))
        .put("checkinsPerSecond", round(checkinsPerSecond(), 1))
        .put("requestsPerSecond", round(requestsPerSecond(), 1))
        .put("acceptedCheckins", acceptedCheckins)
        .put("requests", requests)
        .put("duplicates", duplicates)
        .put("rejected", rejected)
        .put("errors", errors)
        .put("p50Ms", round(p50Micros / 1000.0, 3))
        .put("p99Ms", round(p99Micros / 1000.0, 3))
        .put("maxMs", round(maxMicros / 1000.0, 3))
        .put("meanMs", round(meanMicros / 1000.0, 3))
        .encode();
  }

  String toText() {
    return String.format(Locale.ROOT, """
        scenario            %s (%s)
        connections         %d
        measured            %.1f s
        check-ins/s         %,.0f accepted (%,d in total; %,d duplicates, %,d rejected)
        requests/s          %,.0f (%,d answered 200)
        ack latency         p50 %.2f ms   p99 %.2f ms   max %.2f ms   mean %.2f ms
        errors              %,d
        """, scenario, scenario.equals("batch") ? "JSON API, " + batchSize + " check-ins per request"
            : "OsmAnd, one fix per request",
        connections, measuredSeconds, checkinsPerSecond(), acceptedCheckins, duplicates, rejected,
        requestsPerSecond(), requests, p50Micros / 1000.0, p99Micros / 1000.0, maxMicros / 1000.0,
        meanMicros / 1000.0, errors);
  }

  private static double round(double value, int decimals) {
    double scale = Math.pow(10, decimals);
    return Math.round(value * scale) / scale;
  }
}
