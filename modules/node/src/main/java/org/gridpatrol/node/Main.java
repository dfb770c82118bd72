package org.gridpatrol.node;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** The {@code gridpatrol} command line: run a node, import a grid. */
@Command(name = "gridpatrol", mixinStandardHelpOptions = true, version = "GridPatrol 0.1.0",
    description = "GridPatrol: city grid patrol platform.",
    subcommands = {Main.Run.class, Main.ImportGrid.class, CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }

  @Override
  public Integer call() {
    new CommandLine(this).usage(System.out);
    return 0;
  }

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = "Start a node: embedded PostgreSQL unless db.url is set, joins the cluster, serves the API"
          + " and the OsmAnd intake. Every setting can be overridden with PATROL_* environment variables.")
  static final class Run implements Callable<Integer> {
    @Option(names = "--config", defaultValue = "config/gridpatrol.yaml",
        description = "Configuration file (default: ${DEFAULT-VALUE}).")
    Path config;

    @Override
    public Integer call() throws InterruptedException {
      Settings settings;
      NodeConfig nodeConfig;
      try {
        settings = Settings.load(config, System.getenv());
        nodeConfig = NodeConfig.read(settings);
      } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
        // A wrong setting is the operator's to fix: the sentence naming it, not a stack trace.
        System.err.println("gridpatrol: " + e.getMessage());
        return 2;
      }
      // Before the first logger is made, so logback.xml picks the format.
      System.setProperty("gridpatrol.log.format", nodeConfig.process().logFormat());
      GridPatrolNode node = new GridPatrolNode(settings, nodeConfig, Clock.systemUTC()).start();
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        node.stop();
        stopped.countDown();
      }, "gridpatrol-shutdown"));
      printWhereToLook(node.config(), node);
      stopped.await();
      return 0;
    }

    private static void printWhereToLook(NodeConfig config, GridPatrolNode node) {
      String api = "http://localhost:" + config.http().port();
      Path data = node.dataDir();
      System.out.println();
      System.out.println("GridPatrol node " + node.nodeName() + " is running.");
      System.out.println("  Map         " + api + "/" + (Files.exists(data.resolve(DemoUsers.FILE))
          ? " (demo logins in " + data.resolve(DemoUsers.FILE) + ")" : ""));
      System.out.println("  API         " + api + "/api/v1/cells" + (Files.exists(data.resolve(DemoCityLoader.DEVICES_FILE))
          ? "/110101001001001" : "") + " (log in first: POST /api/v1/login)");
      DemoCityLoader.osmandKey(data, "100001").ifPresent(key -> System.out.println("  OsmAnd      http://localhost:"
          + config.osmand().port() + "/k/" + key + "?id=100001&lat=39.9385&lon=116.3965"));
      System.out.println("  Metrics     " + api + "/metrics");
      System.out.println("  Health      " + api + "/health   " + api + "/ready");
      System.out.println("  Data        " + data);
      if (Files.exists(data.resolve(DemoCityLoader.DEVICES_FILE))) {
        System.out.println("  Demo tokens " + data.resolve(DemoCityLoader.DEVICES_FILE));
      }
      if (Files.exists(data.resolve(DemoUsers.FILE))) {
        System.out.println("  Demo logins " + data.resolve(DemoUsers.FILE) + " (one per role)");
      }
      if (config.process().adminToken().isBlank()) {
        System.out.println("  Admin token " + data.resolve(KeptTokens.ADMIN_FILE));
      }
      if (config.process().metricsToken().isBlank()) {
        System.out.println("  Metrics     token for Prometheus in " + data.resolve(KeptTokens.METRICS_FILE));
      }
      node.firstAdministratorPassword().ifPresent(password -> {
        System.out.println();
        System.out.println("  First start of a city without accounts: log in at " + api + "/ as "
            + FirstAdministrator.USERNAME + " with the password");
        System.out.println("      " + password);
        System.out.println("  (shown this once and good for one login: you choose your own then), and follow " + api
            + "/admin/ (the first-start guide): grid, roster, devices, plans.");
      });
      System.out.println("Stop with Ctrl+C.");
    }
  }

  @Command(name = "import-grid", mixinStandardHelpOptions = true,
      description = "Import a grid (GeoJSON FeatureCollection of cells with properties code, name, district,"
          + " street, community) into a running node. Cells are created or updated by code; every invalid"
          + " feature is reported.")
  static final class ImportGrid implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "GeoJSON file.")
    Path file;

    @Option(names = "--crs", description = "CRS of the coordinates, e.g. EPSG:4547 (default: the file's crs"
        + " member, else EPSG:4326).")
    String crs;

    @Option(names = "--server", defaultValue = "http://localhost:8080",
        description = "Node to send it to (default: ${DEFAULT-VALUE}).")
    String server;

    @Option(names = "--token", description = "Admin token (default: read from --data-dir/admin-token).")
    String token;

    @Option(names = "--data-dir", defaultValue = "data", description = "Data directory (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Override
    public Integer call() throws IOException, InterruptedException {
      String adminToken = token != null ? token : Files.readString(dataDir.resolve("admin-token")).trim();
      long bytes = Files.size(file);
      System.out.printf("Sending %s (%.1f MB) to %s; the node validates and imports it...%n", file,
          bytes / 1e6, server);
      String query = "?source=" + URLEncoder.encode(file.getFileName().toString(), StandardCharsets.UTF_8)
          + (crs == null ? "" : "&crs=" + URLEncoder.encode(crs, StandardCharsets.UTF_8));
      HttpRequest request = HttpRequest.newBuilder(URI.create(server + "/api/v1/admin/grid" + query))
          .header("Authorization", "Bearer " + adminToken)
          .header("Content-Type", "application/geo+json")
          .timeout(Duration.ofMinutes(10))
          .POST(HttpRequest.BodyPublishers.ofFile(file))
          .build();
      HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
      JsonObject body = new JsonObject(response.body());
      if (response.statusCode() != 200) {
        System.err.println("Import refused (HTTP " + response.statusCode() + "): " + body.getValue("error"));
        printProblems(body.getJsonArray("problems"));
        return 1;
      }
      System.out.printf("Import %d: %d features, %d cells created, %d updated, %d rejected.%n",
          body.getLong("importId"), body.getInteger("features"), body.getInteger("created"),
          body.getInteger("updated"), body.getInteger("rejected"));
      printProblems(body.getJsonArray("problems"));
      return body.getInteger("rejected") == 0 ? 0 : 2;
    }

    private static void printProblems(JsonArray problems) {
      if (problems == null) {
        return;
      }
      for (int i = 0; i < problems.size(); i++) {
        JsonObject p = problems.getJsonObject(i);
        System.err.printf("  feature %s%s: %s [%s] %s%n", p.getValue("feature"),
            p.getString("code") == null ? "" : " (" + p.getString("code") + ")", p.getString("field"),
            p.getString("rule"), p.getString("message"));
      }
    }
  }
}
