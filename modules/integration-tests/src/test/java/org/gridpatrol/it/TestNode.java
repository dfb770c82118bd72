package org.gridpatrol.it;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.gridpatrol.node.GridPatrolNode;
import org.gridpatrol.node.Settings;

/** A real GridPatrol node for tests: real PostgreSQL, real Hazelcast on loopback, real HTTP on free ports. */
final class TestNode implements AutoCloseable {
  static final Path CONFIG = Path.of(System.getProperty("gridpatrol.config", "../../config/gridpatrol.yaml"));
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  final String name;
  final Path dataDir;
  final int httpPort;
  final int osmandPort;
  final int clusterPort;
  private final Settings settings;
  private final Clock clock;
  private GridPatrolNode node;

  private TestNode(String name, Path dataDir, Settings settings, Clock clock) {
    this.clock = clock;
    this.name = name;
    this.dataDir = dataDir;
    this.settings = settings;
    this.httpPort = settings.integer("http.port");
    this.osmandPort = settings.integer("osmand.port");
    this.clusterPort = settings.integer("cluster.port");
  }

  /**
   * A node named {@code name} with data in {@code dataDir}; {@code overrides} replace configuration keys
   * (e.g. db.url to share another node's database, cluster.members to form a cluster).
   */
  static TestNode start(String name, Path dataDir, Map<String, Object> overrides) {
    return start(name, dataDir, overrides, Clock.systemUTC());
  }

  /** A node whose time comes from {@code clock}: check-ins, windows, deadlines and alerts all follow it. */
  static TestNode start(String name, Path dataDir, Map<String, Object> overrides, Clock clock) {
    TestNode node = configure(name, dataDir, overrides, clock);
    node.start();
    return node;
  }

  static TestNode configure(String name, Path dataDir, Map<String, Object> overrides, Clock clock) {
    Map<String, Object> values = new HashMap<>();
    values.put("node.name", name);
    values.put("data.dir", dataDir.toString());
    values.put("http.port", freePort());
    values.put("http.instances", 1);
    values.put("osmand.port", freePort());
    values.put("db.embedded_port", 0);
    values.put("db.pool_size", 4);
    values.put("demo.city_file", CONFIG.resolveSibling("demo-city.yaml").toString());
    values.put("calendar.dir", CONFIG.resolveSibling("holidays").toString());
    values.put("demo.plans_dir", CONFIG.resolveSibling("plans").toString());
    values.put("cases.config_file", CONFIG.resolveSibling("cases.yaml").toString());
    // Still bcrypt, with less work per hash: the tests make and log in many accounts.
    values.put("auth.bcrypt_cost", 6);
    // Every test logs in from 127.0.0.1, many times a minute; LoginStormTest tries the real limits.
    values.put("auth.logins_per_client_per_minute", 100_000);
    values.put("auth.bcrypt_queue", 1_000);
    int clusterPort = freePort();
    values.put("cluster.port", clusterPort);
    values.put("cluster.members", "127.0.0.1:" + clusterPort);
    values.put("cluster.name", "test-" + name + "-" + clusterPort);
    values.putAll(overrides);
    Settings settings = Settings.load(CONFIG, Map.of());
    for (Map.Entry<String, Object> entry : values.entrySet()) {
      settings = settings.with(entry.getKey(), entry.getValue());
    }
    return new TestNode(name, dataDir, settings, clock);
  }

  void start() {
    node = new GridPatrolNode(settings, clock).start();
  }

  GridPatrolNode node() {
    return node;
  }

  /** The embedded database's URI, for other nodes to share it. */
  String databaseUri() {
    return node.databaseUri();
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The bearer token of a demo device, from the file the demo loader wrote. */
  String deviceToken(String uniqueId) {
    return demoDevice(uniqueId)[2];
  }

  /** The OsmAnd key of a demo device, from the file the demo loader wrote. */
  String osmandKey(String uniqueId) {
    return demoDevice(uniqueId)[3];
  }

  private String[] demoDevice(String uniqueId) {
    try {
      List<String> lines = Files.readAllLines(dataDir.resolve("demo-devices.csv"));
      return lines.stream().skip(1).map(l -> l.split(","))
          .filter(parts -> parts[0].equals(uniqueId))
          .findFirst().orElseThrow(() -> new IllegalArgumentException("no demo device " + uniqueId));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An OsmAnd fix of a demo device as Traccar Client sends it: its key in the path, then id and the rest. */
  URI osmandFix(String uniqueId, String query) {
    return osmandUri("/k/" + osmandKey(uniqueId) + "?id=" + uniqueId + (query.isEmpty() ? "" : "&" + query));
  }

  String adminToken() {
    try {
      return Files.readString(dataDir.resolve("admin-token")).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  record Reply(int status, String body, HttpResponse<String> response) {
    JsonObject json() {
      return new JsonObject(body);
    }
  }

  /** The password of a demo account (data/demo-users.csv). */
  String demoPassword(String username) {
    try {
      return Files.readAllLines(dataDir.resolve("demo-users.csv")).stream().skip(1).map(l -> l.split(","))
          .filter(parts -> parts[0].equals(username)).map(parts -> parts[2])
          .findFirst().orElseThrow(() -> new IllegalArgumentException("no demo account " + username));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A GET as the administrator (the node's admin token). */
  Reply get(String path) {
    return get(path, adminToken());
  }

  /** A GET without any credentials. */
  Reply anonymous(String path) {
    return send(HttpRequest.newBuilder(api(path)).GET());
  }

  /** Logs a person in; completes with their session token (fails the test unless the login succeeds). */
  String login(String username, String password) {
    Reply reply = post("/api/v1/login", null, new JsonObject().put("username", username).put("password", password)
        .encode());
    if (reply.status() != 200) {
      throw new AssertionError("login of " + username + " failed: " + reply.status() + " " + reply.body());
    }
    return reply.json().getString("token");
  }

  /** Any request, for tests that set their own headers (cookies, Origin). */
  Reply send(String method, String path, Map<String, String> headers, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(api(path)).method(method,
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return send(request);
  }

  Reply get(String path, String token) {
    return send(HttpRequest.newBuilder(api(path)).header("Authorization", "Bearer " + token).GET());
  }

  Reply post(String path, String token, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(api(path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return send(request);
  }

  Reply put(String path, String token, String body) {
    return send(HttpRequest.newBuilder(api(path)).header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + token).PUT(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** A POST of a file's bytes as they are, e.g. a CSV saved by Excel in GB18030. */
  Reply postFile(String path, String token, byte[] body, String contentType) {
    return send(HttpRequest.newBuilder(api(path)).header("Content-Type", contentType)
        .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  Reply delete(String path, String token) {
    return send(HttpRequest.newBuilder(api(path)).header("Authorization", "Bearer " + token).DELETE());
  }

  /** A request to the OsmAnd port, e.g. "/?id=100001&lat=..". */
  Reply osmand(HttpRequest.Builder request) {
    return send(request);
  }

  /**
   * A GET sent as raw bytes, for request targets that java.net.URI refuses to build (a malformed
   * percent-escape, say); {@code osmand} picks the OsmAnd port, else the API port with the admin token.
   */
  Reply raw(boolean osmand, String target) {
    int port = osmand ? osmandPort : httpPort;
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      String request = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
          + (osmand ? "" : "Authorization: Bearer " + adminToken() + "\r\n") + "Connection: close\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int status = Integer.parseInt(answer.substring(answer.indexOf(' ') + 1, answer.indexOf(' ') + 4));
      return new Reply(status, answer.substring(answer.indexOf("\r\n\r\n") + 4), null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  URI osmandUri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + osmandPort + pathAndQuery);
  }

  private URI api(String path) {
    return URI.create("http://127.0.0.1:" + httpPort + path);
  }

  private static Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), response.body(), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Waits up to {@code timeout} for a condition that becomes true asynchronously (event-bus delivery). */
  static void eventually(Duration timeout, String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Not within " + timeout + ": " + what);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  @Override
  public void close() {
    if (node != null) {
      node.stop();
      node = null;
    }
  }
}
