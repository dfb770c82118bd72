package org.gridpatrol.patrol;

import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import org.gridpatrol.domain.plan.PlanHistory;
import org.gridpatrol.store.PlanRepository.OfficerRef;

/** Where the detector gets the plans it watches: every plan with its versions and each version's cells. */
public interface PlanSource {

  /**
   * @param cellsByVersion    for each version number, the version's cells: cell id to the cell's shard
   * @param officersByVersion for each version number, the officers on duty in its windows (those it names,
   *                          else its team's)
   */
  record TrackedPlan(long id, PlanHistory history, Map<Integer, Map<Long, Integer>> cellsByVersion,
                     Map<Integer, List<OfficerRef>> officersByVersion) {}

  Future<List<TrackedPlan>> plans();
}
