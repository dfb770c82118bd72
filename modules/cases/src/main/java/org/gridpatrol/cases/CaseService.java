package org.gridpatrol.cases;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.gridpatrol.domain.access.StaffDirectory;
import org.gridpatrol.domain.calendar.WorkingTime;
import org.gridpatrol.domain.cases.CaseAction;
import org.gridpatrol.domain.cases.CaseState;
import org.gridpatrol.domain.cases.CaseStatus;
import org.gridpatrol.domain.cases.CasesConfig;
import org.gridpatrol.domain.cases.Category;
import org.gridpatrol.domain.cases.EscalationPolicy;
import org.gridpatrol.domain.cases.EscalationStep;
import org.gridpatrol.domain.cases.Priority;
import org.gridpatrol.store.CaseRepository.CaseRow;
import org.gridpatrol.store.CaseRepository.Change;
import org.gridpatrol.store.CaseRepository.Event;
import org.gridpatrol.store.CaseRepository.NewCase;
import org.gridpatrol.store.CaseRepository;
import org.gridpatrol.store.EscalationRepository.AlertCase;
import org.gridpatrol.store.EscalationRepository.Decision;
import org.gridpatrol.store.EscalationRepository.OpenAlert;
import org.gridpatrol.store.EscalationRepository.StepTaken;
import org.gridpatrol.store.NotificationRepository.Outgoing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What can be done to cases, with the domain rules (workflow, time limits, escalation) applied and the
 * result written by the store in one transaction per change. The API and the escalation verticle both go
 * through here. Time comes from the injected clock.
 */
public final class CaseService {
  /** Case changes go to the event bus (the live map); escalation steps also to every webhook. */
  public static final String BUS = "bus";
  public static final String SYSTEM = "system";
  private static final Logger LOG = LoggerFactory.getLogger(CaseService.class);
  private static final Duration RETRY_BROKEN = Duration.ofHours(1);

  private final CaseRepository cases;
  private final Supplier<CasesConfig> config;
  private final WorkingTime workingTime;
  private final Clock clock;
  private final List<String> escalationChannels;
  private final String overdueCategory;
  private final String silentCategory;
  private final Supplier<StaffDirectory> staff;

  /**
   * @param webhookNames    names of the configured webhooks; each escalation step is queued for each
   * @param overdueCategory the category of cases opened for missed patrols (E0901 in the shipped tree)
   * @param silentCategory  the category of cases opened for silent officers (E0902)
   * @param staff           the people escalation levels reach, as of now
   */
  public CaseService(CaseRepository cases, Supplier<CasesConfig> config, WorkingTime workingTime, Clock clock,
                     List<String> webhookNames, String overdueCategory, String silentCategory,
                     Supplier<StaffDirectory> staff) {
    this.cases = cases;
    this.config = config;
    this.workingTime = workingTime;
    this.clock = clock;
    List<String> channels = new ArrayList<>(List.of(BUS));
    webhookNames.forEach(name -> channels.add("webhook:" + name));
    this.escalationChannels = List.copyOf(channels);
    this.overdueCategory = overdueCategory;
    this.silentCategory = silentCategory;
    this.staff = staff;
  }

  public WorkingTime workingTime() {
    return workingTime;
  }

  public CasesConfig config() {
    return config.get();
  }

  /** A problem reported by an officer, a hotline operator or another system; the input is already checked. */
  /** A report; {@code clientRef} (may be null) is the reporter's own id for it, so that a repeat opens nothing new. */
  public record Report(String source, String category, Priority priority, long cellId, String cellCode, Double lat,
                       Double lon, String description, String reporter, String clientRef) {}

  public Future<CaseRow> report(Report report) {
    Instant now = clock.instant();
    Category category = category(report.category());
    Priority priority = report.priority() != null ? report.priority() : category.priority();
    EscalationPolicy policy = policyFor(category.code(), priority);
    CaseState state = CaseState.opened(CaseStatus.REPORTED, category, workingTime, now);
    NewCase created = new NewCase(report.source(), category.code(), priority.wireName(), report.cellId(),
        report.lat(), report.lon(), report.description(), report.reporter(), category.department(),
        report.clientRef() == null ? null : "report:" + report.reporter() + ":" + report.clientRef(), policy.name());
    Event event = Event.of(now, report.reporter(), "report", null, state.status().wireName(), null,
        new JsonObject().put("source", report.source()).put("category", category.code()));
    return cases.create(created, state, deadline(state), state.nextStep(policy, workingTime).orElse(null), event,
        busNotice("report", report.cellCode(), category, state));
  }

  /**
   * A person's action. Completes with the changed case, or empty if there is none; fails with
   * {@link org.gridpatrol.domain.cases.IllegalTransitionException} if its status does not allow the action.
   *
   * @param department for a dispatch: where to (the category's usual department if null)
   */
  public Future<Optional<CaseRow>> act(long id, CaseAction action, String actor, String reason, String department) {
    return cases.change(id, row -> {
      Instant now = clock.instant();
      Category category = category(row.category());
      CaseState before = row.state();
      CaseState after = before.apply(action, category, workingTime, now);
      String assignedTo = action == CaseAction.DISPATCH && department != null ? department : row.department();
      EscalationPolicy policy = policyFor(row);
      JsonObject details = new JsonObject();
      if (action == CaseAction.DISPATCH) {
        details.put("department", assignedTo);
      }
      Event event = Event.of(now, actor, action.wireName(), before.status().wireName(), after.status().wireName(),
          reason, details);
      return new Change(after, deadline(after), after.nextStep(policy, workingTime).orElse(null), assignedTo,
          row.assignee(), policy.name(), event, busNotice(action.wireName(), row.cellCode(), category, after));
    });
  }

  /** Someone acknowledged the level the case reached: its repeat notifications stop. */
  public Future<Optional<CaseRow>> acknowledge(long id, String actor) {
    return cases.change(id, row -> {
      Instant now = clock.instant();
      EscalationPolicy policy = policyFor(row);
      CaseState after = row.state().acknowledged();
      Event event = Event.of(now, actor, "acknowledge", null, null, null,
          new JsonObject().put("level", after.escalation().level()));
      return new Change(after, row.stageDeadline(), after.nextStep(policy, workingTime).orElse(null),
          row.department(), row.assignee(), policy.name(), event,
          busNotice("acknowledge", row.cellCode(), category(row.category()), after));
    });
  }

  /** Names the person (and optionally another department) who deals with the case. */
  public Future<Optional<CaseRow>> assign(long id, String assignee, String department, String actor) {
    return cases.change(id, row -> {
      Instant now = clock.instant();
      String toDepartment = department != null ? department : row.department();
      Event event = Event.of(now, actor, "assign", null, null, null,
          new JsonObject().put("assignee", assignee).put("department", toDepartment));
      return new Change(row.state(), row.stageDeadline(), row.nextStep(), toDepartment, assignee, row.policy(),
          event, busNotice("assign", row.cellCode(), category(row.category()), row.state()));
    });
  }

  /**
   * The step due for a case (its stored next step), taken now: the level it reaches, the case's new state
   * and next step, the audit event and the notifications. If the policy changed so that nothing is due
   * now, only the next step is set afresh.
   */
  public Decision decideStep(CaseRow row) {
    try {
      return decide(row);
    } catch (RuntimeException e) {
      // One case the rules cannot handle (its category removed from the configuration...) must not hold up
      // the others of its batch: it is looked at again in an hour, and the log says why.
      LOG.error("Case {} cannot be escalated now; trying again in an hour", row.id(), e);
      EscalationStep stored = row.nextStep();
      return new Decision(null, new EscalationStep(stored.kind(), stored.level(), clock.instant().plus(RETRY_BROKEN)));
    }
  }

  private Decision decide(CaseRow row) {
    Instant now = clock.instant();
    EscalationPolicy policy = policyFor(row);
    CaseState state = row.state();
    Optional<EscalationStep> due = state.nextStep(policy, workingTime);
    if (due.isEmpty() || due.get().dueAt().isAfter(now)) {
      return new Decision(null, due.orElse(null));
    }
    EscalationStep step = due.get();
    EscalationPolicy.Level level = policy.levels().get(step.level());
    String stage = state.clock().stage().wireName();
    String area = level.role().area(row.cellCode(), state.clock().stage(), row.department());
    String card = level.card().name().toLowerCase(Locale.ROOT);
    CaseState after = state.afterStep(policy, step, now);
    Category category = category(row.category());
    JsonObject what = new JsonObject()
        .put("type", "escalation")
        .put("case", row.id())
        .put("step", step.kind().wireName())
        .put("level", step.level() + 1)
        .put("role", level.role().wireName())
        .put("area", area)
        .put("recipients", new JsonArray(staff.get().reach(level.role(), row.cellCode(), state.clock().stage(),
            row.department())))
        .put("card", card)
        .put("stage", stage)
        .put("status", state.status().wireName())
        .put("category", category.code())
        .put("categoryName", new JsonObject().put("zh", category.names().zh()).put("en", category.names().en()))
        .put("cell", row.cellCode())
        .put("department", row.department())
        .put("dueAt", step.dueAt().toString())
        .put("takenAt", now.toString())
        .put("deadline", row.stageDeadline() == null ? null : row.stageDeadline().toString());
    List<Outgoing> notifications = escalationChannels.stream().map(channel -> new Outgoing(channel, what)).toList();
    Event event = Event.of(now, SYSTEM, step.kind().wireName(), null, null, null, what.copy());
    Change change = new Change(after, row.stageDeadline(), after.nextStep(policy, workingTime).orElse(null),
        row.department(), row.assignee(), policy.name(), event, notifications);
    return new Decision(new StepTaken(step, stage, level.role().wireName(), area, card, change), null);
  }

  /** One case per plan window and team for missed patrols; one per silence for a silent officer. */
  public static String alertGroup(OpenAlert alert) {
    return "patrol_overdue".equals(alert.kind())
        ? "patrol_overdue:" + alert.planId() + ":" + alert.windowId() + ":" + alert.teamId()
        : "officer_silent:" + alert.alertKey();
  }

  /**
   * The case a group of alerts opens: dispatched at once to the category's department (the detector's
   * alerts need no checking on site), at the place of the first alert.
   */
  public AlertCase alertCase(List<OpenAlert> alerts) {
    Instant now = clock.instant();
    OpenAlert first = alerts.get(0);
    boolean overdue = "patrol_overdue".equals(first.kind());
    Category category = category(overdue ? overdueCategory : silentCategory);
    EscalationPolicy policy = policyFor(category.code(), category.priority());
    CaseState state = CaseState.opened(CaseStatus.DISPATCHED, category, workingTime, now);
    String description = overdue
        ? "巡查超时：" + first.planName() + " 时段 " + first.windowId() + " 有网格未按计划巡查 / Patrol overdue: "
            + first.planName() + ", window " + first.windowId() + ": cells not patrolled as planned"
        : "巡查员 " + first.officerCode() + " 失联 / Officer " + first.officerCode() + " out of contact: "
            + first.missed();
    NewCase created = new NewCase(first.kind(), category.code(), category.priority().wireName(), first.cellId(),
        null, null, description, SYSTEM, category.department(), alertGroup(first), policy.name());
    JsonObject details = new JsonObject().put("alerts", alerts.stream().map(OpenAlert::id).distinct().toList());
    Event open = Event.of(now, SYSTEM, "open_from_alerts", null, state.status().wireName(), null, details);
    Event join = Event.of(now, SYSTEM, "alerts_joined", null, null, null, details);
    return new AlertCase(created, state, deadline(state), state.nextStep(policy, workingTime).orElse(null), open,
        busNotice("open_from_alerts", null, category, state), join);
  }

  private List<Outgoing> busNotice(String action, String cellCode, Category category, CaseState state) {
    // The store adds the case's id (a new case has none yet).
    JsonObject body = new JsonObject()
        .put("type", "case")
        .put("action", action)
        .put("status", state.status().wireName())
        .put("category", category.code())
        .put("cell", cellCode)
        .put("level", state.escalation().level() + 1);
    return List.of(new Outgoing(BUS, body));
  }

  private Instant deadline(CaseState state) {
    return state.clock() == null ? null : state.clock().deadline(workingTime);
  }

  private Category category(String code) {
    return config.get().categories().find(code)
        .orElseThrow(() -> new IllegalStateException("category " + code + " is not in the cases configuration"));
  }

  private EscalationPolicy policyFor(String category, Priority priority) {
    return config.get().policies().policyFor(category, priority)
        .orElseThrow(() -> new IllegalStateException("no escalation policy covers " + category));
  }

  /** The case's policy by name; if the city removed it, the one that covers the case now. */
  private EscalationPolicy policyFor(CaseRow row) {
    return config.get().policies().named(row.policy())
        .orElseGet(() -> policyFor(row.category(), Priority.fromWireName(row.priority())));
  }
}
