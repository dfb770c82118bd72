package org.gridpatrol.node;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gridpatrol.overdue.PlanSource;
import org.gridpatrol.store.PlanRepository.PlanRow;

/** The plans of the database as the overdue detector watches them, retired ones included (for catch-up). */
final class StoredPlans implements PlanSource {
  private final NodeServices services;
  private final PlanService planService;

  StoredPlans(NodeServices services) {
    this.services = services;
    this.planService = new PlanService(services);
  }

  @Override
  public Future<List<TrackedPlan>> plans() {
    Future<List<PlanRow>> rows = services.plans().list(true);
    Future<Map<Long, Map<Integer, Map<Long, Integer>>>> cells = services.plans().cellShards();
    return Future.all(rows, cells).map(done -> {
      List<TrackedPlan> plans = new ArrayList<>();
      for (PlanRow row : rows.result()) {
        plans.add(new TrackedPlan(row.id(), planService.history(row), cells.result().getOrDefault(row.id(), Map.of())));
      }
      return plans;
    });
  }
}
