package org.gridpatrol.access;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.pgclient.PgException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.gridpatrol.domain.access.AreaScope;
import org.gridpatrol.domain.access.Operation;
import org.gridpatrol.domain.access.Passwords;
import org.gridpatrol.domain.access.UserRole;
import org.gridpatrol.events.Addresses;
import org.gridpatrol.store.UserRepository.UserFields;
import org.gridpatrol.store.UserRepository;
import org.gridpatrol.web.Caller;
import org.gridpatrol.web.CityClock;
import org.gridpatrol.web.Input;
import org.gridpatrol.web.InputException;
import org.gridpatrol.web.Replies;
import org.gridpatrol.web.RequestException;
import org.gridpatrol.web.Routes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** User accounts, for administrators: create, list, change, disable, end sessions. */
public final class UserRoutes implements Routes {
  private static final Logger LOG = LoggerFactory.getLogger(UserRoutes.class);
  private static final String USERNAME = "[a-z0-9][a-z0-9._-]{1,39}";
  private static final int DEFAULT_LIMIT = 100;
  private static final int MAX_LIMIT = 1000;

  private final Access access;
  private final UserRepository users;
  private final Passwords passwords;
  private final Predicate<String> knownDepartment;
  private final UserView view;
  private final Vertx vertx;
  private final CityClock time;

  /** @param knownDepartment whether a department code is one of the cases configuration's */
  public UserRoutes(Access access, UserRepository users, Passwords passwords, Predicate<String> knownDepartment,
                    Vertx vertx, CityClock time) {
    this.access = access;
    this.users = users;
    this.passwords = passwords;
    this.knownDepartment = knownDepartment;
    this.view = new UserView(time);
    this.vertx = vertx;
    this.time = time;
  }

  @Override
  public void mount(Router router) {
    BodyHandler body = BodyHandler.create(false).setBodyLimit(16 * 1024);
    router.route("/api/v1/users*").handler(access.require(Operation.MANAGE_USERS));
    router.get("/api/v1/users").handler(this::list);
    router.post("/api/v1/users").handler(body).handler(this::create);
    router.get("/api/v1/users/:username").handler(this::get);
    router.put("/api/v1/users/:username").handler(body).handler(this::change);
    router.delete("/api/v1/users/:username").handler(this::disable);
    router.delete("/api/v1/users/:username/sessions").handler(this::endSessions);
  }

  private void list(RoutingContext ctx) {
    int offset = Input.offset(ctx.queryParams().get("offset"));
    int limit = Input.limit(ctx.queryParams().get("limit"), DEFAULT_LIMIT, MAX_LIMIT);
    users.list(offset, limit).onSuccess(found -> {
      JsonArray array = new JsonArray();
      found.forEach(user -> array.add(view.json(user)));
      Replies.json(ctx, 200, new JsonObject().put("users", array)
          .put("next", found.size() == limit ? offset + limit : null));
    }).onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    String username = ctx.pathParam("username");
    users.byUsername(username).onSuccess(found -> {
      if (found.isEmpty()) {
        notFound(ctx, username);
      } else {
        Replies.json(ctx, 200, view.json(found.get()));
      }
    }).onFailure(ctx::fail);
  }

  private void create(RoutingContext ctx) {
    JsonObject body = Input.body(ctx);
    String username = Input.text(body, "username", 40, true);
    if (!username.matches(USERNAME)) {
      throw new InputException("username", "format",
          "username must be 2-40 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    if (body.getValue("password") == null) {
      throw new InputException("password", "required", "password is required for a new account");
    }
    fields(body, username).compose(fields -> users.create(username, fields, time.now()))
        .recover(UserRoutes::officerTaken)
        .onSuccess(created -> {
          if (created.isEmpty()) {
            ctx.fail(RequestException.conflict("username", "taken", "there is already an account " + username));
            return;
          }
          LOG.info("Account {} created ({}) by {}", username, created.get().role(), Caller.of(ctx).name());
          vertx.eventBus().publish(Addresses.USERS_CHANGED, username);
          Replies.json(ctx, 201, view.json(created.get()));
        })
        .onFailure(ctx::fail);
  }

  private void change(RoutingContext ctx) {
    String username = ctx.pathParam("username");
    JsonObject body = Input.body(ctx);
    fields(body, username).compose(fields -> users.update(username, fields, time.now()))
        .recover(UserRoutes::officerTaken)
        .onSuccess(changed -> {
          if (changed.isEmpty()) {
            notFound(ctx, username);
            return;
          }
          LOG.info("Account {} changed by {}", username, Caller.of(ctx).name());
          vertx.eventBus().publish(Addresses.USERS_CHANGED, username);
          // Role and areas live in cached sessions: end them, the person logs in again with the new ones.
          endSessions(username).onComplete(ended -> Replies.json(ctx, 200, view.json(changed.get())));
        })
        .onFailure(ctx::fail);
  }

  private void disable(RoutingContext ctx) {
    String username = ctx.pathParam("username");
    Instant now = time.now();
    users.disable(username, now).onSuccess(ended -> {
      if (ended.isEmpty()) {
        notFound(ctx, username);
        return;
      }
      announce(ended.get());
      LOG.info("Account {} disabled by {}", username, Caller.of(ctx).name());
      vertx.eventBus().publish(Addresses.USERS_CHANGED, username);
      Replies.noContent(ctx);
    }).onFailure(ctx::fail);
  }

  private void endSessions(RoutingContext ctx) {
    String username = ctx.pathParam("username");
    endSessions(username).onSuccess(ended -> Replies.json(ctx, 200,
        new JsonObject().put("username", username).put("sessionsEnded", ended)))
        .onFailure(ctx::fail);
  }

  private Future<Integer> endSessions(String username) {
    return users.revokeAll(username, null, time.now()).map(hashes -> {
      announce(hashes);
      return hashes.size();
    });
  }

  private void announce(List<byte[]> hashes) {
    access.ended(hashes, vertx.eventBus());
  }

  /** Reads and checks an account's fields (the password hashed off the event loop); throws InputException. */
  private Future<UserFields> fields(JsonObject body, String username) {
    UserRole role;
    String displayName = Input.text(body, "displayName", 100, true);
    String roleName = Input.text(body, "role", 20, true);
    try {
      role = UserRole.fromWireName(roleName);
    } catch (IllegalArgumentException e) {
      throw new InputException("role", "one_of", e.getMessage());
    }
    String officer = Input.text(body, "officer", 40, role == UserRole.OFFICER);
    String team = Input.text(body, "team", 40, role == UserRole.TEAM_LEAD);
    String department = Input.text(body, "department", 40, role == UserRole.HANDLER);
    if (department != null && !knownDepartment.test(department)) {
      throw new InputException("department", "unknown_department", "no department " + department
          + " (GET /api/v1/categories lists them)");
    }
    List<String> areas = areas(body.getValue("areas"));
    String password = body.getValue("password") == null ? null : LoginRoutes.password(body, "password");
    String problem = password == null ? null : Passwords.problem(password, username);
    if (problem != null) {
      throw new InputException("password", "weak", problem);
    }
    Future<String> officerArea = officer == null ? Future.succeededFuture()
        : users.officerCommunity(officer).map(community -> {
          if (community == null) {
            throw new InputException("officer", "unknown_officer", "no officer " + officer + " with a community");
          }
          return community;
        });
    Future<String> teamArea = team == null ? Future.succeededFuture()
        : users.teamStreet(team).map(street -> {
          if (street == null) {
            throw new InputException("team", "unknown_team", "no team " + team + " with a street");
          }
          return street;
        });
    return Future.all(officerArea, teamArea).compose(known -> {
      List<String> scope = areas;
      if (scope == null) {
        // Officers work in their community and team leads in their team's street unless told otherwise.
        scope = role == UserRole.OFFICER ? List.of(officerArea.result())
            : role == UserRole.TEAM_LEAD ? List.of(teamArea.result()) : List.of();
      }
      List<String> finalScope = scope;
      return password == null ? Future.succeededFuture(new UserFields(displayName, role.wireName(), finalScope,
              officer, team, department, null))
          : vertx.executeBlocking(() -> passwords.hash(password), false)
              .map(hash -> new UserFields(displayName, role.wireName(), finalScope, officer, team, department, hash));
    });
  }

  /** The areas given, or null when the field is absent; [] is the whole city. */
  private static List<String> areas(Object value) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof JsonArray array) || array.size() > 100) {
      throw new InputException("areas", "list", "areas must be a list of at most 100 district, street or community codes");
    }
    List<String> codes = new ArrayList<>();
    for (Object code : array) {
      if (!(code instanceof String text) || !AreaScope.isAreaCode(text)) {
        throw new InputException("areas", "area_code", "areas must hold district (6 digits), street (9) or "
            + "community (12) codes; " + code + " is none");
      }
      codes.add(text);
    }
    return AreaScope.of(codes).areas();
  }

  /** An officer has one account at most: the store's uniqueness rule says so. */
  private static <T> Future<T> officerTaken(Throwable failure) {
    return Future.failedFuture(failure instanceof PgException pg && "23505".equals(pg.getSqlState())
        ? RequestException.conflict("officer", "taken", "that officer already has an account") : failure);
  }

  private static void notFound(RoutingContext ctx, String username) {
    ctx.fail(RequestException.notFound("username", "no account " + username.toLowerCase(Locale.ROOT)));
  }
}
