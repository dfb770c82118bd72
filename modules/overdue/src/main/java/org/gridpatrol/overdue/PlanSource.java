package org.gridpatrol.overdue;

import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import org.gridpatrol.domain.plan.PlanHistory;

/** Where the detector gets the plans it watches: every plan with its versions and each version's cells. */
public interface PlanSource {

  /**
   * @param cellsByVersion for each version number, the version's cells: cell id to the cell's shard
   */
  record TrackedPlan(long id, PlanHistory history, Map<Integer, Map<Long, Integer>> cellsByVersion) {}

  Future<List<TrackedPlan>> plans();
}
