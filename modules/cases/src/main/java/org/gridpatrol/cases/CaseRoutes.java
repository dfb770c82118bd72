package org.gridpatrol.cases;

import static org.gridpatrol.web.Input.text;

import io.vertx.core.Future;
import io.vertx.core.Handler;
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
import org.gridpatrol.checkin.LiveGrid;
import org.gridpatrol.domain.access.AccessPolicy;
import org.gridpatrol.domain.access.Operation;
import org.gridpatrol.domain.access.UserRole;
import org.gridpatrol.domain.cases.CaseAction;
import org.gridpatrol.domain.cases.CaseStatus;
import org.gridpatrol.domain.cases.Category;
import org.gridpatrol.domain.cases.Priority;
import org.gridpatrol.domain.grid.CellCode;
import org.gridpatrol.domain.grid.CellIndex.IndexedCell;
import org.gridpatrol.store.CaseRepository.CaseRow;
import org.gridpatrol.store.CaseRepository;
import org.gridpatrol.web.Caller;
import org.gridpatrol.web.CityClock;
import org.gridpatrol.web.Csv;
import org.gridpatrol.web.Guard;
import org.gridpatrol.web.Input;
import org.gridpatrol.web.InputException;
import org.gridpatrol.web.Replies;
import org.gridpatrol.web.Routes;

/**
 * Cases: report, list, read with history, act on (transitions, assign, acknowledge, comment); photos are
 * {@link CasePhotoRoutes}. Who may do what follows the roles (see {@link AccessPolicy}); a case outside the
 * caller's areas (or, for a handler, of another department) does not exist for them. The person acting is the
 * caller; only the admin token, used by other systems, names them in the body ({@code actor}).
 */
public final class CaseRoutes implements Routes {
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;
  static final int MAX_DESCRIPTION = 2000;
  /** The most cases one CSV export holds (a few MB); more must be asked for in narrower pieces. */
  static final int MAX_EXPORT = 10_000;
  private static final Set<String> SOURCES = Set.of("hotline", "api");

  private final Guard guard;
  private final CaseService cases;
  private final CaseRepository repository;
  private final VisibleCases visible;
  private final CaseView view;
  private final LiveGrid grid;
  private final CityClock time;

  /** @param grid the cells a report is placed in */
  public CaseRoutes(Guard guard, CaseService cases, CaseRepository repository, CaseView view, LiveGrid grid,
                    CityClock time) {
    this.guard = guard;
    this.cases = cases;
    this.repository = repository;
    this.visible = new VisibleCases(repository);
    this.view = view;
    this.grid = grid;
    this.time = time;
  }

  @Override
  public void mount(Router router) {
    BodyHandler json = BodyHandler.create(false).setBodyLimit(64 * 1024);
    Handler<RoutingContext> view = guard.require(Operation.VIEW);
    // Authorised on routes of their own: a body handler must come first on the route that reads the body.
    router.post("/api/v1/cases").handler(guard.require(Operation.REPORT_CASES));
    router.post("/api/v1/cases").handler(json).handler(this::report);
    router.get("/api/v1/cases").handler(view).handler(this::list);
    router.get("/api/v1/cases/:id").handler(view).handler(this::get);
    // Which transition needs which role follows from the action in the body.
    router.post("/api/v1/cases/:id/transitions").handler(view);
    router.post("/api/v1/cases/:id/assign").handler(guard.require(Operation.ASSIGN_CASES));
    router.post("/api/v1/cases/:id/acknowledge").handler(guard.require(Operation.ACKNOWLEDGE_CASES));
    router.post("/api/v1/cases/:id/comments").handler(guard.require(Operation.COMMENT_CASES));
    router.post("/api/v1/cases/:id/transitions").handler(json).handler(this::transition);
    router.post("/api/v1/cases/:id/assign").handler(json).handler(this::assign);
    router.post("/api/v1/cases/:id/acknowledge").handler(json).handler(this::acknowledge);
    router.post("/api/v1/cases/:id/comments").handler(json).handler(this::comment);
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
      cell = grid.byCode(cellCode).orElseThrow(() ->
          new InputException("cell", "unknown_cell", "no cell " + cellCode));
    } else {
      if (body.getValue("lat") == null || body.getValue("lon") == null) {
        throw new InputException("lat", "required", "give the place: lat and lon, or cell");
      }
      lat = Input.inRange("lat", body.getValue("lat"), -90, 90);
      lon = Input.inRange("lon", body.getValue("lon"), -180, 180);
      double at = lat;
      double along = lon;
      cell = grid.locate(lat, lon).orElseThrow(() ->
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
      reporter = VisibleCases.actor(caller, body);
    }
    String clientRef = body.getValue("clientRef") == null ? null
        : Input.identifier("clientRef", text(body, "clientRef", Input.MAX_IDENTIFIER_LENGTH, true));
    report = new CaseService.Report(source, category.code(), priority, cell.id(), cell.code(), lat, lon,
        description, reporter, clientRef);
    cases.report(report)
        .onSuccess(row -> Replies.json(ctx, 201, view.json(row)))
        .onFailure(ctx::fail);
  }

  /**
   * {@code GET /api/v1/cases}: a page of the cases matching the filters as JSON, or with {@code format=csv}
   * all of them (up to {@link #MAX_EXPORT}) as a spreadsheet.
   */
  private void list(RoutingContext ctx) {
    String format = ctx.queryParams().get("format") == null ? "json" : ctx.queryParams().get("format");
    if (!format.equals("json") && !format.equals("csv")) {
      throw new InputException("format", "one_of", "format must be json or csv");
    }
    if (format.equals("csv")) {
      export(ctx);
      return;
    }
    Long after = ctx.queryParams().get("after") == null ? null
        : Input.number("after", ctx.queryParams().get("after"));
    int limit = Input.limit(ctx.queryParams().get("limit"), DEFAULT_LIMIT, MAX_LIMIT);
    CaseRepository.Filter filter = filter(ctx, after, limit);
    repository.list(filter).onSuccess(rows -> {
      JsonArray array = new JsonArray();
      rows.forEach(row -> array.add(view.json(row)));
      String next = rows.size() == filter.limit() ? String.valueOf(rows.get(rows.size() - 1).id()) : null;
      Replies.json(ctx, 200, new JsonObject().put("cases", array).put("next", next));
    }).onFailure(ctx::fail);
  }

  /**
   * Every case matching the filters as CSV, newest first. A spreadsheet of more than {@link #MAX_EXPORT} lines
   * is refused rather than cut short, so a file never silently lacks cases: 400 naming {@code to}.
   */
  private void export(RoutingContext ctx) {
    for (String page : new String[] {"after", "limit"}) {
      if (ctx.queryParams().get(page) != null) {
        throw new InputException(page, "not_with_file", "a CSV holds every matching case; leave out " + page);
      }
    }
    CaseRepository.Filter filter = filter(ctx, null, MAX_EXPORT + 1);
    repository.list(filter).compose(rows -> {
      if (rows.size() > MAX_EXPORT) {
        return Future.failedFuture(new InputException("to", "too_many", "more than " + MAX_EXPORT
            + " cases match; narrow the filter (a shorter from-to, a status, category, cell or department)"));
      }
      // Up to ten thousand lines: written on a worker, so the event loop keeps serving meanwhile.
      return ctx.vertx().executeBlocking(() -> view.csv(rows), false);
    }).onSuccess(csv -> Replies.download(ctx, Csv.CONTENT_TYPE, "cases-" + time.today() + ".csv", csv))
        .onFailure(ctx::fail);
  }

  /** The list's filters, as the JSON page and the CSV share them, limited to what the caller sees. */
  private CaseRepository.Filter filter(RoutingContext ctx, Long after, int limit) {
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
    Instant now = time.now();
    Instant to = Input.instant("to", ctx.queryParams().get("to"), now.plus(Duration.ofDays(1)));
    Instant from = Input.instant("from", ctx.queryParams().get("from"), to.minus(Duration.ofDays(30)));
    if (!from.isBefore(to)) {
      throw new InputException("to", "order", "to must be after from");
    }
    Caller caller = Caller.of(ctx);
    // A handler's list holds the cases of their own department.
    String department = caller.role() == UserRole.HANDLER ? caller.department() : ctx.queryParams().get("department");
    String source = ctx.queryParams().get("source");
    return new CaseRepository.Filter(status, category, cell, department == null ? null
        : Input.storable("department", department), source == null ? null : Input.storable("source", source),
        from, to, after, limit, caller.areas());
  }

  private void get(RoutingContext ctx) {
    long id = Input.number(ctx, "id");
    repository.find(id)
        .map(found -> found.filter(detail -> VisibleCases.seen(ctx, detail.row()))
            .orElseThrow(() -> VisibleCases.notFound(id)))
        .onSuccess(detail -> Replies.json(ctx, 200, view.detail(detail)))
        .onFailure(ctx::fail);
  }

  private void transition(RoutingContext ctx) {
    long id = Input.number(ctx, "id");
    CaseAction action;
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
    String actor = VisibleCases.actor(Caller.of(ctx), body);
    String reason = body.getValue("reason") == null ? null : text(body, "reason", MAX_DESCRIPTION, true);
    if (action.needsReason() && reason == null) {
      throw new InputException("reason", "required", action.wireName() + " needs a reason");
    }
    String department = body.getValue("department") == null ? null : text(body, "department", 40, true);
    if (department != null && !cases.config().categories().isActiveDepartment(department)) {
      throw new InputException("department", "unknown_department", "no active department " + department
          + " (GET /api/v1/departments lists them)");
    }
    change(ctx, id, () -> cases.act(id, action, actor, reason, department));
  }

  private void assign(RoutingContext ctx) {
    long id = Input.number(ctx, "id");
    JsonObject body = Input.body(ctx);
    String actor = VisibleCases.actor(Caller.of(ctx), body);
    String assignee = Input.identifier("assignee", text(body, "assignee", Input.MAX_IDENTIFIER_LENGTH, true));
    String department = body.getValue("department") == null ? null : text(body, "department", 40, true);
    if (department != null && !cases.config().categories().isActiveDepartment(department)) {
      throw new InputException("department", "unknown_department", "no active department " + department);
    }
    change(ctx, id, () -> cases.assign(id, assignee, department, actor));
  }

  private void acknowledge(RoutingContext ctx) {
    long id = Input.number(ctx, "id");
    String actor = VisibleCases.actor(Caller.of(ctx), Input.body(ctx));
    change(ctx, id, () -> cases.acknowledge(id, actor));
  }

  private void comment(RoutingContext ctx) {
    long id = Input.number(ctx, "id");
    JsonObject body = Input.body(ctx);
    String actor = VisibleCases.actor(Caller.of(ctx), body);
    String text = text(body, "text", MAX_DESCRIPTION, true);
    Instant now = time.now();
    visible.row(ctx, id)
        .compose(row -> repository.comment(id, CaseRepository.Event.of(now, actor, "comment", null, null, null,
            new JsonObject().put("text", text))))
        .onSuccess(done -> Replies.json(ctx, 201, new JsonObject().put("case", id).put("at", time.local(now))))
        .onFailure(ctx::fail);
  }

  /** Does {@code change} to a case the caller sees and answers with the case as it is then; 404 otherwise. */
  private void change(RoutingContext ctx, long id, Supplier<Future<Optional<CaseRow>>> change) {
    visible.row(ctx, id).compose(row -> change.get())
        .map(changed -> changed.orElseThrow(() -> VisibleCases.notFound(id)))
        .onSuccess(row -> Replies.json(ctx, 200, view.json(row)))
        .onFailure(ctx::fail);
  }
}
