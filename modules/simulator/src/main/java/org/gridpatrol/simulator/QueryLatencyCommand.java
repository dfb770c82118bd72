package org.gridpatrol.simulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code query-latency}: how long the read API takes, path by path, one request at a time. */
@Command(name = "query-latency", mixinStandardHelpOptions = true,
    description = "Sends GET requests to each PATH in turn, one at a time, after a warm-up, and prints the "
        + "latency (p50, p99, max) per path. Every answer must be 200.")
final class QueryLatencyCommand implements Callable<Integer> {
  @Option(names = "--server", defaultValue = "http://localhost:8080", description = "Node (default: ${DEFAULT-VALUE}).")
  String server;

  @Option(names = "--path", required = true, description = "A path with query, e.g. /api/v1/officers/P0001; repeatable.")
  List<String> paths;

  @Option(names = "--token", description = "Bearer token to read with: a session token (POST /api/v1/login) or "
      + "the node's admin token. The read API answers nobody without one.")
  String token;

  @Option(names = "--requests", defaultValue = "200", description = "Measured requests per path (default: ${DEFAULT-VALUE}).")
  int requests;

  @Option(names = "--warmup", defaultValue = "50", description = "Unmeasured requests per path first (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--json", description = "Print one JSON line: {\"paths\": [{path, p50Ms, p99Ms, maxMs}]}.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (requests < 1 || warmup < 0) {
      throw new IllegalArgumentException("--requests must be at least 1 and --warmup at least 0");
    }
    if (!Endpoint.parse(server).isLoopback()) {
      throw new IllegalArgumentException("query-latency only measures a node on this machine, not " + server);
    }
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    JsonArray results = new JsonArray();
    for (String path : paths) {
      HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(server + path)).timeout(Duration.ofSeconds(30)).GET();
      if (token != null) {
        builder.header("Authorization", "Bearer " + token);
      }
      HttpRequest request = builder.build();
      long[] nanos = new long[requests];
      for (int i = -warmup; i < requests; i++) {
        long started = System.nanoTime();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        long took = System.nanoTime() - started;
        if (response.statusCode() != 200) {
          throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        if (i >= 0) {
          nanos[i] = took;
        }
      }
      Arrays.sort(nanos);
      JsonObject result = new JsonObject().put("path", path)
          .put("p50Ms", millis(nanos[requests / 2]))
          .put("p99Ms", millis(nanos[Math.min(requests - 1, (int) Math.ceil(requests * 0.99) - 1)]))
          .put("maxMs", millis(nanos[requests - 1]));
      results.add(result);
      if (!json) {
        System.out.printf("%-70s p50 %7.2f ms   p99 %7.2f ms   max %7.2f ms%n", path, result.getDouble("p50Ms"),
            result.getDouble("p99Ms"), result.getDouble("maxMs"));
      }
    }
    if (json) {
      System.out.println(new JsonObject().put("paths", results).encode());
    }
    return 0;
  }

  private static double millis(long nanos) {
    return Math.round(nanos / 10_000.0) / 100.0;
  }
}
