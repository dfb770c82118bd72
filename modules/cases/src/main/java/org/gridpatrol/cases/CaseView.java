package org.gridpatrol.cases;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import org.gridpatrol.domain.cases.CaseAction;
import org.gridpatrol.domain.cases.CaseWorkflow;
import org.gridpatrol.domain.cases.Category;
import org.gridpatrol.store.CaseRepository.CaseRow;
import org.gridpatrol.store.CaseRepository;
import org.gridpatrol.web.CityClock;
import org.gridpatrol.web.Csv;

/** A case as the API and the map show it: its place, stage, deadline, escalation card and allowed actions. */
public final class CaseView {
  private final CaseService cases;
  private final CityClock time;

  public CaseView(CaseService cases, CityClock time) {
    this.cases = cases;
    this.time = time;
  }

  public JsonObject json(CaseRow row) {
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
        .put("createdAt", time.local(row.createdAt()))
        .put("updatedAt", time.local(row.updatedAt()))
        .put("closedAt", time.local(row.closedAt()))
        .put("stage", state.clock() == null ? null : state.clock().stage().wireName())
        .put("stageDeadline", time.local(row.stageDeadline()))
        .put("deadlineProvisional", state.clock() != null && state.clock().deadlineProvisional(cases.workingTime()))
        .put("suspendedFrom", state.suspendedFrom() == null ? null : state.suspendedFrom().wireName())
        .put("late", state.late())
        .put("escalation", new JsonObject()
            .put("policy", row.policy())
            .put("level", level + 1)
            .put("card", card(row))
            .put("acknowledged", state.escalation().acknowledgedLevel() >= 0
                && state.escalation().acknowledgedLevel() == level)
            .put("next", row.nextStep() == null ? null : new JsonObject()
                .put("step", row.nextStep().kind().wireName())
                .put("level", row.nextStep().level() + 1)
                .put("at", time.local(row.nextStep().dueAt()))))
        .put("allowedActions", new JsonArray(CaseWorkflow.allowedActions(state.status()).stream()
            .map(CaseAction::wireName).toList()));
  }

  /** The escalation card the case shows: none, yellow or red, after the level reached in its policy. */
  private String card(CaseRow row) {
    int level = row.state().escalation().level();
    var policy = cases.config().policies().named(row.policy());
    return level < 0 || policy.isEmpty() || level >= policy.get().levels().size() ? "none"
        : policy.get().levels().get(level).card().name().toLowerCase(Locale.ROOT);
  }

  /**
   * Cases as a spreadsheet for the control room: one line per case, times in the city's zone, the category's
   * Chinese name, the place by street, community and cell. Everything people typed (description, reporter,
   * assignee) is text, escaped by {@link Csv} so a description such as {@code =HYPERLINK(...)} stays text.
   */
  String csv(List<CaseRow> rows) {
    Csv csv = new Csv(List.of("id", "created", "source", "category", "category_zh", "priority", "status", "stage",
        "stage_deadline", "card", "escalation_level", "street", "community", "cell", "department", "assignee",
        "description", "reporter", "closed"));
    for (CaseRow row : rows) {
      Category category = cases.config().categories().find(row.category()).orElse(null);
      var state = row.state();
      csv.number(row.id()).text(time.local(row.createdAt())).text(row.source()).text(row.category())
          .text(category == null ? null : category.names().zh()).text(row.priority()).text(state.status().wireName())
          .text(state.clock() == null ? null : state.clock().stage().wireName())
          .text(time.local(row.stageDeadline())).text(card(row)).number(state.escalation().level() + 1)
          .text(row.street()).text(row.community()).text(row.cellCode()).text(row.department())
          .text(row.assignee()).text(row.description()).text(row.reporter()).text(time.local(row.closedAt())).row();
    }
    return csv.toString();
  }

  /** The case with its history (every action, who and when) and its photos. */
  JsonObject detail(CaseRepository.Detail detail) {
    JsonArray history = new JsonArray();
    detail.events().forEach(event -> history.add(new JsonObject()
        .put("at", time.local(event.at()))
        .put("actor", event.actor())
        .put("action", event.action())
        .put("from", event.fromStatus())
        .put("to", event.toStatus())
        .put("reason", event.reason())
        .put("details", event.details())));
    JsonArray photos = new JsonArray();
    detail.photos().forEach(photo -> photos.add(photo(photo).put("uploadedBy", photo.uploadedBy())
        .put("uploadedAt", time.local(photo.uploadedAt()))));
    return json(detail.row()).put("history", history).put("photos", photos);
  }

  /** A photo: where to fetch it, its type and size. */
  static JsonObject photo(CaseRepository.Photo photo) {
    return new JsonObject()
        .put("id", photo.id())
        .put("url", "/api/v1/cases/" + photo.caseId() + "/photos/" + photo.id())
        .put("contentType", photo.contentType())
        .put("bytes", photo.sizeBytes());
  }
}
