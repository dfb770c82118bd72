package org.gridpatrol.patrol;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import org.gridpatrol.domain.access.AreaScope;
import org.gridpatrol.store.PlanRepository.PlanRow;
import org.gridpatrol.store.PlanRepository;
import org.gridpatrol.web.Caller;

/** The plans a caller sees (those touching their areas) and may change (those wholly in them). */
final class VisiblePlans {
  private final PlanRepository plans;

  VisiblePlans(PlanRepository plans) {
    this.plans = plans;
  }

  /** The plan if the caller sees any part of it. */
  Future<Optional<PlanRow>> visible(RoutingContext ctx, long id) {
    return plans.find(id).compose(found -> found.isEmpty() ? Future.succeededFuture(found)
        : inScope(ctx, found.get(), false).map(seen -> seen ? found : Optional.<PlanRow>empty()));
  }

  /** Whether the plan lies in the caller's areas: wholly (to change it) or in part (to see it). */
  Future<Boolean> inScope(RoutingContext ctx, PlanRow plan, boolean wholly) {
    AreaScope scope = Caller.of(ctx).scope();
    if (scope.isCity()) {
      return Future.succeededFuture(true);
    }
    return plans.streets(List.of(plan.id())).map(byPlan -> {
      List<String> streets = byPlan.getOrDefault(plan.id(), List.of());
      return wholly ? streets.stream().allMatch(scope::covers) : streets.stream().anyMatch(scope::overlaps);
    });
  }

}
