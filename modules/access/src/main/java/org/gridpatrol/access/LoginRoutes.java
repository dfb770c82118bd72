package org.gridpatrol.access;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gridpatrol.domain.access.LoginThrottle;
import org.gridpatrol.domain.access.Operation;
import org.gridpatrol.domain.access.Passwords;
import org.gridpatrol.domain.access.Tokens;
import org.gridpatrol.domain.directory.Device;
import org.gridpatrol.domain.directory.DeviceKind;
import org.gridpatrol.events.Addresses;
import org.gridpatrol.store.DeviceRepository;
import org.gridpatrol.store.UserRepository;
import org.gridpatrol.store.UserRepository.UserRecord;
import org.gridpatrol.web.Caller;
import org.gridpatrol.web.CityClock;
import org.gridpatrol.web.Input;
import org.gridpatrol.web.InputException;
import org.gridpatrol.web.Replies;
import org.gridpatrol.web.RequestException;
import org.gridpatrol.web.Routes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logging in and out, who am I, and changing one's own password. */
public final class LoginRoutes implements Routes {
  private static final Logger LOG = LoggerFactory.getLogger(LoginRoutes.class);
  static final int MAX_PASSWORD_LENGTH = 200;

  private final Access access;
  private final UserRepository users;
  private final DeviceRepository devices;
  private final Passwords passwords;
  private final PasswordWork work;
  private final UnknownNames unknownNames;
  private final LoginThrottle throttle;
  private final Duration sessionLength;
  private final boolean secureCookie;
  private final UserView view;
  private final Vertx vertx;
  private final CityClock time;

  /**
   * @param devices       where an officer's web handheld is registered at their first login
   * @param sessionLength how long a login lasts
   * @param secureCookie  whether the session cookie goes over HTTPS only
   * @param work          where bcrypt runs, bounded, and each client's allowance of attempts
   * @param unknownNames  wrong passwords of names without an account, locked alike
   */
  public LoginRoutes(Access access, UserRepository users, DeviceRepository devices, Passwords passwords,
                     LoginThrottle throttle, UnknownNames unknownNames, Duration sessionLength, boolean secureCookie,
                     PasswordWork work, Vertx vertx, CityClock time) {
    this.access = access;
    this.work = work;
    this.users = users;
    this.devices = devices;
    this.passwords = passwords;
    this.throttle = throttle;
    this.unknownNames = unknownNames;
    this.sessionLength = sessionLength;
    this.secureCookie = secureCookie;
    this.view = new UserView(time);
    this.vertx = vertx;
    this.time = time;
  }

  @Override
  public void mount(Router router) {
    BodyHandler body = BodyHandler.create(false).setBodyLimit(4 * 1024);
    router.post("/api/v1/login").handler(body).handler(this::login);
    router.post("/api/v1/logout").handler(access.require(Operation.VIEW)).handler(this::logout);
    router.get("/api/v1/me").handler(access.require(Operation.VIEW)).handler(this::me);
    router.put("/api/v1/me/password").handler(access.require(Operation.VIEW));
    router.put("/api/v1/me/password").handler(body).handler(this::changePassword);
  }

  private void login(RoutingContext ctx) {
    JsonObject json = Input.body(ctx);
    String username = Input.text(json, "username", 40, true).toLowerCase(Locale.ROOT);
    String password = password(json, "password");
    Instant now = time.now();
    work.attempt(ctx.request().remoteAddress() == null ? "" : ctx.request().remoteAddress().hostAddress());
    users.byUsername(username).onSuccess(found -> {
      if (found.isEmpty() || found.get().disabledAt() != null) {
        // Answered exactly as an account would be: the same bcrypt work, the same lock-out.
        Instant lockedUntil = unknownNames.lockedUntil(username, now);
        if (lockedUntil != null) {
          locked(ctx, username, lockedUntil, now);
          return;
        }
        work.run(() -> passwords.matchesNobody(password))
            .onSuccess(ignored -> {
              Instant until = unknownNames.failed(username, now);
              if (until == null) {
                wrongCredentials(ctx, username, null);
              } else {
                locked(ctx, username, until, now);
              }
            })
            .onFailure(ctx::fail);
        return;
      }
      UserRecord user = found.get();
      if (user.lockedUntil() != null && user.lockedUntil().isAfter(now)) {
        locked(ctx, user.username(), user.lockedUntil(), now);
        return;
      }
      work.run(() -> passwords.matches(password, user.passwordHash())).compose(matches -> {
        if (matches) {
          return openSession(ctx, user, now);
        }
        return users.countFailure(user.id()).compose(failures -> {
          Instant until = throttle.lockedUntil(failures, now);
          if (until == null) {
            wrongCredentials(ctx, username, failures);
            return Future.succeededFuture();
          }
          return users.lock(user.id(), until).onSuccess(v -> locked(ctx, user.username(), until, now));
        });
      }).onFailure(ctx::fail);
    }).onFailure(ctx::fail);
  }

  private Future<Void> openSession(RoutingContext ctx, UserRecord user, Instant now) {
    String token = Tokens.random(32);
    Instant expires = now.plus(sessionLength);
    String client = String.valueOf(ctx.request().getHeader("User-Agent"));
    return users.openSession(user.id(), Access.sha256(token), now, expires,
            client.length() > 200 ? client.substring(0, 200) : client)
        .compose(v -> user.officer() == null ? Future.succeededFuture() : webHandheld(user.officer()))
        .onSuccess(v -> {
          LOG.info("Login: {} ({}) from {}", user.username(), user.role(), ctx.request().remoteAddress());
          ctx.response().addCookie(Cookie.cookie(Access.COOKIE, token).setPath("/").setHttpOnly(true)
              .setSecure(secureCookie).setSameSite(CookieSameSite.STRICT).setMaxAge(sessionLength.toSeconds()));
          Replies.json(ctx, 200, new JsonObject().put("token", token)
              .put("expiresAt", time.local(expires))
              .put("user", view.json(user)));
        });
  }

  /** An officer's login checks in from the handheld page as the officer's web handheld: made on first login. */
  private Future<Void> webHandheld(String officer) {
    return devices.enrol(new Device(Access.webHandheld(officer), DeviceKind.WEB_HANDHELD, officer), null, null,
        time.now(), "login").map(outcome -> {
      if (outcome == DeviceRepository.Outcome.DONE) {
        vertx.eventBus().publish(Addresses.DEVICES_CHANGED, new JsonObject().put("uniqueId", Access.webHandheld(officer)));
      }
      return null;
    });
  }

  private void wrongCredentials(RoutingContext ctx, String username, Integer failures) {
    LOG.warn("Failed login for {} from {}{}", username, ctx.request().remoteAddress(),
        failures == null ? " (no such active account)" : " (" + failures + " in a row)");
    ctx.fail(new RequestException(401, "password", "wrong_credentials", "wrong user name or password"));
  }

  private void locked(RoutingContext ctx, String username, Instant until, Instant now) {
    LOG.warn("Login refused for {} from {}: locked until {}", username, ctx.request().remoteAddress(), until);
    long seconds = Math.max(1, Duration.between(now, until).toSeconds());
    ctx.response().putHeader("Retry-After", String.valueOf(seconds));
    ctx.fail(new RequestException(429, "username", "locked", "too many wrong passwords: this account opens again at "
        + time.local(until) + " (in " + seconds + " s)"));
  }

  private void logout(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    ctx.response().addCookie(Cookie.cookie(Access.COOKIE, "").setPath("/").setHttpOnly(true)
        .setSecure(secureCookie).setSameSite(CookieSameSite.STRICT).setMaxAge(0));
    if (caller.session() == null) {
      Replies.noContent(ctx);
      return;
    }
    users.revoke(caller.session(), time.now()).onSuccess(v -> {
      access.ended(List.of(caller.session()), vertx.eventBus());
      LOG.info("Logout: {}", caller.name());
      Replies.noContent(ctx);
    }).onFailure(ctx::fail);
  }

  private void me(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    Replies.json(ctx, 200, new JsonObject()
        .put("name", caller.name())
        .put("displayName", caller.displayName())
        .put("kind", caller.kind().name().toLowerCase(Locale.ROOT))
        .put("role", caller.role().wireName())
        .put("areas", caller.scope().isCity() ? null : new JsonArray(caller.scope().areas()))
        .put("officer", caller.officer())
        .put("team", caller.team())
        .put("department", caller.department())
        .put("passwordChangeRequired", caller.passwordChangeRequired()));
  }

  private void changePassword(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    if (caller.kind() != Caller.Kind.USER) {
      ctx.fail(new RequestException(400, "Authorization", "not_a_person", "only a person logged in has a password to change"));
      return;
    }
    JsonObject json = Input.body(ctx);
    String current = password(json, "current");
    String next = password(json, "password");
    String problem = Passwords.problem(next, caller.name());
    if (problem != null) {
      throw new InputException("password", "weak", problem);
    }
    Instant now = time.now();
    users.byUsername(caller.name()).compose(found -> {
      UserRecord user = found.orElseThrow();
      return work.run(() -> passwords.matches(current, user.passwordHash()) ? passwords.hash(next) : null)
          .compose(hash -> {
            if (hash == null) {
              ctx.fail(new RequestException(400, "current", "wrong_password", "current is not your present password"));
              return Future.succeededFuture();
            }
            return users.update(user.username(), new UserRepository.UserFields(user.displayName(), user.role(),
                    user.areas(), user.officer(), user.team(), user.department(), hash), now)
                // Whoever else held the old password is logged out; this session goes on.
                .compose(v -> users.revokeAll(user.username(), caller.session(), now))
                .onSuccess(ended -> {
                  // This session is forgotten too (not ended), so that a one-time password's restriction
                  // lifts on every node at once.
                  List<byte[]> forget = new ArrayList<>(ended);
                  forget.add(caller.session());
                  access.ended(forget, vertx.eventBus());
                  LOG.info("Password changed by {}; {} other sessions ended", user.username(), ended.size());
                  Replies.noContent(ctx);
                });
          });
    }).onFailure(ctx::fail);
  }

  static String password(JsonObject json, String field) {
    Object value = json.getValue(field);
    if (value == null) {
      throw new InputException(field, "required", field + " is required");
    }
    if (!(value instanceof String text) || text.isEmpty()) {
      throw new InputException(field, "text", field + " must be a non-empty text");
    }
    if (text.length() > MAX_PASSWORD_LENGTH) {
      throw new InputException(field, "length", field + " must be at most " + MAX_PASSWORD_LENGTH + " characters");
    }
    return text;
  }
}
