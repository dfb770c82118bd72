package org.gridpatrol.simulator;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code load}: the ingest benchmark's load generator. */
@Command(name = "load", mixinStandardHelpOptions = true,
    description = {
        "Ingest benchmark load: accepted check-ins per second and acknowledgement latency.",
        "Only a node on this machine (loopback) is accepted as a target.",
        "Drives a node's check-in intake as hard as it will go and measures accepted check-ins per second and "
            + "acknowledgement latency (request sent -> response complete, i.e. committed).",
        "Each connection keeps one request in flight. Fix clocks start days in the past and advance one second "
            + "per fix, so every device sends increasing fix times with walking-speed movement. Run it against a "
            + "fresh node (as scripts/bench-ingest.sh does): a second osmand run on the same database may repeat "
            + "fix times of the first, which the server acknowledges without storing."})
final class LoadCommand implements Callable<Integer> {
  /** Each scenario gets its own span of fix time, so a batch run and an osmand run on one node do not overlap. */
  private static final Duration BATCH_CLOCK_START = Duration.ofDays(6);
  private static final Duration OSMAND_CLOCK_START = Duration.ofDays(3);

  @Option(names = "--scenario", required = true, paramLabel = "batch|osmand",
      description = "batch: JSON API, --batch-size check-ins per POST; osmand: one fix per GET on the OsmAnd port.")
  String scenario;

  @Option(names = "--server", defaultValue = "http://localhost:8080",
      description = "JSON API (default: ${DEFAULT-VALUE}).")
  String server;

  @Option(names = "--osmand", defaultValue = "http://localhost:5055",
      description = "OsmAnd intake (default: ${DEFAULT-VALUE}).")
  String osmAnd;

  @Option(names = "--devices", defaultValue = "data/demo-devices.csv",
      description = "Devices file written by the node (default: ${DEFAULT-VALUE}).")
  Path devices;

  @Option(names = "--city", defaultValue = "config/demo-city.yaml",
      description = "The demo city plan the node loaded (default: ${DEFAULT-VALUE}).")
  Path city;

  @Option(names = "--connections",
      description = "Keep-alive HTTP/1.1 connections (default: 32 for batch, 64 for osmand).")
  Integer connections;

  @Option(names = "--batch-size", defaultValue = "50",
      description = "Check-ins per request in the batch scenario, 1..500 (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--rate", defaultValue = "0",
      description = "Check-ins per second to send at, paced (default: 0, as many as the node answers).")
  int rate;

  @Option(names = "--duration", defaultValue = "30", description = "Measured seconds (default: ${DEFAULT-VALUE}).")
  int duration;

  @Option(names = "--warmup", defaultValue = "5",
      description = "Seconds of load before measuring starts (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--json", description = "Print only one JSON line with the figures (progress goes to stderr).")
  boolean json;

  @Override
  public Integer call() throws Exception {
    LoadRun.Scenario chosen = switch (scenario.toLowerCase(Locale.ROOT)) {
      case "batch" -> LoadRun.Scenario.BATCH;
      case "osmand" -> LoadRun.Scenario.OSMAND;
      default -> throw new IllegalArgumentException("--scenario must be batch or osmand, not " + scenario);
    };
    int connectionCount = connections != null ? connections : chosen == LoadRun.Scenario.BATCH ? 32 : 64;
    if (connectionCount < 1 || batchSize < 1 || batchSize > 500 || duration < 1 || warmup < 0 || rate < 0) {
      throw new IllegalArgumentException(
          "need --connections >= 1, --batch-size 1..500, --duration >= 1 and --warmup >= 0");
    }
    Endpoint api = Endpoint.parse(server);
    Endpoint osmAndEndpoint = Endpoint.parse(osmAnd);
    // A benchmark tool, not a stress test for someone else's server.
    if (!api.isLoopback() || !osmAndEndpoint.isLoopback()) {
      throw new IllegalArgumentException("load only targets a node on this machine (loopback), not "
          + (api.isLoopback() ? osmAndEndpoint : api));
    }
    long now = System.currentTimeMillis() / 1000;
    Duration back = chosen == LoadRun.Scenario.BATCH ? BATCH_CLOCK_START : OSMAND_CLOCK_START;
    List<SimulatedDevice> fleet =
        DemoFleet.load(devices, city, Integer.MAX_VALUE, now - back.toSeconds(), new Random());

    System.err.printf("Load %s: %d connections, %d devices, warm-up %d s, then measuring %d s...%n",
        chosen.label(), connectionCount, fleet.size(), warmup, duration);
    // One event loop: the node and PostgreSQL need the other cores more than the generator does.
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
    try {
      IntakeClient client = new IntakeClient(vertx, api, osmAndEndpoint, connectionCount, 30_000);
      Promise<LoadResult> result = Promise.promise();
      vertx.getOrCreateContext().runOnContext(v ->
          new LoadRun(vertx, client, chosen, connectionCount, batchSize, rate, fleet, warmup, duration, now)
              .start()
              .onComplete(result));
      LoadResult figures = result.future().await();
      client.close().await();
      System.out.println(json ? figures.toJson() : figures.toText());
      return figures.acceptedCheckins() > 0 ? 0 : 1;
    } finally {
      vertx.close().await();
    }
  }
}
