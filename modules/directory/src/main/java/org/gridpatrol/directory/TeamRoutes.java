package org.gridpatrol.directory;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.gridpatrol.domain.access.Operation;
import org.gridpatrol.domain.directory.Team;
import org.gridpatrol.store.DirectoryRepository;
import org.gridpatrol.store.DirectoryRepository.TeamRow;
import org.gridpatrol.web.Caller;
import org.gridpatrol.web.CityClock;
import org.gridpatrol.web.Guard;
import org.gridpatrol.web.Input;
import org.gridpatrol.web.InputException;
import org.gridpatrol.web.Replies;
import org.gridpatrol.web.RequestException;
import org.gridpatrol.web.Routes;

/**
 * Patrol teams: everyone lists and reads the teams of their areas; administrators create, change and retire
 * them. A retired team stays (reports and old alerts name it); changing it takes it back into service.
 */
public final class TeamRoutes implements Routes {
  private final Guard guard;
  private final DirectoryRepository directory;
  private final CityClock time;

  public TeamRoutes(Guard guard, DirectoryRepository directory, CityClock time) {
    this.guard = guard;
    this.directory = directory;
    this.time = time;
  }

  @Override
  public void mount(Router router) {
    Handler<RoutingContext> view = guard.require(Operation.VIEW);
    Handler<RoutingContext> manage = guard.require(Operation.MANAGE_DIRECTORY);
    BodyHandler body = BodyHandler.create(false).setBodyLimit(16 * 1024);
    router.get("/api/v1/teams").handler(view).handler(this::list);
    router.post("/api/v1/teams").handler(manage);
    router.post("/api/v1/teams").handler(body).handler(this::create);
    router.get("/api/v1/teams/:code").handler(view).handler(this::get);
    router.put("/api/v1/teams/:code").handler(manage);
    router.put("/api/v1/teams/:code").handler(body).handler(this::change);
    router.delete("/api/v1/teams/:code").handler(manage).handler(this::retire);
  }

  /** {@code GET /api/v1/teams?area=&status=active|retired|all&q=&offset=&limit=} (default: active teams). */
  private void list(RoutingContext ctx) {
    String status = ctx.queryParams().get("status") == null ? "active" : ctx.queryParams().get("status");
    if (!status.equals("active") && !status.equals("retired") && !status.equals("all")) {
      throw new InputException("status", "one_of", "status must be active, retired or all");
    }
    directory.teams(DirectoryInput.query(ctx, null, status.equals("all") ? null : status)).onSuccess(page -> {
      JsonArray teams = new JsonArray();
      page.items().forEach(team -> teams.add(json(team)));
      Replies.json(ctx, 200, new JsonObject().put("teams", teams).put("total", page.total()));
    }).onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    String code = DirectoryInput.code(ctx, "code");
    directory.team(code).onSuccess(found -> {
      if (found.isEmpty() || !Caller.of(ctx).sees(found.get().areaCode())) {
        ctx.fail(RequestException.notFound("code", "no team " + code));
      } else {
        Replies.json(ctx, 200, json(found.get()));
      }
    }).onFailure(ctx::fail);
  }

  /** {@code POST /api/v1/teams {"code", "name", "area", "lead"}}. */
  private void create(RoutingContext ctx) {
    JsonObject body = Input.body(ctx);
    Team team = DirectoryInput.team(body, DirectoryInput.newCode(body, "code"));
    directory.createTeam(team, time.now(), Caller.of(ctx).name())
        .compose(outcome -> answer(ctx, outcome, team.code(), 201))
        .onFailure(ctx::fail);
  }

  /** {@code PUT /api/v1/teams/{code} {"name", "area", "lead"}}: the whole team (a lead left out is none). */
  private void change(RoutingContext ctx) {
    Team team = DirectoryInput.team(Input.body(ctx), DirectoryInput.code(ctx, "code"));
    directory.changeTeam(team, time.now(), Caller.of(ctx).name())
        .compose(outcome -> answer(ctx, outcome, team.code(), 200))
        .onFailure(ctx::fail);
  }

  private void retire(RoutingContext ctx) {
    String code = DirectoryInput.code(ctx, "code");
    directory.retireTeam(code, time.now(), Caller.of(ctx).name()).onSuccess(outcome -> {
      RuntimeException failure = DirectoryInput.failure(outcome, "active team", code);
      if (failure != null) {
        ctx.fail(failure);
      } else {
        Replies.noContent(ctx);
      }
    }).onFailure(ctx::fail);
  }

  private Future<Void> answer(RoutingContext ctx, DirectoryRepository.Outcome outcome, String code,
                                            int status) {
    RuntimeException failure = DirectoryInput.failure(outcome, "team", code);
    if (failure != null) {
      return Future.failedFuture(failure);
    }
    return directory.team(code).map(saved -> {
      Replies.json(ctx, status, json(saved.orElseThrow()));
      return null;
    });
  }

  private JsonObject json(TeamRow team) {
    return new JsonObject()
        .put("code", team.code())
        .put("name", team.name())
        .put("area", team.areaCode())
        .put("lead", team.lead())
        .put("officers", team.officers())
        .put("retired", time.local(team.retiredAt()));
  }
}
