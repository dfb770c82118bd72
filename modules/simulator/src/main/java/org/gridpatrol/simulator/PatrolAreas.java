package org.gridpatrol.simulator;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gridpatrol.demo.DemoCity;
import org.gridpatrol.domain.grid.GridCell;
import org.gridpatrol.domain.directory.Officer;
import org.locationtech.jts.geom.Envelope;

/**
 * Where each officer of the demo city patrols: the box around the cells of the officer's community. The node
 * loads the same generated city, so the simulator can compute it instead of asking the node.
 */
final class PatrolAreas {
  private final Map<String, Envelope> byOfficer;

  private PatrolAreas(Map<String, Envelope> byOfficer) {
    this.byOfficer = byOfficer;
  }

  static PatrolAreas of(DemoCity city) {
    return of(city.officers(), city.cells());
  }

  /** A cell belongs to a community when its code starts with the community's 12-digit code. */
  static PatrolAreas of(List<Officer> officers, List<GridCell> cells) {
    Map<String, Envelope> byCommunity = new HashMap<>();
    for (GridCell cell : cells) {
      byCommunity.computeIfAbsent(cell.code().substring(0, 12), c -> new Envelope())
          .expandToInclude(cell.geometry().getEnvelopeInternal());
    }
    Map<String, Envelope> byOfficer = new HashMap<>();
    for (Officer officer : officers) {
      Envelope area = byCommunity.get(officer.communityCode());
      if (area != null) {
        byOfficer.put(officer.code(), area);
      }
    }
    return new PatrolAreas(byOfficer);
  }

  /** The officer's beat, or null for an officer without cells in the demo city. */
  Envelope of(String officerCode) {
    return byOfficer.get(officerCode);
  }
}
