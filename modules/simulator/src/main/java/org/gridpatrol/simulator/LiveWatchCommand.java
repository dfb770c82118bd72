package org.gridpatrol.simulator;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code live-watch}: control-room screens watching the live map. Opens WebSocket clients to a node, each with
 * its own view (a random box of the city), and measures how long after a check-in was acknowledged its
 * position reached a client.
 */
@Command(name = "live-watch", mixinStandardHelpOptions = true,
    description = "Opens CLIENTS live-map WebSockets (GET /api/v1/live) to a node, each viewing a random part of "
        + "the city, and measures for every officer position in every frame the delay from the check-in being "
        + "acknowledged to its handheld (acknowledgedAt) to the frame's arrival: p50, p99, max. Same machine "
        + "only (one clock).")
final class LiveWatchCommand implements Callable<Integer> {
  @Option(names = "--server", defaultValue = "http://localhost:8080", description = "Node (default: ${DEFAULT-VALUE}).")
  String server;

  @Option(names = "--token", required = true, description = "Bearer token: the node's admin token or a session.")
  String token;

  @Option(names = "--clients", defaultValue = "200", description = "WebSocket clients (default: ${DEFAULT-VALUE}).")
  int clients;

  @Option(names = "--bbox", required = true, paramLabel = "W,S,E,N", description = "The city's box in degrees.")
  String bbox;

  @Option(names = "--view", defaultValue = "0.25",
      description = "Each client's view as a share of the city's width and height (default: ${DEFAULT-VALUE}).")
  double view;

  @Option(names = "--warmup", defaultValue = "10", description = "Seconds connected before measuring (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--seconds", defaultValue = "60", description = "Seconds measured (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Option(names = "--json", description = "Print one JSON line.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Endpoint endpoint = Endpoint.parse(server);
    if (!endpoint.isLoopback()) {
      throw new IllegalArgumentException("live-watch measures with this machine's clock, so only a node here: " + server);
    }
    String[] parts = bbox.split(",");
    if (parts.length != 4 || clients < 1 || view <= 0 || view > 1 || seconds < 1 || warmup < 0) {
      throw new IllegalArgumentException("--bbox needs W,S,E,N; --clients >= 1, 0 < --view <= 1, --seconds >= 1");
    }
    double west = Double.parseDouble(parts[0]);
    double south = Double.parseDouble(parts[1]);
    double east = Double.parseDouble(parts[2]);
    double north = Double.parseDouble(parts[3]);
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
    LatencyHistogram delays = new LatencyHistogram();
    AtomicBoolean measuring = new AtomicBoolean();
    AtomicLong frames = new AtomicLong();
    AtomicLong skippedFrames = new AtomicLong();
    Random random = new Random(20261122);
    try {
      var client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(clients + 10)
          .setMaxFrameSize(1 << 20).setMaxMessageSize(16 << 20));
      List<Future<WebSocket>> sockets = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        double width = (east - west) * view;
        double height = (north - south) * view;
        double x = west + random.nextDouble() * (east - west - width);
        double y = south + random.nextDouble() * (north - south - height);
        JsonObject viewMessage = new JsonObject().put("type", "view")
            .put("bbox", new JsonArray().add(x).add(y).add(x + width).add(y + height));
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(endpoint.host())
            .setPort(endpoint.port()).setURI(endpoint.basePath() + "/api/v1/live")
            .addHeader("Authorization", "Bearer " + token);
        sockets.add(client.connect(options).onSuccess(socket -> {
          long[] lastSeq = {0};
          socket.textMessageHandler(text -> {
            long now = System.currentTimeMillis();
            JsonObject message = new JsonObject(text);
            if (!"frame".equals(message.getString("type")) || !measuring.get()) {
              return;
            }
            frames.incrementAndGet();
            long seq = message.getLong("seq");
            if (lastSeq[0] > 0 && seq != lastSeq[0] + 1) {
              skippedFrames.incrementAndGet();
            }
            lastSeq[0] = seq;
            for (Object officer : message.getJsonArray("officers")) {
              Long acknowledgedAt = ((JsonObject) officer).getLong("acknowledgedAt");
              if (acknowledgedAt != null) {
                synchronized (delays) {
                  delays.recordMicros((now - acknowledgedAt) * 1000);
                }
              }
            }
          });
          socket.writeTextMessage(viewMessage.encode());
        }));
      }
      Future.all(sockets).await();
      Thread.sleep(warmup * 1000L);
      measuring.set(true);
      Thread.sleep(seconds * 1000L);
      measuring.set(false);
      JsonObject result;
      synchronized (delays) {
        result = new JsonObject()
            .put("clients", clients)
            .put("frames", frames.get())
            .put("framesPerSecond", frames.get() / (double) seconds)
            .put("framesSkipped", skippedFrames.get())
            .put("positions", delays.count())
            .put("positionsPerSecond", delays.count() / (double) seconds)
            .put("p50Ms", delays.percentileMicros(50) / 1000.0)
            .put("p99Ms", delays.percentileMicros(99) / 1000.0)
            .put("maxMs", delays.maxMicros() / 1000.0);
      }
      if (json) {
        System.out.println(result.encode());
      } else {
        System.out.printf("%d clients: %d frames (%.0f/s, %d held back by the node), %d positions (%.0f/s); delay "
                + "check-in acknowledged -> frame received p50 %.0f ms, p99 %.0f ms, max %.0f ms%n", clients, frames.get(),
            result.getDouble("framesPerSecond"), skippedFrames.get(), delays.count(),
            result.getDouble("positionsPerSecond"),
            result.getDouble("p50Ms"), result.getDouble("p99Ms"), result.getDouble("maxMs"));
      }
      return 0;
    } finally {
      vertx.close().await();
    }
  }
}
