package org.gridpatrol.access;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.gridpatrol.checkin.DeviceDirectory;
import org.gridpatrol.domain.access.AccessPolicy;
import org.gridpatrol.domain.access.AreaScope;
import org.gridpatrol.domain.access.Operation;
import org.gridpatrol.domain.access.UserRole;
import org.gridpatrol.domain.directory.Device;
import org.gridpatrol.events.Addresses;
import org.gridpatrol.store.DeviceRecord;
import org.gridpatrol.store.UserRepository;
import org.gridpatrol.store.UserRepository.UserRecord;
import org.gridpatrol.web.Caller;
import org.gridpatrol.web.Guard;
import org.gridpatrol.web.RequestException;
import org.gridpatrol.web.SecurityHeaders;

/**
 * Who is calling and whether they may: a session token (the {@value #COOKIE} cookie of the browser, or a bearer
 * token for other clients), a handheld's device token, or the admin token. One per node; sessions are cached
 * for {@link #CACHE_FOR} and forgotten at once when any node publishes their revocation.
 */
public final class Access implements Guard {
  static final String COOKIE = "gp_session";
  private static final Duration CACHE_FOR = Duration.ofSeconds(10);
  /** All that a person with a one-time password may do: see who they are, change it, log out. */
  private static final Set<String> ONE_TIME_PASSWORD_PATHS = Set.of("/api/v1/me", "/api/v1/me/password",
      "/api/v1/logout");

  private final UserRepository users;
  private final DeviceDirectory devices;
  private final String adminToken;
  private final Clock clock;
  private final Map<String, Cached> sessions = new ConcurrentHashMap<>();
  private final Map<String, String> officerCommunities = new ConcurrentHashMap<>();

  private record Cached(Caller caller, Instant until) {}

  public Access(UserRepository users, DeviceDirectory devices, String adminToken, Clock clock) {
    this.users = users;
    this.devices = devices;
    this.adminToken = adminToken;
    this.clock = clock;
  }

  /** A route handler that lets a request on when its caller may do {@code operation}; 401 or 403 otherwise. */
  @Override
  public Handler<RoutingContext> require(Operation operation) {
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
      ctx.fail(result.cause());
      return;
    }
    Caller caller = result.result().orElse(null);
    if (caller == null) {
      ctx.fail(unauthorized(ctx, "log in (POST /api/v1/login) or send a token: Authorization: Bearer <token>"));
    } else if (caller.passwordChangeRequired() && !ONE_TIME_PASSWORD_PATHS.contains(ctx.request().path())) {
      ctx.fail(new RequestException(403, "password", "change_required",
          "change the one-time password first: PUT /api/v1/me/password {\"current\", \"password\"}"));
    } else if (!AccessPolicy.allows(caller.role(), operation)) {
      ctx.fail(caller.forbidden(operation));
    } else {
      ctx.put(Caller.KEY, caller);
      ctx.next();
    }
  }

  /** 401: no credentials ("required") or ones that are not valid ("invalid_token"). */
  private static RequestException unauthorized(RoutingContext ctx, String message) {
    boolean none = ctx.request().getHeader(HttpHeaders.AUTHORIZATION) == null && ctx.request().getCookie(COOKIE) == null;
    return new RequestException(401, "Authorization", none ? "required" : "invalid_token", message)
        .header("WWW-Authenticate", "Bearer");
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
            UserRole.ADMIN, AreaScope.city(), null, null, null, null, false)));
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
    return Device.WEB_HANDHELD_PREFIX + officer;
  }

  /**
   * The handheld of a check-in request: a device by its token, or for an officer logged in (the handheld web
   * page) the officer's web handheld, made at login. Fails with the 401, 403 or 503 to answer otherwise.
   */
  public Future<DeviceRecord> handheld(RoutingContext ctx) {
    String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      DeviceRecord device = devices.byToken(header.substring(7).trim());
      if (device != null) {
        return Future.succeededFuture(device);
      }
    }
    return authenticate(ctx).map(found -> {
      Caller caller = found.orElseThrow(() -> unauthorized(ctx,
          "a handheld's device token, or an officer's login, is required"));
      if (caller.kind() != Caller.Kind.USER || caller.role() != UserRole.OFFICER) {
        throw new RequestException(403, "role", "forbidden", "check-ins come from officers' handhelds");
      }
      DeviceRecord web = devices.byUniqueId(webHandheld(caller.officer()));
      if (web == null) {
        // Made at login and announced to every node; this node may not have heard yet.
        throw new RequestException(503, "device", "not_ready", "the handheld page's device is being set up; send again")
            .header("Retry-After", "1");
      }
      return web;
    });
  }

  /** Forgets at once the sessions any node ends (their hashes, hex, on {@link Addresses#SESSIONS_REVOKED}). */
  public Access listen(EventBus eventBus) {
    eventBus.<JsonArray>consumer(Addresses.SESSIONS_REVOKED,
        message -> forget(message.body().stream().map(String::valueOf).toList()));
    return this;
  }

  private void forget(List<String> hexHashes) {
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
        AreaScope.of(user.areas()), user.officer(), user.team(), user.department(), session,
        user.passwordChangeRequired());
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
        found == null ? AreaScope.nothing() : AreaScope.of(List.of(found)), officer, null, null, null, false)));
  }

  private static boolean sameOrigin(RoutingContext ctx) {
    HttpMethod method = ctx.request().method();
    return method == HttpMethod.GET || method == HttpMethod.HEAD
        || SecurityHeaders.ownOrigin(ctx, ctx.request().getHeader(HttpHeaders.ORIGIN));
  }

}
