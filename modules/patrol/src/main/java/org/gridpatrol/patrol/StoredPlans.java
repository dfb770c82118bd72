package org.gridpatrol.patrol;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gridpatrol.store.PlanRepository.OfficerRef;
import org.gridpatrol.store.PlanRepository.PlanRow;
import org.gridpatrol.store.PlanRepository.VersionRow;
import org.gridpatrol.store.PlanRepository;

/** The plans of the database as the overdue detector watches them, retired ones included (for catch-up). */
public final class StoredPlans implements PlanSource {
  private final PlanRepository repository;
  private final PlanService planService;

  public StoredPlans(PlanRepository repository, PlanService planService) {
    this.repository = repository;
    this.planService = planService;
  }

  @Override
  public Future<List<TrackedPlan>> plans() {
    Future<List<PlanRow>> rows = repository.list(true);
    Future<Map<Long, Map<Integer, Map<Long, Integer>>>> cells = repository.cellShards();
    Future<Map<String, List<OfficerRef>>> teams = repository.officersByTeam();
    return Future.all(rows, cells, teams).map(done -> {
      Map<String, OfficerRef> byCode = new HashMap<>();
      teams.result().values().forEach(list -> list.forEach(o -> byCode.put(o.code(), o)));
      List<TrackedPlan> plans = new ArrayList<>();
      for (PlanRow row : rows.result()) {
        Map<Integer, List<OfficerRef>> officers = new HashMap<>();
        for (VersionRow version : row.versions()) {
          officers.put(version.version(), onDuty(version.definition(), byCode, teams.result()));
        }
        plans.add(new TrackedPlan(row.id(), planService.history(row), cells.result().getOrDefault(row.id(), Map.of()),
            officers));
      }
      return plans;
    });
  }

  /** The officers a plan version names, or else the members of its team. */
  private static List<OfficerRef> onDuty(JsonObject definition, Map<String, OfficerRef> byCode,
                                         Map<String, List<OfficerRef>> byTeam) {
    JsonArray named = definition.getJsonArray("officers", new JsonArray());
    if (!named.isEmpty()) {
      List<OfficerRef> officers = new ArrayList<>();
      named.forEach(code -> {
        OfficerRef officer = byCode.get(String.valueOf(code));
        if (officer != null) {
          officers.add(officer);
        }
      });
      return officers;
    }
    String team = definition.getString("team");
    return team == null ? List.of() : byTeam.getOrDefault(team, List.of());
  }
}
