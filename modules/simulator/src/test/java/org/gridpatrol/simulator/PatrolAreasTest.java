package org.gridpatrol.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.gridpatrol.demo.DemoCity;
import org.gridpatrol.demo.DemoCityPlan;
import org.gridpatrol.domain.grid.GridCell;
import org.gridpatrol.domain.directory.Officer;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;

class PatrolAreasTest {
  /** 1.2 km x 1.2 km of 100 m cells: 2 x 2 communities of 5 x 5 cells, one street. */
  private static final DemoCity CITY = DemoCity.generate(new DemoCityPlan("110101", "东城区", 116.3950, 39.9300,
      116.4091, 39.9408, 100, 5, 2, List.of("东华门街道"), 100001));

  @Test
  void eachOfficerPatrolsTheBoxOfExactlyTheCellsOfTheirCommunity() {
    PatrolAreas areas = PatrolAreas.of(CITY);
    assertEquals(4, CITY.officers().size());
    for (Officer officer : CITY.officers()) {
      Envelope area = areas.of(officer.code());
      for (GridCell cell : CITY.cells()) {
        boolean own = cell.code().startsWith(officer.communityCode());
        Envelope cellBox = cell.geometry().getEnvelopeInternal();
        if (own) {
          assertTrue(area.covers(cellBox), cell.code() + " is in " + officer.code() + "'s area");
        } else {
          // Neighbouring cells may touch the area's edge but not reach into it.
          assertTrue(area.intersection(cellBox).getArea() < 1e-12, cell.code() + " overlaps " + officer.code());
        }
      }
      // 5 cells of 100 m a side: about 500 m, in degrees at Beijing's latitude.
      assertEquals(500 / 111_195.0, area.getHeight(), 1e-6);
    }
  }

  @Test
  void anOfficerOutsideTheCityHasNoArea() {
    PatrolAreas areas = PatrolAreas.of(CITY.officers(), CITY.cells());
    assertNull(areas.of("P9999"));
    PatrolAreas noCells = PatrolAreas.of(CITY.officers(), List.of());
    assertNull(noCells.of(CITY.officers().get(0).code()));
  }
}
