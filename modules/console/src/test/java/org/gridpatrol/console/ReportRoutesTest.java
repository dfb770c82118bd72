package org.gridpatrol.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.gridpatrol.store.ReportRepository.Line;
import org.junit.jupiter.api.Test;

/** The evaluation as a spreadsheet file. */
class ReportRoutesTest {

  @Test
  void theColumnsStayAndAGroupThatWouldBeAFormulaIsEscaped() {
    Line hwj = new Line("HWJ", 4, 3, 2, Map.of("register", 600.4, "handle", 7200.0), Map.of(1, 2L, 2, 1L), 5, 1, 0,
        10, 2);
    Line evil = new Line("=HYPERLINK(\"http://evil.example\",\"x\")", 1, 0, 0, Map.of(), Map.of(), 0, 0, 0, 0, 0);
    String[] lines = ReportRoutes.csv("department", List.of(hwj, evil)).split("\r\n");
    assertEquals("\uFEFFdepartment,due,closed,closed_on_time,closure_rate,on_time_closure_rate,"
        + "avg_register_seconds,avg_dispatch_seconds,avg_handle_seconds,avg_verify_seconds,"
        + "escalations_level_1,escalations_level_2,escalations_level_3,escalations_level_4,escalations_level_5,"
        + "patrol_overdue,patrol_satisfied_late,officer_silent,patrol_cell_windows,patrol_cell_windows_missed,"
        + "patrol_coverage", lines[0]);
    assertEquals("HWJ,4,3,2,0.75,0.5,600,,7200,,2,1,0,0,0,5,1,0,10,2,0.8", lines[1]);
    assertEquals("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",1,0,0,0.0,0.0,,,,,0,0,0,0,0,0,0,0,0,0,",
        lines[2]);
    assertEquals(3, lines.length);
  }
}
