package org.gridpatrol.cases;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import org.gridpatrol.domain.cases.CaseAction;
import org.gridpatrol.domain.cases.CaseWorkflow;
import org.gridpatrol.domain.cases.Category;
import org.gridpatrol.store.CaseRepository.CaseRow;
import org.gridpatrol.store.CaseRepository;
import org.gridpatrol.web.CityClock;

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
    var policy = cases.config().policies().named(row.policy());
    String card = level < 0 || policy.isEmpty() || level >= policy.get().levels().size() ? "none"
        : policy.get().levels().get(level).card().name().toLowerCase(Locale.ROOT);
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
            .put("card", card)
            .put("acknowledged", state.escalation().acknowledgedLevel() >= 0
                && state.escalation().acknowledgedLevel() == level)
            .put("next", row.nextStep() == null ? null : new JsonObject()
                .put("step", row.nextStep().kind().wireName())
                .put("level", row.nextStep().level() + 1)
                .put("at", time.local(row.nextStep().dueAt()))))
        .put("allowedActions", new JsonArray(CaseWorkflow.allowedActions(state.status()).stream()
            .map(CaseAction::wireName).toList()));
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
