package org.gridpatrol.cases;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.List;
import org.gridpatrol.domain.access.Operation;
import org.gridpatrol.domain.cases.Priority;
import org.gridpatrol.domain.cases.TimeLimit;
import org.gridpatrol.web.Caller;
import org.gridpatrol.web.Csv;
import org.gridpatrol.web.Guard;
import org.gridpatrol.web.Input;
import org.gridpatrol.web.InputException;
import org.gridpatrol.web.Replies;
import org.gridpatrol.web.RequestException;
import org.gridpatrol.web.Routes;

/**
 * The case categories (with their time limits and departments) and the escalation policies: read, and
 * changed one entry at a time. Every change is a new version of the configuration (the old ones are kept)
 * and is checked as a whole before it is saved; {@code basedOn} (the version read) guards against two
 * people changing it at once.
 */
public final class CasesConfigRoutes implements Routes {
  private final Guard guard;
  private final CasesConfigStore config;
  private final Vertx vertx;

  public CasesConfigRoutes(Guard guard, CasesConfigStore config, Vertx vertx) {
    this.guard = guard;
    this.config = config;
    this.vertx = vertx;
  }

  @Override
  public void mount(Router router) {
    BodyHandler body = BodyHandler.create(false).setBodyLimit(64 * 1024);
    Handler<RoutingContext> view = guard.require(Operation.VIEW);
    Handler<RoutingContext> configure = guard.require(Operation.CONFIGURE_CASES);
    router.get("/api/v1/categories").handler(view).handler(this::categories);
    router.get("/api/v1/escalation-policies").handler(view).handler(this::policies);
    router.get("/api/v1/departments").handler(view).handler(this::departments);
    router.get("/api/v1/departments.csv").handler(view).handler(this::exportDepartments);
    router.post("/api/v1/departments/import").handler(configure);
    router.post("/api/v1/departments/import").handler(BodyHandler.create(false).setBodyLimit(1024 * 1024))
        .handler(this::importDepartments);
    router.get("/api/v1/departments/:code").handler(view).handler(this::department);
    router.put("/api/v1/departments/:code").handler(configure);
    router.put("/api/v1/departments/:code").handler(body).handler(this::changeDepartment);
    router.put("/api/v1/categories/:code").handler(configure);
    router.put("/api/v1/escalation-policies/:name").handler(configure);
    router.put("/api/v1/categories/:code").handler(body).handler(this::changeCategory);
    router.put("/api/v1/escalation-policies/:name").handler(body).handler(this::changePolicy);
  }

  private void categories(RoutingContext ctx) {
    CasesConfigStore.Loaded loaded = config.loaded();
    JsonObject document = loaded.document();
    Replies.json(ctx, 200, new JsonObject()
        .put("version", loaded.version())
        .put("stageLimits", document.getJsonObject("stage_limits"))
        .put("departments", document.getJsonArray("departments"))
        .put("categories", document.getJsonArray("categories")));
  }

  private void policies(RoutingContext ctx) {
    CasesConfigStore.Loaded loaded = config.loaded();
    Replies.json(ctx, 200, new JsonObject().put("version", loaded.version())
        .put("policies", loaded.document().getJsonArray("escalation")));
  }

  /** {@code GET /api/v1/departments?status=active|retired|all} (active): code, names, whether cases go there. */
  private void departments(RoutingContext ctx) {
    String status = ctx.queryParams().get("status") == null ? "active" : ctx.queryParams().get("status");
    if (!status.equals("active") && !status.equals("retired") && !status.equals("all")) {
      throw new InputException("status", "one_of", "status must be active, retired or all");
    }
    CasesConfigStore.Loaded loaded = config.loaded();
    JsonArray departments = new JsonArray();
    for (Object entry : loaded.document().getJsonArray("departments")) {
      JsonObject department = departmentJson((JsonObject) entry);
      if (status.equals("all") || department.getBoolean("active") == status.equals("active")) {
        departments.add(department);
      }
    }
    Replies.json(ctx, 200, new JsonObject().put("version", loaded.version()).put("departments", departments));
  }

  private void department(RoutingContext ctx) {
    String code = ctx.pathParam("code");
    CasesConfigStore.Loaded loaded = config.loaded();
    JsonObject found = findDepartment(loaded.document(), code);
    if (found == null) {
      throw RequestException.notFound("code", "no department " + code);
    }
    Replies.json(ctx, 200, departmentJson(found).put("version", loaded.version()));
  }

  private static JsonObject departmentJson(JsonObject entry) {
    return new JsonObject().put("code", entry.getString("code")).put("zh", entry.getString("zh"))
        .put("en", entry.getString("en")).put("active", entry.getBoolean("active", true));
  }

  private static JsonObject findDepartment(JsonObject document, String code) {
    for (Object entry : document.getJsonArray("departments")) {
      if (code.equals(((JsonObject) entry).getString("code"))) {
        return (JsonObject) entry;
      }
    }
    return null;
  }

  /**
   * {@code PUT /api/v1/departments/{code} {"basedOn", "zh", "en", "active"}}: creates the department or changes
   * it; {@code "active": false} retires it (no new dispatches; its old cases keep its name). A department that a
   * category is dispatched to cannot be retired until the category names another.
   */
  private void changeDepartment(RoutingContext ctx) {
    String code = ctx.pathParam("code");
    if (!code.matches("[A-Za-z0-9_-]{1,20}")) {
      throw new InputException("code", "format", "a department code is 1 to 20 letters, digits, _ or -");
    }
    JsonObject body = Input.body(ctx);
    Object active = body.getValue("active");
    if (active != null && !(active instanceof Boolean)) {
      throw new InputException("active", "type", "active must be true or false");
    }
    JsonObject changed = new JsonObject().put("code", code)
        .put("zh", Input.text(body, "zh", 100, true))
        .put("en", Input.text(body, "en", 100, true))
        .put("active", active == null || (Boolean) active);
    JsonObject document = config.loaded().document().copy();
    String inUse = retiringInUse(document, changed);
    if (inUse != null) {
      throw new InputException("active", "in_use", inUse);
    }
    putDepartment(document, changed);
    save(ctx, body, document, "department " + code);
  }

  /** Why a department cannot be retired (categories are dispatched to it), or null if it can or stays active. */
  private static String retiringInUse(JsonObject document, JsonObject department) {
    if (department.getBoolean("active")) {
      return null;
    }
    String code = department.getString("code");
    List<String> users = new ArrayList<>();
    for (Object major : document.getJsonArray("categories")) {
      for (Object minor : ((JsonObject) major).getJsonArray("minors")) {
        if (code.equals(((JsonObject) minor).getString("department"))) {
          users.add(((JsonObject) minor).getString("code"));
        }
      }
    }
    return users.isEmpty() ? null : "categories " + String.join(", ", users) + " are dispatched to " + code
        + ": give them another department before retiring it";
  }

  /** Adds the department to the document or changes the one of its code; true if it was new. */
  private static boolean putDepartment(JsonObject document, JsonObject department) {
    JsonObject existing = findDepartment(document, department.getString("code"));
    if (existing == null) {
      document.getJsonArray("departments").add(department);
      return true;
    }
    existing.mergeIn(department);
    return false;
  }

  /**
   * {@code POST /api/v1/departments/import?dryRun=true|false}: the departments as a spreadsheet (see
   * {@link DepartmentsCsv}), created or changed by code, all or none; a dry run reports every problem by line
   * and column and changes nothing.
   */
  private void importDepartments(RoutingContext ctx) {
    String dryRunText = ctx.queryParams().get("dryRun");
    if (dryRunText != null && !dryRunText.equals("true") && !dryRunText.equals("false")) {
      throw new InputException("dryRun", "one_of", "dryRun must be true or false");
    }
    boolean dryRun = "true".equals(dryRunText);
    byte[] bytes = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    if (bytes.length == 0) {
      throw new InputException("body", "required", "the body must be the departments as a CSV file");
    }
    DepartmentsCsv.Parsed parsed = DepartmentsCsv.parse(bytes);
    CasesConfigStore.Loaded loaded = config.loaded();
    JsonObject document = loaded.document().copy();
    JsonArray problems = parsed.problems().copy();
    int created = 0;
    for (JsonObject row : parsed.departments()) {
      JsonObject department = row.copy();
      int line = (Integer) department.remove("line");
      String inUse = retiringInUse(document, department);
      if (inUse != null) {
        problems.add(DepartmentsCsv.problem(line, parsed.letters().getOrDefault("active", ""),
            parsed.headers().getOrDefault("active", "active"), "active", "in_use", inUse));
      } else if (putDepartment(document, department)) {
        created++;
      }
    }
    JsonObject answer = new JsonObject().put("dryRun", dryRun).put("encoding", parsed.encoding())
        .put("rows", parsed.departments().size()).put("problems", problems);
    if (problems.isEmpty()) {
      answer.put("departments", new JsonObject().put("created", created)
          .put("changed", parsed.departments().size() - created));
    }
    if (!problems.isEmpty() && !dryRun) {
      Replies.json(ctx, 400, answer.put("error", new JsonObject().put("field", "body").put("rule", "departments")
          .put("message", problems.size() + " problems in the file; nothing was changed")));
      return;
    }
    if (dryRun) {
      Replies.json(ctx, 200, answer);
      return;
    }
    config.save(vertx, loaded.version(), document, Caller.of(ctx).name(),
            "imported " + parsed.departments().size() + " departments")
        .onSuccess(saved -> {
          if (saved.isEmpty()) {
            ctx.fail(RequestException.conflict("body", "stale", "the configuration was changed meanwhile; send the "
                + "file again"));
          } else {
            Replies.json(ctx, 200, answer.put("version", saved.get().version()));
          }
        })
        .onFailure(ctx::fail);
  }

  /** {@code GET /api/v1/departments.csv}: every department in the columns the import reads. */
  private void exportDepartments(RoutingContext ctx) {
    Csv csv = new Csv(DepartmentsCsv.COLUMNS);
    for (Object entry : config.loaded().document().getJsonArray("departments")) {
      JsonObject department = departmentJson((JsonObject) entry);
      csv.text(department.getString("code")).text(department.getString("zh")).text(department.getString("en"))
          .text(department.getBoolean("active") ? "yes" : "no").row();
    }
    Replies.download(ctx, Csv.CONTENT_TYPE, "departments.csv", csv.toString());
  }

  /** Body: {"basedOn": version, "actor", and any of "register"/"dispatch"/"handle"/"verify", "department", "priority"}. */
  private void changeCategory(RoutingContext ctx) {
    String code = ctx.pathParam("code");
    CasesConfigStore.Loaded loaded = config.loaded();
    JsonObject document = loaded.document().copy();
    JsonObject minor = null;
    for (Object major : document.getJsonArray("categories")) {
      for (Object entry : ((JsonObject) major).getJsonArray("minors")) {
        if (code.equals(((JsonObject) entry).getString("code"))) {
          minor = (JsonObject) entry;
        }
      }
    }
    if (minor == null) {
      ctx.fail(RequestException.notFound("code", "no category " + code));
      return;
    }
    JsonObject body = Input.body(ctx);
    for (String key : body.fieldNames()) {
      switch (key) {
        case "basedOn", "actor" -> { }
        case "register", "dispatch", "handle", "verify" -> {
          Object limit = body.getValue(key);
          if (limit != null) {
            fieldRule(key, "time_limit", () -> TimeLimit.fromMap(limit instanceof JsonObject json ? json.getMap()
                : limit, key));
          }
          minor.put(key, limit);
        }
        case "department" -> {
          Object department = body.getValue(key);
          if (department != null && !(department instanceof String departmentCode
              && config.config().categories().isActiveDepartment(departmentCode))) {
            throw new InputException(key, "unknown_department", "department must be the code of an active "
                + "department (GET /api/v1/departments)");
          }
          minor.put(key, department);
        }
        case "priority" -> {
          Object priority = body.getValue(key);
          if (priority != null) {
            fieldRule(key, "one_of", () -> Priority.fromWireName(String.valueOf(priority)));
          }
          minor.put(key, priority);
        }
        default -> throw new InputException(key, "unknown_field", key + " cannot be changed here; give register, "
            + "dispatch, handle, verify (time limits), department or priority");
      }
    }
    save(ctx, body, document, "category " + code);
  }

  /**
   * Checks one field by the domain's own rule, so that a bad value is named by its field rather than found as
   * a fault of the configuration as a whole when it is saved.
   */
  private static void fieldRule(String field, String rule, Runnable check) {
    try {
      check.run();
    } catch (IllegalArgumentException e) {
      throw new InputException(field, rule, e.getMessage());
    }
  }

  /** Body: {"basedOn": version, "actor", "policy": {categories, priorities, repeat_every_minutes, levels}}. */
  private void changePolicy(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    JsonObject body = Input.body(ctx);
    if (!(body.getValue("policy") instanceof JsonObject policy)) {
      throw new InputException("policy", "required", "policy must be an object: categories, priorities, "
          + "repeat_every_minutes, levels");
    }
    JsonObject document = config.loaded().document().copy();
    JsonArray policies = document.getJsonArray("escalation");
    JsonObject changed = policy.copy().put("name", Input.identifier("name", name));
    int at = -1;
    for (int i = 0; i < policies.size(); i++) {
      if (name.equals(policies.getJsonObject(i).getString("name"))) {
        at = i;
      }
    }
    if (at < 0) {
      policies.add(changed);
    } else {
      policies.set(at, changed);
    }
    save(ctx, body, document, "escalation policy " + name);
  }

  private void save(RoutingContext ctx, JsonObject body, JsonObject document, String what) {
    if (!(body.getValue("basedOn") instanceof Number basedOn)) {
      throw new InputException("basedOn", "required", "basedOn must be the configuration version you changed "
          + "(\"version\" of the GET)");
    }
    String actor = VisibleCases.actor(Caller.of(ctx), body);
    config.save(vertx, basedOn.longValue(), document, actor, "changed " + what)
        .onSuccess(saved -> {
          if (saved.isEmpty()) {
            ctx.fail(RequestException.conflict("basedOn", "stale", "the configuration was changed meanwhile; read it again "
                + "and apply your change to version " + config.loaded().version()));
          } else {
            Replies.json(ctx, 200, new JsonObject().put("version", saved.get().version()));
          }
        })
        .onFailure(ctx::fail);
  }


}
