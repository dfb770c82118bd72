package org.gridpatrol.console;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.gridpatrol.domain.access.Operation;
import org.gridpatrol.events.Addresses;
import org.gridpatrol.events.CheckinBatch;
import org.gridpatrol.events.CheckinEvent;
import org.gridpatrol.store.PositionQueries;
import org.gridpatrol.web.Caller;
import org.gridpatrol.web.CityClock;
import org.gridpatrol.web.FieldError;
import org.gridpatrol.web.Guard;
import org.gridpatrol.web.RequestException;
import org.gridpatrol.web.Routes;
import org.gridpatrol.web.SecurityHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live updates for the control-room map over a WebSocket ({@code GET /api/v1/live}): check-ins, alerts and
 * case changes from every node of the cluster (the clustered event bus), each client getting what lies in its
 * view (a box, optionally one street or district) and in its areas. Updates are coalesced: an officer's newest
 * position replaces the one not yet sent, and a client gets at most one frame per {@code map.frame_ms}; a
 * client that cannot keep up skips frames rather than piling them up.
 *
 * <p>Client → server: {@code {"type": "view", "bbox": [west, south, east, north], "street": "110101001"}}
 * (street, or district, optional), as often as the view changes; each answers with a
 * {@code snapshot} of the officers in the view, so a reconnecting client is whole again at once. Server →
 * client: {@code {"type": "frame", "seq", "officers": [...], "alerts": [...], "cases": [...], "moreAlerts"}}.
 */
public final class LiveMap implements Routes {
  private static final Logger LOG = LoggerFactory.getLogger(LiveMap.class);
  /** A storm can raise tens of thousands of alerts at once; a frame carries this many and counts the rest. */
  private static final int MAX_ALERTS_PER_FRAME = 200;
  private static final int MAX_CASES_PER_FRAME = 200;
  /** The close code of a socket whose session ended (4000-4999 are the application's; 401 as in HTTP). */
  static final short SESSION_ENDED = 4401;

  private final Guard guard;
  private final Vertx vertx;
  private final PositionQueries positions;
  private final OfficerView officerView;
  private final int frameMillis;
  private final CityClock time;
  // Sockets, consumers and the frame timer all run on this verticle's event loop: no locking needed.
  private final Set<Client> clients = new HashSet<>();
  private final Map<String, String> officerCommunities = new HashMap<>();
  private final Counter frames;
  private final Counter skipped;

  /**
   * @param frameMillis   each client gets at most one frame this often
   * @param silentAfter   an officer heard from longer ago shows as silent (in a view's first snapshot)
   */
  public LiveMap(Guard guard, Vertx vertx, PositionQueries positions, MeterRegistry registry, int frameMillis,
                 Duration silentAfter, CityClock time) {
    this.guard = guard;
    this.vertx = vertx;
    this.positions = positions;
    this.officerView = new OfficerView(time, silentAfter);
    this.frameMillis = frameMillis;
    this.time = time;
    this.frames = Counter.builder("gridpatrol.live.frames").description("Live-map frames sent")
        .register(registry);
    this.skipped = Counter.builder("gridpatrol.live.frames.skipped")
        .description("Live-map frames held back because the client had not taken the previous ones")
        .register(registry);
    Gauge.builder("gridpatrol.live.clients", clients, Set::size).description("Live-map clients connected")
        .tag("verticle", Integer.toHexString(System.identityHashCode(this))).register(registry);
  }

  /** A client: its socket, who it is, what it looks at, and what waits for its next frame. */
  private static final class Client {
    final ServerWebSocket socket;
    final Caller caller;
    double[] bbox;
    String street;
    long seq;
    final Map<String, JsonObject> officers = new LinkedHashMap<>();
    final JsonArray alerts = new JsonArray();
    final JsonArray cases = new JsonArray();
    int moreAlerts;

    Client(ServerWebSocket socket, Caller caller) {
      this.socket = socket;
      this.caller = caller;
    }

    boolean pending() {
      return !officers.isEmpty() || !alerts.isEmpty() || !cases.isEmpty() || moreAlerts > 0;
    }
  }

  @Override
  public void mount(Router router) {
    router.get("/api/v1/live").handler(guard.require(Operation.VIEW)).handler(this::upgrade);
    vertx.eventBus().<CheckinBatch>consumer(Addresses.CHECKINS, message -> onCheckins(message.body()));
    vertx.eventBus().<JsonObject>consumer(Addresses.ALERTS, message -> onAlert(message.body()));
    vertx.eventBus().<JsonObject>consumer(Addresses.CASES, message -> onCase(message.body()));
    vertx.eventBus().<JsonArray>consumer(Addresses.SESSIONS_REVOKED, message -> onSessionsEnded(message.body()));
    vertx.setPeriodic(frameMillis, id -> flush());
    positions.officerCommunities().onSuccess(officerCommunities::putAll)
        .onFailure(failure -> LOG.warn("Officers' communities not loaded; live officers outside city-wide views "
            + "wait for the next load: {}", failure.toString()));
  }

  private void upgrade(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
    // Browsers send the page's origin with the upgrade; another site's page must not open a socket with our
    // cookie. Clients with a bearer token (not a browser's cookie) may send none.
    boolean cookie = ctx.request().getHeader(HttpHeaders.AUTHORIZATION) == null;
    if ((origin != null || cookie) && !SecurityHeaders.ownOrigin(ctx, origin)) {
      ctx.fail(new RequestException(403, "Origin", "cross_origin", "the live map takes connections from its own pages only"));
      return;
    }
    if (!ctx.request().canUpgradeToWebSocket()) {
      ctx.fail(new RequestException(400, "Upgrade", "websocket", "GET /api/v1/live is a WebSocket"));
      return;
    }
    ctx.request().toWebSocket().onSuccess(socket -> {
      Client client = new Client(socket, caller);
      clients.add(client);
      socket.closeHandler(v -> clients.remove(client));
      socket.textMessageHandler(text -> onMessage(client, text));
    }).onFailure(failure -> LOG.debug("WebSocket upgrade failed: {}", failure.toString()));
  }

  /**
   * A socket lives on the session it was opened with: when that session ends (logout, the account disabled, its
   * role or areas changed) on any node, the socket is closed, and a browser still logged in opens a new one.
   */
  private void onSessionsEnded(JsonArray hexHashes) {
    Set<String> ended = new HashSet<>();
    hexHashes.forEach(hash -> ended.add(String.valueOf(hash)));
    for (Client client : List.copyOf(clients)) {
      byte[] session = client.caller.session();
      if (session != null && ended.contains(HexFormat.of().formatHex(session))) {
        clients.remove(client);
        client.socket.close(SESSION_ENDED, "session ended");
      }
    }
  }

  private void onMessage(Client client, String text) {
    FieldError problem = readView(client, text);
    if (problem != null) {
      client.socket.writeTextMessage(error(problem));
      return;
    }
    Instant now = time.now();
    double[] box = client.bbox;
    positions.livePositions(box[0], box[1], box[2], box[3], now.minus(Duration.ofHours(24)),
        client.caller.areas()).onSuccess(positions -> {
          JsonArray officers = new JsonArray();
          positions.stream().filter(p -> inView(client, p.community()))
              .forEach(p -> officers.add(officerView.json(p, now)));
          client.socket.writeTextMessage(new JsonObject().put("type", "snapshot").put("officers", officers).encode());
        }).onFailure(failure -> client.socket.writeTextMessage(error(new FieldError("store", "unavailable",
            "the database could not answer; send the view again"))));
  }

  /**
   * Takes the view of a client's message: {@code {"type": "view", "bbox": [west, south, east, north],
   * "street": "110101001"}}; what is wrong with the message, or null once the view is the client's.
   */
  private static FieldError readView(Client client, String text) {
    JsonObject message;
    try {
      message = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      return new FieldError("body", "json", "messages are JSON objects");
    }
    if (!"view".equals(message.getValue("type"))) {
      return new FieldError("type", "one_of", "the only message is {\"type\": \"view\", \"bbox\": [...]}");
    }
    if (!(message.getValue("bbox") instanceof JsonArray array) || array.size() != 4
        || !array.stream().allMatch(Number.class::isInstance)) {
      return new FieldError("bbox", "bbox", "bbox must be [west, south, east, north] in degrees");
    }
    double[] bbox = array.stream().mapToDouble(n -> ((Number) n).doubleValue()).toArray();
    FieldError problem = BoundingBox.problem(bbox);
    if (problem == null) {
      client.bbox = bbox;
      client.street = message.getValue("street") instanceof String s && s.matches("[0-9]{6,12}") ? s : null;
    }
    return problem;
  }

  /** An error frame: the one error shape, with the frame's type. */
  private static String error(FieldError problem) {
    return new JsonObject().put("type", "error").put("error", problem.toJson()).encode();
  }

  /** Whether something placed at this code (a community, a cell) is the client's: in its areas and street. */
  private static boolean inView(Client client, String place) {
    return client.caller.sees(place)
        && (client.street == null || (place != null && place.startsWith(client.street)));
  }

  private void onCheckins(CheckinBatch batch) {
    if (clients.isEmpty()) {
      return;
    }
    for (CheckinEvent event : batch.checkins()) {
      if (event.officerCode() == null) {
        continue;
      }
      String community = officerCommunities.get(event.officerCode());
      JsonObject position = null;
      for (Client client : clients) {
        double[] box = client.bbox;
        if (box == null || event.lon() < box[0] || event.lon() > box[2] || event.lat() < box[1]
            || event.lat() > box[3] || !inView(client, community)) {
          continue;
        }
        if (position == null) {
          position = new JsonObject()
              .put("officer", event.officerCode())
              .put("lat", event.lat())
              .put("lon", event.lon())
              .put("heading", event.heading())
              .put("cell", event.cellCode())
              .put("at", time.local(event.fixTime()))
              .put("acknowledgedAt", event.acknowledgedAt().toEpochMilli())
              .put("silent", false);
        }
        client.officers.put(event.officerCode(), position);
      }
    }
  }

  /**
   * An alert to the clients that see it. A raise of overdue cells comes as one message with its cells; each
   * client gets one alert per cell it sees, as many as a frame carries, and the count of the rest.
   */
  private void onAlert(JsonObject alert) {
    JsonArray cells = alert.getJsonArray("cells");
    if (cells == null) {
      String place = alert.getString("cell") != null ? alert.getString("cell")
          : officerCommunities.get(alert.getString("officer"));
      clients.stream().filter(client -> inView(client, place)).forEach(client -> add(client, () -> alert));
      return;
    }
    JsonObject perCell = new JsonObject();
    alert.forEach(field -> {
      if (!field.getKey().equals("cells")) {
        perCell.put(field.getKey(), field.getValue());
      }
    });
    for (Client client : clients) {
      for (Object cell : cells) {
        if (inView(client, (String) cell)) {
          add(client, () -> perCell.copy().put("cell", cell));
        }
      }
    }
  }

  private static void add(Client client, Supplier<JsonObject> alert) {
    if (client.alerts.size() < MAX_ALERTS_PER_FRAME) {
      client.alerts.add(alert.get());
    } else {
      client.moreAlerts++;
    }
  }

  private void onCase(JsonObject change) {
    String cell = change.getString("cell");
    for (Client client : clients) {
      if (client.caller.seesCase(cell, change.getString("department", client.caller.department()))) {
        if (client.cases.size() < MAX_CASES_PER_FRAME) {
          client.cases.add(change);
        }
      }
    }
  }

  private void flush() {
    for (Client client : clients) {
      if (!client.pending()) {
        continue;
      }
      if (client.socket.writeQueueFull()) {
        skipped.increment();
        continue;
      }
      JsonObject frame = new JsonObject().put("type", "frame").put("seq", ++client.seq)
          .put("officers", new JsonArray(client.officers.values().stream().toList()))
          .put("alerts", client.alerts.copy())
          .put("cases", client.cases.copy())
          .put("moreAlerts", client.moreAlerts);
      client.officers.clear();
      client.alerts.clear();
      client.cases.clear();
      client.moreAlerts = 0;
      client.socket.writeTextMessage(frame.encode());
      frames.increment();
    }
  }
}
