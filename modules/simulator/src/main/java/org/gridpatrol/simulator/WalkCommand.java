package org.gridpatrol.simulator;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code walk}: the demo city's officers on patrol, in real time. */
@Command(name = "walk", mixinStandardHelpOptions = true,
    description = {
        "The demo: officers walk their communities and their handhelds report fixes in real time.",
        "Each officer of the demo city walks the community's cells (1 to 1.5 m/s, random turns) and the "
            + "officer's device reports a fix every --interval seconds.",
        "Now and then a device goes offline for a few minutes and uploads its buffered fixes late. Prints the "
            + "totals every 10 s. Stop with Ctrl+C, or give --duration."})
final class WalkCommand implements Callable<Integer> {
  private static final Duration WAIT_PATIENCE = Duration.ofMinutes(5);

  @Option(names = "--devices", defaultValue = "data/demo-devices.csv",
      description = "Devices file written by the node on its first start (default: ${DEFAULT-VALUE}).")
  Path devices;

  @Option(names = "--city", defaultValue = "config/demo-city.yaml",
      description = "The demo city plan the node loaded (default: ${DEFAULT-VALUE}).")
  Path city;

  @Option(names = "--server", defaultValue = "http://localhost:8080",
      description = "The node's HTTP API (default: ${DEFAULT-VALUE}).")
  String server;

  @Option(names = "--osmand", defaultValue = "http://localhost:5055",
      description = "The node's OsmAnd intake (default: ${DEFAULT-VALUE}).")
  String osmAnd;

  @Option(names = "--protocol", defaultValue = "json", paramLabel = "json|osmand",
      description = "json: POST /api/v1/checkins with whatever each device has buffered; osmand: one GET per fix "
          + "(default: ${DEFAULT-VALUE}).")
  String protocol;

  @Option(names = "--interval", defaultValue = "5",
      description = "Seconds between a device's fixes (default: ${DEFAULT-VALUE}).")
  int interval;

  @Option(names = "--upload-every", defaultValue = "1",
      description = "A device uploads once it holds this many fixes, so N fixes per request (JSON only; "
          + "default: ${DEFAULT-VALUE}).")
  int uploadEvery;

  @Option(names = "--no-outages", description = "Devices never lose their connection (for benchmarks that measure "
      + "the server alone; by default a device goes offline about once an hour for 2-10 minutes).")
  boolean noOutages;

  @Option(names = "--officers", description = "Simulate only the first N devices' officers (default: all).")
  Integer officers;

  @Option(names = "--duration", description = "Stop after this many seconds (default: run until stopped).")
  Integer duration;

  @Option(names = "--wait", description = "First wait (up to 5 minutes) until the node answers GET /ready with 200 "
      + "and the devices file exists: for starting alongside a node.")
  boolean await;

  @Override
  public Integer call() throws Exception {
    Patrol.Protocol chosen = switch (protocol.toLowerCase(Locale.ROOT)) {
      case "json" -> Patrol.Protocol.JSON;
      case "osmand" -> Patrol.Protocol.OSMAND;
      default -> throw new IllegalArgumentException("--protocol must be json or osmand, not " + protocol);
    };
    if (interval < 1 || uploadEvery < 1 || (officers != null && officers < 1) || (duration != null && duration < 1)) {
      throw new IllegalArgumentException("--interval, --upload-every, --officers and --duration must be at least 1");
    }
    if (uploadEvery > 1 && chosen == Patrol.Protocol.OSMAND) {
      throw new IllegalArgumentException("--upload-every needs --protocol json (OsmAnd sends one fix per request)");
    }
    Endpoint api = Endpoint.parse(server);
    Endpoint osmAndEndpoint = Endpoint.parse(osmAnd);
    if (await) {
      System.out.println("Simulator waiting for the node at " + api + " and " + devices + "...");
      if (!ReadyWait.await(api, devices, WAIT_PATIENCE)) {
        System.err.println("Gave up: after " + WAIT_PATIENCE.toMinutes() + " minutes " + api + "/ready still does not "
            + "answer 200 or " + devices + " does not exist.");
        return 1;
      }
    }
    Random random = new Random();
    List<SimulatedDevice> fleet = DemoFleet.load(devices, city, officers == null ? Integer.MAX_VALUE : officers,
        System.currentTimeMillis() / 1000, random);
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
    // One request in flight per device at most, so one connection each is enough.
    IntakeClient client = new IntakeClient(vertx, api, osmAndEndpoint, fleet.size(), 30_000);
    Patrol patrol = new Patrol(vertx, client, chosen, interval, uploadEvery, !noOutages, fleet, random);
    System.out.printf("Walking %s of the demo city: a fix every %d s per device to %s (%s)%s%n",
        fleet.size() == 1 ? "1 officer" : fleet.size() + " officers", interval,
        chosen == Patrol.Protocol.JSON ? api + "/api/v1/checkins" : osmAndEndpoint,
        chosen.name().toLowerCase(Locale.ROOT),
        duration == null ? "; Ctrl+C stops" : " for " + duration + " s");
    long started = System.nanoTime();
    Thread totalsOnExit = new Thread(() -> System.out.printf("Simulator stopped after %d s: %s%n",
        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), patrol.totals()));
    Runtime.getRuntime().addShutdownHook(totalsOnExit);
    vertx.getOrCreateContext().runOnContext(v -> patrol.start());
    // Until Ctrl+C when there is no duration; the shutdown hook prints the totals either way.
    Thread.sleep(duration == null ? Long.MAX_VALUE : duration * 1000L);
    vertx.close().await();
    return 0;
  }
}
