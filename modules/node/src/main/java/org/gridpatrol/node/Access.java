package org.gridpatrol.node;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.gridpatrol.checkin.DeviceDirectory;
import org.gridpatrol.checkin.HttpErrors;
import org.gridpatrol.domain.access.AccessPolicy;
import org.gridpatrol.domain.access.AreaScope;
import org.gridpatrol.domain.access.Operation;
import org.gridpatrol.domain.access.UserRole;
import org.gridpatrol.events.Addresses;
import org.gridpatrol.store.DeviceRecord;
import org.gridpatrol.store.UserRepository.UserRecord;
import org.gridpatrol.store.UserRepository;

/**
 * Who is calling and whether they may: a session token (the {@value #COOKIE} cookie of the browser, or a bearer
 * token for other clients), a handheld's device token, or the admin token. One per node; sessions are cached
 * for {@link #CACHE_FOR} and forgotten at once when any node publishes their revocation.
 */
final class Access {
  static final String COOKIE = "gp_session";
  static final String CALLER = "caller";
  private static final Duration CACHE_FOR = Duration.ofSeconds(10);

  private final UserRepository users;
  private final DeviceDirectory devices;
  private final String adminToken;
  private final Clock clock;
  private final Map<String, Cached> sessions = new ConcurrentHashMap<>();
  private final Map<String, String> officerCommunities = new ConcurrentHashMap<>();

  private record Cached(Caller caller, Instant until) {}

  Access(UserRepository users, DeviceDirectory devices, String adminToken, Clock clock) {
    this.users = users;
    this.devices = devices;
    this.adminToken = adminToken;
    this.clock = clock;
  }

  /** A route handler that lets a request on when its caller may do {@code operation}; 401 or 403 otherwise. */
  Handler<RoutingContext> require(Operation operation) {
    return ctx -> {
      // A session may need the database; the body must wait for the body handler behind this one.
      boolean paused = !ctx.request().isEnded();
      if (paused) {
        ctx.request().pause();
      }
      authenticate(ctx).onComplete(result -> {
        if (paused) {
          ctx.request().resume();
        }
        decide(ctx, operation, result);
      });
    };
  }

  private static void decide(RoutingContext ctx, Operation operation, AsyncResult<Optional<Caller>> result) {
    if (result.failed()) {
      HttpErrors.unavailable(ctx, result.cause());
      return;
    }
    Caller caller = result.result().orElse(null);
    if (caller == null) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
      HttpErrors.reply(ctx, 401, "Authorization", ctx.request().getHeader(HttpHeaders.AUTHORIZATION) == null
              && ctx.request().getCookie(COOKIE) == null ? "required" : "invalid_token",
          "log in (POST /api/v1/login) or send a token: Authorization: Bearer <token>");
      return;
    }
    if (!AccessPolicy.allows(caller.role(), operation)) {
      forbidden(ctx, caller, operation);
      return;
    }
    ctx.put(CALLER, caller);
    ctx.next();
  }

  static Caller caller(RoutingContext ctx) {
    return ctx.get(CALLER);
  }

  static void forbidden(RoutingContext ctx, Caller caller, Operation operation) {
    String roles = AccessPolicy.rolesFor(operation).stream().map(UserRole::wireName).collect(Collectors.joining(", "));
    String role = caller.role().wireName().replace('_', ' ');
    String article = "aeiou".indexOf(role.charAt(0)) >= 0 ? "an " : "a ";
    HttpErrors.reply(ctx, 403, "role", "forbidden", article + role + " may not "
        + operation.name().toLowerCase().replace('_', ' ') + " (who may: " + roles + ")");
  }

  /** The caller, or empty when the request carries no valid credentials (or a cookie without its Origin). */
  Future<Optional<Caller>> authenticate(RoutingContext ctx) {
    String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (header != null) {
      if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
        return Future.succeededFuture(Optional.empty());
      }
      String token = header.substring(7).trim();
      if (MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), adminToken.getBytes(StandardCharsets.UTF_8))) {
        return Future.succeededFuture(Optional.of(new Caller(Caller.Kind.ADMIN_TOKEN, "admin-token", "admin-token",
            UserRole.ADMIN, AreaScope.city(), null, null, null, null)));
      }
      DeviceRecord device = devices.byToken(token);
      if (device != null) {
        return device.officerCode() == null ? Future.succeededFuture(Optional.empty()) : deviceCaller(device);
      }
      return session(token);
    }
    Cookie cookie = ctx.request().getCookie(COOKIE);
    if (cookie == null) {
      return Future.succeededFuture(Optional.empty());
    }
    if (!sameOrigin(ctx)) {
      // A cookie comes along with requests other sites make the browser send; those carry their own Origin.
      return Future.succeededFuture(Optional.empty());
    }
    return session(cookie.getValue());
  }

  /** The handheld an officer's own login (the handheld web page) checks in as. */
  static String webHandheld(String officer) {
    return "web-" + officer;
  }

  /**
   * The handheld of a check-in request: a device by its token, or for an officer logged in (the handheld web
   * page) the officer's web handheld, made at login. Null after answering 401, 403 or 503.
   */
  Future<DeviceRecord> handheld(RoutingContext ctx) {
    String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      DeviceRecord device = devices.byToken(header.substring(7).trim());
      if (device != null) {
        return Future.succeededFuture(device);
      }
    }
    return authenticate(ctx).map(found -> {
      if (found.isEmpty()) {
        ctx.response().putHeader("WWW-Authenticate", "Bearer");
        HttpErrors.reply(ctx, 401, "Authorization", header == null && ctx.request().getCookie(COOKIE) == null
            ? "required" : "invalid_token", "a handheld's device token, or an officer's login, is required");
        return null;
      }
      Caller caller = found.get();
      if (caller.kind() != Caller.Kind.USER || caller.role() != UserRole.OFFICER) {
        HttpErrors.reply(ctx, 403, "role", "forbidden", "check-ins come from officers' handhelds");
        return null;
      }
      DeviceRecord web = devices.byUniqueId(webHandheld(caller.officer()));
      if (web == null) {
        // Made at login and announced to every node; this node may not have heard yet.
        ctx.response().putHeader("Retry-After", "1");
        HttpErrors.reply(ctx, 503, "device", "not_ready", "the handheld page's device is being set up; send again");
        return null;
      }
      return web;
    });
  }

  /** Forgets sessions ended on any node; the hashes are hex. */
  void forget(List<String> hexHashes) {
    hexHashes.forEach(sessions::remove);
  }

  /** Sessions ended here: forgotten on this node before the answer goes out, and on the others at once. */
  void ended(List<byte[]> hashes, EventBus eventBus) {
    if (hashes.isEmpty()) {
      return;
    }
    List<String> hex = hashes.stream().map(HexFormat.of()::formatHex).toList();
    forget(hex);
    eventBus.publish(Addresses.SESSIONS_REVOKED, new JsonArray(hex));
  }

  static byte[] sha256(String token) {
    return DeviceDirectory.sha256(token);
  }

  static Caller caller(UserRecord user, byte[] session) {
    return new Caller(Caller.Kind.USER, user.username(), user.displayName(), UserRole.fromWireName(user.role()),
        AreaScope.of(user.areas()), user.officer(), user.team(), user.department(), session);
  }

  private Future<Optional<Caller>> session(String token) {
    byte[] hash = sha256(token);
    String key = HexFormat.of().formatHex(hash);
    Instant now = clock.instant();
    Cached cached = sessions.get(key);
    if (cached != null && cached.until().isAfter(now)) {
      return Future.succeededFuture(Optional.of(cached.caller()));
    }
    return users.session(hash, now).map(found -> {
      if (found.isEmpty()) {
        sessions.remove(key);
        return Optional.empty();
      }
      Caller caller = caller(found.get().user(), hash);
      Instant until = now.plus(CACHE_FOR);
      sessions.put(key, new Cached(caller, found.get().expiresAt().isBefore(until) ? found.get().expiresAt() : until));
      return Optional.of(caller);
    });
  }

  private Future<Optional<Caller>> deviceCaller(DeviceRecord device) {
    String officer = device.officerCode();
    String community = officerCommunities.get(officer);
    Future<String> area = community != null ? Future.succeededFuture(community)
        : users.officerCommunity(officer).onSuccess(found -> {
          if (found != null) {
            officerCommunities.put(officer, found);
          }
        });
    return area.map(found -> Optional.of(new Caller(Caller.Kind.DEVICE, officer, officer, UserRole.OFFICER,
        found == null ? AreaScope.nothing() : AreaScope.of(List.of(found)), officer, null, null, null)));
  }

  private static boolean sameOrigin(RoutingContext ctx) {
    HttpMethod method = ctx.request().method();
    return method == HttpMethod.GET || method == HttpMethod.HEAD
        || ownOrigin(ctx, ctx.request().getHeader(HttpHeaders.ORIGIN));
  }

  /** Whether {@code origin} (an Origin header, may be null) is this node as the request addressed it. */
  static boolean ownOrigin(RoutingContext ctx, String origin) {
    // The Host header under HTTP/1.1, the :authority of HTTP/2.
    HostAndPort authority = ctx.request().authority();
    if (origin == null || authority == null) {
      return false;
    }
    String host = authority.host() + (authority.port() > 0 ? ":" + authority.port() : "");
    return origin.equals("http://" + host) || origin.equals("https://" + host);
  }
}
