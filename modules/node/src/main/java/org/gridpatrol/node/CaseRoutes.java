package org.gridpatrol.node;

import static org.gridpatrol.web.Input.text;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.gridpatrol.web.RequestException;
import org.gridpatrol.web.InputException;
import org.gridpatrol.web.Input;
import org.gridpatrol.domain.access.AccessPolicy;
import org.gridpatrol.domain.access.Operation;
import org.gridpatrol.domain.access.UserRole;
import org.gridpatrol.domain.cases.CaseAction;
import org.gridpatrol.domain.cases.CaseStatus;
import org.gridpatrol.domain.cases.CaseWorkflow;
import org.gridpatrol.domain.cases.Category;
import org.gridpatrol.domain.cases.Priority;
import org.gridpatrol.domain.grid.CellCode;
import org.gridpatrol.domain.grid.CellIndex.IndexedCell;
import org.gridpatrol.escalation.CaseService;
import org.gridpatrol.store.CaseRepository.CaseRow;
import org.gridpatrol.store.CaseRepository;
import org.gridpatrol.web.Replies;
import org.gridpatrol.web.Caller;

/**
 * Cases: report, list, read with history, act on (transitions, assign, acknowledge, comment) and photos.
 * Who may do what follows the roles (see {@link org.gridpatrol.domain.access.AccessPolicy}); a case outside the
 * caller's areas (or, for a handler, of another department) does not exist for them. The person acting is the
 * caller; only the admin token, used by other systems, names them in the body ({@code actor}).
 */
final class CaseRoutes {
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;
  static final int MAX_DESCRIPTION = 2000;
  private static final Set<String> SOURCES = Set.of("hotline", "api");

  private final NodeServices services;
  private final CaseService cases;
  private final PhotoStore photos;

  CaseRoutes(NodeServices services) {
    this.services = services;
    this.cases = services.cases();
    this.photos = services.photos();
  }

  void mount(Router router) {
    BodyHandler json = BodyHandler.create(false).setBodyLimit(64 * 1024);
    Access access = services.access();
    Handler<RoutingContext> view = access.require(Operation.VIEW);
    // Authorised on routes of their own: a body handler must come first on the route that reads the body.
    router.post("/api/v1/cases").handler(access.require(Operation.REPORT_CASES));
    router.post("/api/v1/cases").handler(json).handler(this::report);
    router.get("/api/v1/cases").handler(view).handler(this::list);
    router.get("/api/v1/cases/:id").handler(view).handler(this::get);
    // Which transition needs which role follows from the action in the body.
    router.post("/api/v1/cases/:id/transitions").handler(view);
    router.post("/api/v1/cases/:id/assign").handler(access.require(Operation.ASSIGN_CASES));
    router.post("/api/v1/cases/:id/acknowledge").handler(access.require(Operation.ACKNOWLEDGE_CASES));
    router.post("/api/v1/cases/:id/comments").handler(access.require(Operation.COMMENT_CASES));
    router.post("/api/v1/cases/:id/photos").handler(access.require(Operation.COMMENT_CASES));
    router.post("/api/v1/cases/:id/transitions").handler(json).handler(this::transition);
    router.post("/api/v1/cases/:id/assign").handler(json).handler(this::assign);
    router.post("/api/v1/cases/:id/acknowledge").handler(json).handler(this::acknowledge);
    router.post("/api/v1/cases/:id/comments").handler(json).handler(this::comment);
    router.post("/api/v1/cases/:id/photos").handler(BodyHandler.create(false).setBodyLimit(photos.maxBytes()))
        .handler(this::addPhoto);
    router.get("/api/v1/cases/:id/photos/:photo").handler(view).handler(this::photo);
  }

  private void report(RoutingContext ctx) {
    CaseService.Report report;
    JsonObject body = Input.body(ctx);
    Caller caller = Caller.of(ctx);
    String officer = caller.role() == UserRole.OFFICER ? caller.officer() : null;
    String code = text(body, "category", 8, true);
    Category category = cases.config().categories().find(code).orElseThrow(() -> new InputException("category",
        "unknown_category", "category " + code + " is not a minor class of the category tree (GET /api/v1/categories)"));
    Priority priority = null;
    if (body.getValue("priority") != null) {
      try {
        priority = Priority.fromWireName(text(body, "priority", 10, true));
      } catch (IllegalArgumentException e) {
        throw new InputException("priority", "one_of", "priority must be normal or urgent");
      }
    }
    Double lat = null;
    Double lon = null;
    IndexedCell cell;
    if (body.getValue("cell") != null) {
      String cellCode = text(body, "cell", 15, true);
      if (!CellCode.isValid(cellCode)) {
        throw new InputException("cell", "cell_code", "cell must be a 15-digit cell code");
      }
      cell = services.grid().byCode(cellCode).orElseThrow(() ->
          new InputException("cell", "unknown_cell", "no cell " + cellCode));
    } else {
      if (body.getValue("lat") == null || body.getValue("lon") == null) {
        throw new InputException("lat", "required", "give the place: lat and lon, or cell");
      }
      lat = Input.inRange("lat", body.getValue("lat"), -90, 90);
      lon = Input.inRange("lon", body.getValue("lon"), -180, 180);
      double at = lat;
      double along = lon;
      cell = services.grid().locate(lat, lon).orElseThrow(() ->
          new InputException("lat", "outside_grid", "the place " + at + "," + along + " is in no cell of the grid"));
    }
    // Officers report whatever they come across on their way; the control room works in its own areas.
    if (officer == null && !caller.sees(cell.code())) {
      throw new InputException(lat == null ? "cell" : "lat", "outside_areas",
          "cell " + cell.code() + " lies outside your areas (" + caller.scope() + ")");
    }
    String description = text(body, "description", MAX_DESCRIPTION, true);
    String source;
    String reporter;
    if (officer != null) {
      source = "officer";
      reporter = officer;
    } else {
      source = body.getValue("source") == null ? "api" : text(body, "source", 10, true);
      if (!SOURCES.contains(source)) {
        throw new InputException("source", "one_of", "source must be hotline or api");
      }
      reporter = actor(caller, body);
    }
    String clientRef = body.getValue("clientRef") == null ? null
        : Input.identifier("clientRef", text(body, "clientRef", Input.MAX_IDENTIFIER_LENGTH, true));
    report = new CaseService.Report(source, category.code(), priority, cell.id(), cell.code(), lat, lon,
        description, reporter, clientRef);
    cases.report(report)
        .onSuccess(row -> Replies.json(ctx, 201, json(row)))
        .onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    CaseRepository.Filter filter;
    String status = ctx.queryParams().get("status");
    if (status != null) {
      try {
        CaseStatus.fromWireName(status);
      } catch (IllegalArgumentException e) {
        throw new InputException("status", "one_of", "status must be one of reported, registered, dispatched, "
            + "in_progress, handled, suspended, closed, rejected");
      }
    }
    String category = ctx.queryParams().get("category");
    if (category != null && !category.matches("[CE]([0-9]{2}){0,2}")) {
      throw new InputException("category", "category_code", "category must be a category code or prefix, e.g. E01");
    }
    String cell = ctx.queryParams().get("cell");
    if (cell != null && !cell.matches("[0-9]{6,15}")) {
      throw new InputException("cell", "cell_prefix", "cell must be a cell code or its 6-15 leading digits");
    }
    Instant now = services.clock().instant();
    Instant to = Input.instant("to", ctx.queryParams().get("to"), now.plus(Duration.ofDays(1)));
    Instant from = Input.instant("from", ctx.queryParams().get("from"), to.minus(Duration.ofDays(30)));
    if (!from.isBefore(to)) {
      throw new InputException("to", "order", "to must be after from");
    }
    Long after = ctx.queryParams().get("after") == null ? null
        : Input.number("after", ctx.queryParams().get("after"));
    Caller caller = Caller.of(ctx);
    // A handler's list holds the cases of their own department.
    String department = caller.role() == UserRole.HANDLER ? caller.department() : ctx.queryParams().get("department");
    String source = ctx.queryParams().get("source");
    int limit = Input.limit(ctx.queryParams().get("limit"), DEFAULT_LIMIT, MAX_LIMIT);
    filter = new CaseRepository.Filter(status, category, cell, department == null ? null
        : Input.storable("department", department), source == null ? null : Input.storable("source", source),
        from, to, after, limit, caller.areas());
    services.caseRepository().list(filter).onSuccess(rows -> {
      JsonArray array = new JsonArray();
      rows.forEach(row -> array.add(json(row)));
      String next = rows.size() == filter.limit() ? String.valueOf(rows.get(rows.size() - 1).id()) : null;
      Replies.json(ctx, 200, new JsonObject().put("cases", array).put("next", next));
    }).onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    long id = Input.number(ctx, "id");
    services.caseRepository().find(id).onSuccess(found -> {
      if (found.isEmpty() || !seen(ctx, found.get().row())) {
        notFound(ctx, id);
        return;
      }
      CaseRepository.Detail detail = found.get();
      JsonArray history = new JsonArray();
      detail.events().forEach(event -> history.add(new JsonObject()
          .put("at", services.local(event.at()))
          .put("actor", event.actor())
          .put("action", event.action())
          .put("from", event.fromStatus())
          .put("to", event.toStatus())
          .put("reason", event.reason())
          .put("details", event.details())));
      JsonArray photoList = new JsonArray();
      detail.photos().forEach(photo -> photoList.add(new JsonObject()
          .put("id", photo.id())
          .put("url", "/api/v1/cases/" + photo.caseId() + "/photos/" + photo.id())
          .put("contentType", photo.contentType())
          .put("bytes", photo.sizeBytes())
          .put("uploadedBy", photo.uploadedBy())
          .put("uploadedAt", services.local(photo.uploadedAt()))));
      Replies.json(ctx, 200, json(detail.row()).put("history", history).put("photos", photoList));
    }).onFailure(ctx::fail);
  }

  private void transition(RoutingContext ctx) {
    long id = Input.number(ctx, "id");
    CaseAction action;
    String actor;
    String reason;
    String department;
    JsonObject body = Input.body(ctx);
    String name = text(body, "action", 20, true);
    try {
      action = CaseAction.fromWireName(name);
    } catch (IllegalArgumentException e) {
      throw new InputException("action", "one_of", "action must be one of register, reject, dispatch, start, "
          + "report_back, close, reopen, suspend, resume");
    }
    Operation needed = AccessPolicy.forCaseAction(action);
    if (!AccessPolicy.allows(Caller.of(ctx).role(), needed)) {
      throw Caller.of(ctx).forbidden(needed);
    }
    actor = actor(Caller.of(ctx), body);
    reason = body.getValue("reason") == null ? null : text(body, "reason", MAX_DESCRIPTION, true);
    if (action.needsReason() && reason == null) {
      throw new InputException("reason", "required", action.wireName() + " needs a reason");
    }
    department = body.getValue("department") == null ? null : text(body, "department", 40, true);
    if (department != null && !cases.config().categories().departments().containsKey(department)) {
      throw new InputException("department", "unknown_department", "no department " + department
          + " (GET /api/v1/categories lists them)");
    }
    reply(ctx, id, ifSeen(ctx, id, () -> cases.act(id, action, actor, reason, department)));
  }

  private void assign(RoutingContext ctx) {
    long id = Input.number(ctx, "id");
    String actor;
    String assignee;
    String department;
    JsonObject body = Input.body(ctx);
    actor = actor(Caller.of(ctx), body);
    assignee = Input.identifier("assignee", text(body, "assignee", Input.MAX_IDENTIFIER_LENGTH, true));
    department = body.getValue("department") == null ? null : text(body, "department", 40, true);
    if (department != null && !cases.config().categories().departments().containsKey(department)) {
      throw new InputException("department", "unknown_department", "no department " + department);
    }
    reply(ctx, id, ifSeen(ctx, id, () -> cases.assign(id, assignee, department, actor)));
  }

  private void acknowledge(RoutingContext ctx) {
    long id = Input.number(ctx, "id");
    String actor;
    actor = actor(Caller.of(ctx), Input.body(ctx));
    reply(ctx, id, ifSeen(ctx, id, () -> cases.acknowledge(id, actor)));
  }

  private void comment(RoutingContext ctx) {
    long id = Input.number(ctx, "id");
    String actor;
    String text;
    JsonObject body = Input.body(ctx);
    actor = actor(Caller.of(ctx), body);
    text = text(body, "text", MAX_DESCRIPTION, true);
    Instant now = services.clock().instant();
    services.caseRepository().row(id)
        .compose(found -> found.isEmpty() || !seen(ctx, found.get()) ? Future.succeededFuture(false)
            : services.caseRepository().comment(id, CaseRepository.Event.of(now, actor, "comment", null, null,
                null, new JsonObject().put("text", text))).map(true))
        .onSuccess(done -> {
          if (done) {
            Replies.json(ctx, 201, new JsonObject().put("case", id).put("at", services.local(now)));
          } else {
            notFound(ctx, id);
          }
        })
        .onFailure(ctx::fail);
  }

  private void addPhoto(RoutingContext ctx) {
    long id = Input.number(ctx, "id");
    Caller caller = Caller.of(ctx);
    String actor = caller.kind() == Caller.Kind.ADMIN_TOKEN ? ctx.queryParams().get("actor") : caller.name();
    Buffer bytes = ctx.body().buffer();
    String type;
    if (actor == null) {
      throw new InputException("actor", "required", "with the admin token, name who uploads: ?actor=<name>");
    }
    Input.identifier("actor", actor);
    type = PhotoStore.contentType(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE), bytes);
    services.caseRepository().row(id)
        .compose(found -> found.isEmpty() || !seen(ctx, found.get())
            ? Future.succeededFuture(Optional.<CaseRepository.Photo>empty())
            : photos.save(id, type, bytes, actor, services.clock().instant()).map(Optional::of))
        .onSuccess(saved -> {
          if (saved.isEmpty()) {
            notFound(ctx, id);
            return;
          }
          CaseRepository.Photo photo = saved.get();
          Replies.json(ctx, 201, new JsonObject().put("id", photo.id())
              .put("url", "/api/v1/cases/" + id + "/photos/" + photo.id())
              .put("contentType", photo.contentType()).put("bytes", photo.sizeBytes()));
        })
        .onFailure(ctx::fail);
  }

  private void photo(RoutingContext ctx) {
    long photoId = Input.number(ctx, "photo");
    long id = Input.number(ctx, "id");
    services.caseRepository().row(id)
        .compose(row -> row.isEmpty() || !seen(ctx, row.get()) ? Future.succeededFuture(Optional.<CaseRepository.Photo>empty())
            : services.caseRepository().photo(id, photoId))
        .onSuccess(found -> {
      if (found.isEmpty()) {
        ctx.fail(new RequestException(404, "photo", "not_found", "case " + id + " has no photo " + photoId));
        return;
      }
      ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, found.get().contentType())
          .putHeader("Cache-Control", "private, max-age=86400")
          .sendFile(photos.file(found.get()).toString());
    }).onFailure(ctx::fail);
  }

  private void reply(RoutingContext ctx, long id, Future<Optional<CaseRow>> change) {
    change.onSuccess(row -> {
      if (row.isEmpty()) {
        notFound(ctx, id);
      } else {
        Replies.json(ctx, 200, json(row.get()));
      }
    }).onFailure(ctx::fail);
  }

  JsonObject json(CaseRow row) {
    Category category = cases.config().categories().find(row.category()).orElse(null);
    JsonObject categoryJson = new JsonObject().put("code", row.category());
    if (category != null) {
      categoryJson.put("name", new JsonObject().put("zh", category.names().zh()).put("en", category.names().en()))
          .put("major", new JsonObject().put("code", category.major().code())
              .put("name", new JsonObject().put("zh", category.major().names().zh())
                  .put("en", category.major().names().en())));
    }
    var state = row.state();
    var level = state.escalation().level();
    var policy = cases.config().policies().named(row.policy());
    String card = level < 0 || policy.isEmpty() || level >= policy.get().levels().size() ? "none"
        : policy.get().levels().get(level).card().name().toLowerCase(java.util.Locale.ROOT);
    return new JsonObject()
        .put("id", row.id())
        .put("status", state.status().wireName())
        .put("source", row.source())
        .put("category", categoryJson)
        .put("priority", row.priority())
        .put("cell", row.cellCode())
        .put("lat", row.lat())
        .put("lon", row.lon())
        .put("description", row.description())
        .put("reporter", row.reporter())
        .put("department", row.department())
        .put("assignee", row.assignee())
        .put("alerts", row.alertCount())
        .put("createdAt", services.local(row.createdAt()))
        .put("updatedAt", services.local(row.updatedAt()))
        .put("closedAt", row.closedAt() == null ? null : services.local(row.closedAt()))
        .put("stage", state.clock() == null ? null : state.clock().stage().wireName())
        .put("stageDeadline", row.stageDeadline() == null ? null : services.local(row.stageDeadline()))
        .put("deadlineProvisional", state.clock() != null
            && state.clock().deadlineProvisional(services.cases().workingTime()))
        .put("suspendedFrom", state.suspendedFrom() == null ? null : state.suspendedFrom().wireName())
        .put("late", state.late())
        .put("escalation", new JsonObject()
            .put("policy", row.policy())
            .put("level", level + 1)
            .put("card", card)
            .put("acknowledged", state.escalation().acknowledgedLevel() >= 0
                && state.escalation().acknowledgedLevel() == level)
            .put("next", row.nextStep() == null ? null : new JsonObject()
                .put("step", row.nextStep().kind().wireName())
                .put("level", row.nextStep().level() + 1)
                .put("at", services.local(row.nextStep().dueAt()))))
        .put("allowedActions", new JsonArray(CaseWorkflow.allowedActions(state.status()).stream()
            .map(CaseAction::wireName).toList()));
  }



  /** The person acting: the caller, or for the admin token (other systems) the body's {@code actor}. */
  private static String actor(Caller caller, JsonObject body) {
    if (caller.kind() != Caller.Kind.ADMIN_TOKEN) {
      return caller.name();
    }
    return Input.identifier("actor", text(body, "actor", Input.MAX_IDENTIFIER_LENGTH, true));
  }

  private static boolean seen(RoutingContext ctx, CaseRow row) {
    return Caller.of(ctx).seesCase(row.cellCode(), row.department());
  }

  /** Does {@code change} if the case exists for the caller; else completes empty (404). */
  private Future<Optional<CaseRow>> ifSeen(RoutingContext ctx, long id, Supplier<Future<Optional<CaseRow>>> change) {
    return services.caseRepository().row(id)
        .compose(row -> row.isEmpty() || !seen(ctx, row.get()) ? Future.succeededFuture(Optional.empty()) : change.get());
  }

  private static void notFound(RoutingContext ctx, long id) {
    ctx.fail(new RequestException(404, "id", "not_found", "no case " + id));
  }
}
