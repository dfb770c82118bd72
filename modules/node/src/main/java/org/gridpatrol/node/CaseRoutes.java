package org.gridpatrol.node;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.gridpatrol.checkin.HttpErrors;
import org.gridpatrol.checkin.InputException;
import org.gridpatrol.checkin.Values;
import org.gridpatrol.domain.cases.CaseAction;
import org.gridpatrol.domain.cases.CaseStatus;
import org.gridpatrol.domain.cases.CaseWorkflow;
import org.gridpatrol.domain.cases.Category;
import org.gridpatrol.domain.cases.IllegalTransitionException;
import org.gridpatrol.domain.cases.Priority;
import org.gridpatrol.domain.grid.CellCode;
import org.gridpatrol.domain.grid.CellIndex.IndexedCell;
import org.gridpatrol.escalation.CaseService;
import org.gridpatrol.store.CaseRepository;
import org.gridpatrol.store.CaseRepository.CaseRow;
import org.gridpatrol.store.DeviceRecord;

/**
 * Cases: report, list, read with history, act on (transitions, assign, acknowledge, comment) and photos.
 * A handheld reports and adds photos with its device token (the officer is the reporter); everything else
 * needs the admin token and names the person acting ({@code actor}) until people log in themselves.
 */
final class CaseRoutes {
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;
  static final int MAX_DESCRIPTION = 2000;
  private static final Set<String> SOURCES = Set.of("hotline", "api");

  private final NodeServices services;
  private final AdminRoutes admin;
  private final CaseService cases;
  private final PhotoStore photos;

  CaseRoutes(NodeServices services, AdminRoutes admin) {
    this.services = services;
    this.admin = admin;
    this.cases = services.cases();
    this.photos = services.photos();
  }

  void mount(Router router) {
    BodyHandler json = BodyHandler.create(false).setBodyLimit(64 * 1024);
    // Authorised on routes of their own: a body handler must come first on the route that reads the body.
    router.post("/api/v1/cases").handler(this::reporter);
    router.post("/api/v1/cases").handler(json).handler(this::report);
    router.get("/api/v1/cases").handler(this::list);
    router.get("/api/v1/cases/:id").handler(this::get);
    for (String action : new String[] {"transitions", "assign", "acknowledge", "comments"}) {
      router.post("/api/v1/cases/:id/" + action).handler(admin::authorize);
    }
    router.post("/api/v1/cases/:id/transitions").handler(json).handler(this::transition);
    router.post("/api/v1/cases/:id/assign").handler(json).handler(this::assign);
    router.post("/api/v1/cases/:id/acknowledge").handler(json).handler(this::acknowledge);
    router.post("/api/v1/cases/:id/comments").handler(json).handler(this::comment);
    router.post("/api/v1/cases/:id/photos").handler(this::reporter);
    router.post("/api/v1/cases/:id/photos").handler(BodyHandler.create(false).setBodyLimit(photos.maxBytes()))
        .handler(this::addPhoto);
    router.get("/api/v1/cases/:id/photos/:photo").handler(this::reporter).handler(this::photo);
  }

  /**
   * Lets on a request with a device token (then the officer is who acts) or the admin token; the actor goes
   * into the context as "actor" (officer code) or stays to be named in the body.
   */
  private void reporter(RoutingContext ctx) {
    String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      String token = header.substring(7).trim();
      if (MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
          services.adminToken().getBytes(StandardCharsets.UTF_8))) {
        ctx.next();
        return;
      }
      DeviceRecord device = services.checkins().devices().byToken(token);
      if (device != null && device.officerCode() != null) {
        ctx.put("officer", device.officerCode());
        ctx.next();
        return;
      }
    }
    ctx.response().putHeader("WWW-Authenticate", "Bearer");
    HttpErrors.reply(ctx, 401, "Authorization", header == null ? "required" : "invalid_token",
        "a device token (an officer's handheld) or the admin token is required");
  }

  private void report(RoutingContext ctx) {
    CaseService.Report report;
    try {
      JsonObject body = QueryInput.body(ctx);
      String officer = ctx.get("officer");
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
        lat = Values.inRange("lat", body.getValue("lat"), -90, 90);
        lon = Values.inRange("lon", body.getValue("lon"), -180, 180);
        double at = lat;
        double along = lon;
        cell = services.grid().locate(lat, lon).orElseThrow(() ->
            new InputException("lat", "outside_grid", "the place " + at + "," + along + " is in no cell of the grid"));
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
        reporter = actor(body);
      }
      report = new CaseService.Report(source, category.code(), priority, cell.id(), cell.code(), lat, lon,
          description, reporter);
    } catch (InputException e) {
      HttpErrors.reply(ctx, 400, e.error());
      return;
    }
    cases.report(report)
        .onSuccess(row -> OperationsRoutes.json(ctx, 201, json(row)))
        .onFailure(failure -> HttpErrors.unavailable(ctx, failure));
  }

  private void list(RoutingContext ctx) {
    CaseRepository.Filter filter;
    try {
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
      Instant to = QueryInput.instant("to", ctx.queryParams().get("to"), now.plus(Duration.ofDays(1)));
      Instant from = QueryInput.instant("from", ctx.queryParams().get("from"), to.minus(Duration.ofDays(30)));
      if (!from.isBefore(to)) {
        throw new InputException("to", "order", "to must be after from");
      }
      Long after = ctx.queryParams().get("after") == null ? null
          : QueryInput.number("after", ctx.queryParams().get("after"));
      String department = ctx.queryParams().get("department");
      String source = ctx.queryParams().get("source");
      int limit = QueryInput.limit(ctx.queryParams().get("limit"), DEFAULT_LIMIT, MAX_LIMIT);
      filter = new CaseRepository.Filter(status, category, cell, department == null ? null
          : Values.storable("department", department), source == null ? null : Values.storable("source", source),
          from, to, after, limit);
    } catch (InputException e) {
      HttpErrors.reply(ctx, 400, e.error());
      return;
    }
    services.caseRepository().list(filter).onSuccess(rows -> {
      JsonArray array = new JsonArray();
      rows.forEach(row -> array.add(json(row)));
      String next = rows.size() == filter.limit() ? String.valueOf(rows.get(rows.size() - 1).id()) : null;
      OperationsRoutes.json(ctx, 200, new JsonObject().put("cases", array).put("next", next));
    }).onFailure(failure -> HttpErrors.unavailable(ctx, failure));
  }

  private void get(RoutingContext ctx) {
    Optional<Long> id = id(ctx);
    if (id.isEmpty()) {
      return;
    }
    services.caseRepository().find(id.get()).onSuccess(found -> {
      if (found.isEmpty()) {
        notFound(ctx, id.get());
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
      OperationsRoutes.json(ctx, 200, json(detail.row()).put("history", history).put("photos", photoList));
    }).onFailure(failure -> HttpErrors.unavailable(ctx, failure));
  }

  private void transition(RoutingContext ctx) {
    Optional<Long> id = id(ctx);
    if (id.isEmpty()) {
      return;
    }
    CaseAction action;
    String actor;
    String reason;
    String department;
    try {
      JsonObject body = QueryInput.body(ctx);
      String name = text(body, "action", 20, true);
      try {
        action = CaseAction.fromWireName(name);
      } catch (IllegalArgumentException e) {
        throw new InputException("action", "one_of", "action must be one of register, reject, dispatch, start, "
            + "report_back, close, reopen, suspend, resume");
      }
      actor = actor(body);
      reason = body.getValue("reason") == null ? null : text(body, "reason", MAX_DESCRIPTION, true);
      if (action.needsReason() && reason == null) {
        throw new InputException("reason", "required", action.wireName() + " needs a reason");
      }
      department = body.getValue("department") == null ? null : text(body, "department", 40, true);
      if (department != null && !cases.config().categories().departments().containsKey(department)) {
        throw new InputException("department", "unknown_department", "no department " + department
            + " (GET /api/v1/categories lists them)");
      }
    } catch (InputException e) {
      HttpErrors.reply(ctx, 400, e.error());
      return;
    }
    reply(ctx, id.get(), cases.act(id.get(), action, actor, reason, department));
  }

  private void assign(RoutingContext ctx) {
    Optional<Long> id = id(ctx);
    if (id.isEmpty()) {
      return;
    }
    String actor;
    String assignee;
    String department;
    try {
      JsonObject body = QueryInput.body(ctx);
      actor = actor(body);
      assignee = Values.identifier("assignee", text(body, "assignee", Values.MAX_IDENTIFIER_LENGTH, true));
      department = body.getValue("department") == null ? null : text(body, "department", 40, true);
      if (department != null && !cases.config().categories().departments().containsKey(department)) {
        throw new InputException("department", "unknown_department", "no department " + department);
      }
    } catch (InputException e) {
      HttpErrors.reply(ctx, 400, e.error());
      return;
    }
    reply(ctx, id.get(), cases.assign(id.get(), assignee, department, actor));
  }

  private void acknowledge(RoutingContext ctx) {
    Optional<Long> id = id(ctx);
    if (id.isEmpty()) {
      return;
    }
    String actor;
    try {
      actor = actor(QueryInput.body(ctx));
    } catch (InputException e) {
      HttpErrors.reply(ctx, 400, e.error());
      return;
    }
    reply(ctx, id.get(), cases.acknowledge(id.get(), actor));
  }

  private void comment(RoutingContext ctx) {
    Optional<Long> id = id(ctx);
    if (id.isEmpty()) {
      return;
    }
    String actor;
    String text;
    try {
      JsonObject body = QueryInput.body(ctx);
      actor = actor(body);
      text = text(body, "text", MAX_DESCRIPTION, true);
    } catch (InputException e) {
      HttpErrors.reply(ctx, 400, e.error());
      return;
    }
    Instant now = services.clock().instant();
    services.caseRepository().find(id.get())
        .compose(found -> found.isEmpty() ? Future.succeededFuture(false)
            : services.caseRepository().comment(id.get(), CaseRepository.Event.of(now, actor, "comment", null, null,
                null, new JsonObject().put("text", text))).map(true))
        .onSuccess(done -> {
          if (done) {
            OperationsRoutes.json(ctx, 201, new JsonObject().put("case", id.get()).put("at", services.local(now)));
          } else {
            notFound(ctx, id.get());
          }
        })
        .onFailure(failure -> HttpErrors.unavailable(ctx, failure));
  }

  private void addPhoto(RoutingContext ctx) {
    Optional<Long> id = id(ctx);
    if (id.isEmpty()) {
      return;
    }
    String officer = ctx.get("officer");
    String actor = officer != null ? officer : ctx.queryParams().get("actor");
    Buffer bytes = ctx.body().buffer();
    String type;
    try {
      if (actor == null) {
        throw new InputException("actor", "required", "with the admin token, name who uploads: ?actor=<name>");
      }
      Values.identifier("actor", actor);
      type = PhotoStore.contentType(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE), bytes);
    } catch (InputException e) {
      HttpErrors.reply(ctx, e.error().rule().equals("too_large") ? 413 : 400, e.error());
      return;
    }
    services.caseRepository().find(id.get())
        .compose(found -> found.isEmpty() ? Future.succeededFuture(Optional.<CaseRepository.Photo>empty())
            : photos.save(id.get(), type, bytes, actor, services.clock().instant()).map(Optional::of))
        .onSuccess(saved -> {
          if (saved.isEmpty()) {
            notFound(ctx, id.get());
            return;
          }
          CaseRepository.Photo photo = saved.get();
          OperationsRoutes.json(ctx, 201, new JsonObject().put("id", photo.id())
              .put("url", "/api/v1/cases/" + id.get() + "/photos/" + photo.id())
              .put("contentType", photo.contentType()).put("bytes", photo.sizeBytes()));
        })
        .onFailure(failure -> HttpErrors.unavailable(ctx, failure));
  }

  private void photo(RoutingContext ctx) {
    Optional<Long> id = id(ctx);
    Long photoId;
    try {
      photoId = QueryInput.number("photo", ctx.pathParam("photo"));
    } catch (InputException e) {
      HttpErrors.reply(ctx, 400, e.error());
      return;
    }
    if (id.isEmpty()) {
      return;
    }
    services.caseRepository().photo(id.get(), photoId).onSuccess(found -> {
      if (found.isEmpty()) {
        HttpErrors.reply(ctx, 404, "photo", "not_found", "case " + id.get() + " has no photo " + photoId);
        return;
      }
      ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, found.get().contentType())
          .putHeader("Cache-Control", "private, max-age=86400")
          .sendFile(photos.file(found.get()).toString());
    }).onFailure(failure -> HttpErrors.unavailable(ctx, failure));
  }

  private void reply(RoutingContext ctx, long id, Future<Optional<CaseRow>> change) {
    change.onSuccess(row -> {
      if (row.isEmpty()) {
        notFound(ctx, id);
      } else {
        OperationsRoutes.json(ctx, 200, json(row.get()));
      }
    }).onFailure(failure -> {
      if (failure instanceof IllegalTransitionException refused) {
        JsonObject error = new JsonObject().put("field", "action").put("rule", "illegal_transition")
            .put("message", refused.getMessage());
        OperationsRoutes.json(ctx, 409, new JsonObject().put("error", error)
            .put("allowed", new JsonArray(refused.allowed().stream().map(CaseAction::wireName).toList())));
      } else {
        HttpErrors.unavailable(ctx, failure);
      }
    });
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



  private static String actor(JsonObject body) {
    return Values.identifier("actor", text(body, "actor", Values.MAX_IDENTIFIER_LENGTH, true));
  }

  private static String text(JsonObject body, String field, int maxLength, boolean required) {
    Object value = body.getValue(field);
    if (value == null) {
      if (required) {
        throw new InputException(field, "required", field + " is required");
      }
      return null;
    }
    if (!(value instanceof String text) || text.isBlank()) {
      throw new InputException(field, "text", field + " must be a non-empty text");
    }
    if (text.length() > maxLength) {
      throw new InputException(field, "length", field + " must be at most " + maxLength + " characters");
    }
    return Values.storable(field, text.strip());
  }

  private static Optional<Long> id(RoutingContext ctx) {
    try {
      return Optional.of(QueryInput.number("id", ctx.pathParam("id")));
    } catch (InputException e) {
      HttpErrors.reply(ctx, 400, e.error());
      return Optional.empty();
    }
  }

  private static void notFound(RoutingContext ctx, long id) {
    HttpErrors.reply(ctx, 404, "id", "not_found", "no case " + id);
  }
}
