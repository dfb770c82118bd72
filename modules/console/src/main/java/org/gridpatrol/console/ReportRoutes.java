package org.gridpatrol.console;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gridpatrol.domain.access.Operation;
import org.gridpatrol.domain.calendar.YearNotCoveredException;
import org.gridpatrol.patrol.PlanService;
import org.gridpatrol.store.PlanRepository;
import org.gridpatrol.store.ReportRepository.By;
import org.gridpatrol.store.ReportRepository.Line;
import org.gridpatrol.store.ReportRepository.PlanWindow;
import org.gridpatrol.store.ReportRepository;
import org.gridpatrol.web.Caller;
import org.gridpatrol.web.CityClock;
import org.gridpatrol.web.Csv;
import org.gridpatrol.web.Guard;
import org.gridpatrol.web.Input;
import org.gridpatrol.web.InputException;
import org.gridpatrol.web.Replies;
import org.gridpatrol.web.RequestException;
import org.gridpatrol.web.Routes;

/**
 * {@code GET /api/v1/reports/evaluation?from=&to=&by=officer|team|department|district&format=json|csv}: the
 * evaluation of a period (default the last 7 days) as JSON or as CSV for a spreadsheet.
 */
public final class ReportRoutes implements Routes {
  private static final List<String> STAGES = List.of("register", "dispatch", "handle", "verify");
  private static final int LEVELS = 5;

  private final Guard guard;
  private final ReportRepository reports;
  private final PlanRepository plans;
  private final PlanService planService;
  private final CityClock time;

  public ReportRoutes(Guard guard, ReportRepository reports, PlanRepository plans, PlanService planService,
                      CityClock time) {
    this.guard = guard;
    this.reports = reports;
    this.plans = plans;
    this.planService = planService;
    this.time = time;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/v1/reports/evaluation").handler(guard.require(Operation.VIEW_EVALUATION))
        .handler(this::evaluation);
  }

  private void evaluation(RoutingContext ctx) {
    By by;
    boolean csv;
    Instant now = time.now();
    Instant to = Input.instant("to", ctx.queryParams().get("to"), now);
    Instant from = Input.instant("from", ctx.queryParams().get("from"), to.minus(Duration.ofDays(7)));
    if (!from.isBefore(to)) {
      throw new InputException("to", "order", "to must be after from");
    }
    String group = ctx.queryParams().get("by") == null ? "department" : ctx.queryParams().get("by");
    try {
      by = By.fromWireName(group);
    } catch (IllegalArgumentException e) {
      throw new InputException("by", "one_of", "by must be officer, team, department or district");
    }
    String format = ctx.queryParams().get("format") == null ? "json" : ctx.queryParams().get("format");
    if (!format.equals("json") && !format.equals("csv")) {
      throw new InputException("format", "one_of", "format must be json or csv");
    }
    csv = format.equals("csv");
    String byName = by.name().toLowerCase(Locale.ROOT);
    planWindows(from, to).compose(windows -> reports.evaluation(from, to, by, Caller.of(ctx).areas(), windows))
        .onSuccess(lines -> {
          if (csv) {
            Replies.download(ctx, Csv.CONTENT_TYPE, "evaluation-" + byName + ".csv", csv(byName, lines));
            return;
          }
          JsonArray array = new JsonArray();
          lines.forEach(line -> array.add(json(line)));
          Replies.json(ctx, 200, new JsonObject().put("from", time.local(from)).put("to", time.local(to))
              .put("by", byName).put("groups", array));
        }).onFailure(ctx::fail);
  }

  private static JsonObject json(Line line) {
    JsonObject stages = new JsonObject();
    STAGES.forEach(stage -> stages.put(stage, line.averageStageSeconds().get(stage)));
    JsonObject levels = new JsonObject();
    line.escalationsByLevel().forEach((level, count) -> levels.put(level.toString(), count));
    return new JsonObject()
        .put("group", line.group())
        .put("due", line.due())
        .put("closed", line.closed())
        .put("closedOnTime", line.closedOnTime())
        .put("closureRate", round(line.closureRate()))
        .put("onTimeClosureRate", round(line.onTimeClosureRate()))
        .put("averageStageSeconds", stages)
        .put("escalationsByLevel", levels)
        .put("patrolOverdue", line.patrolOverdue())
        .put("patrolSatisfiedLate", line.patrolSatisfiedLate())
        .put("officerSilent", line.officerSilent())
        .put("patrolCellWindows", line.cellWindows())
        .put("patrolCellWindowsMissed", line.cellWindowsMissed())
        .put("patrolCoverage", line.patrolCoverage() == null ? null : round(line.patrolCoverage()));
  }

  /** Every plan window (retired plans' too) that started in [from, to). */
  private Future<List<PlanWindow>> planWindows(Instant from, Instant to) {
    return plans.list(true).map(rows -> {
      List<PlanWindow> windows = new ArrayList<>();
      for (PlanRepository.PlanRow plan : rows) {
        try {
          planService.history(plan).windows(planService.calendar(), from, to).forEach(w ->
              windows.add(new PlanWindow(plan.id(), w.version().version(), w.window().id(), w.window().start())));
        } catch (YearNotCoveredException e) {
          throw RequestException.conflict("to", "year_not_covered", "plan " + plan.id() + ": " + e.getMessage());
        }
      }
      return windows;
    });
  }

  /** The evaluation as a spreadsheet: one line per group, the columns of the JSON flattened. */
  static String csv(String by, List<Line> lines) {
    List<String> columns = new ArrayList<>(List.of(by, "due", "closed", "closed_on_time", "closure_rate",
        "on_time_closure_rate"));
    STAGES.forEach(stage -> columns.add("avg_" + stage + "_seconds"));
    for (int level = 1; level <= LEVELS; level++) {
      columns.add("escalations_level_" + level);
    }
    columns.addAll(List.of("patrol_overdue", "patrol_satisfied_late", "officer_silent", "patrol_cell_windows",
        "patrol_cell_windows_missed", "patrol_coverage"));
    Csv csv = new Csv(columns);
    for (Line line : lines) {
      // The group is a code from the directory or the configuration (an officer, a team, a department): text.
      csv.text(line.group()).number(line.due()).number(line.closed()).number(line.closedOnTime())
          .number(round(line.closureRate())).number(round(line.onTimeClosureRate()));
      STAGES.forEach(stage -> {
        Double seconds = line.averageStageSeconds().get(stage);
        csv.number(seconds == null ? null : Math.round(seconds));
      });
      for (int level = 1; level <= LEVELS; level++) {
        csv.number(line.escalationsByLevel().getOrDefault(level, 0L));
      }
      csv.number(line.patrolOverdue()).number(line.patrolSatisfiedLate()).number(line.officerSilent())
          .number(line.cellWindows()).number(line.cellWindowsMissed())
          .number(line.patrolCoverage() == null ? null : round(line.patrolCoverage())).row();
    }
    return csv.toString();
  }

  private static double round(double rate) {
    return Math.round(rate * 10000) / 10000.0;
  }
}
