package org.gridpatrol.domain.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shipped config/cases.yaml, and the errors a city gets for a wrong one. */
class CasesConfigTest {
  static final Path SHIPPED = Path.of("../../config/cases.yaml");

  static Map<?, ?> shipped() throws IOException {
    return new ObjectMapper(new YAMLFactory()).readValue(SHIPPED.toFile(), Map.class);
  }

  @Test
  void theShippedTreeHasTheRealWorldLimits() throws IOException {
    CategoryTree tree = CategoryTree.fromMap(shipped());
    Category garbage = tree.find("E0101").orElseThrow();
    assertEquals("暴露垃圾", garbage.names().zh());
    assertEquals("Exposed garbage", garbage.names().en());
    assertEquals(Category.Kind.EVENT, garbage.major().kind());
    assertEquals(new TimeLimit(4, TimeLimit.Unit.WORKING_HOURS), garbage.limit(Stage.HANDLE));
    assertEquals(new TimeLimit(1, TimeLimit.Unit.WORKING_HOURS), garbage.limit(Stage.REGISTER), "the default");
    assertEquals(new TimeLimit(2, TimeLimit.Unit.WORKING_HOURS), tree.find("E0103").orElseThrow().limit(Stage.HANDLE));
    assertEquals(new TimeLimit(15, TimeLimit.Unit.WORKING_DAYS), tree.find("E0301").orElseThrow().limit(Stage.HANDLE));
    assertEquals(Priority.URGENT, tree.find("E0501").orElseThrow().priority());
    assertTrue(tree.departments().containsKey(garbage.department()));
    assertTrue(tree.majors().stream().anyMatch(m -> m.kind() == Category.Kind.COMPONENT));
  }

  @Test
  void theShippedPoliciesPickTheMostSpecific() throws IOException {
    EscalationPolicies policies = EscalationPolicies.fromMap(shipped());
    assertEquals("standard", policies.policyFor("E0101", Priority.NORMAL).orElseThrow().name());
    assertEquals("urgent", policies.policyFor("E0501", Priority.URGENT).orElseThrow().name());
    assertEquals("patrol", policies.policyFor("E0901", Priority.NORMAL).orElseThrow().name());
    assertEquals("patrol", policies.policyFor("E0902", Priority.URGENT).orElseThrow().name());
  }

  @Test
  void mistakesNameTheirPlace() {
    Map<String, Object> limits = Map.of("register", Map.of("working_hours", 1), "dispatch", Map.of("hours", 1),
        "handle", Map.of("working_days", 1), "verify", Map.of("fortnights", 1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CategoryTree.fromMap(
        Map.of("stage_limits", limits, "departments", List.of(), "categories", List.of())));
    assertTrue(e.getMessage().startsWith("stage_limits.verify: unknown unit fortnights"), e.getMessage());

    e = assertThrows(IllegalArgumentException.class, () -> EscalationPolicy.fromMap(Map.of("name", "x",
        "levels", List.of(Map.of("role", "team_lead", "after_minutes", 5))), "escalation[0]"));
    assertTrue(e.getMessage().contains("must follow the deadline level"), e.getMessage());

    e = assertThrows(IllegalArgumentException.class, () -> EscalationPolicy.fromMap(Map.of("name", "x",
        "levels", List.of(Map.of("role", "mayor", "at_deadline", true))), "escalation[0]"));
    assertTrue(e.getMessage().contains("unknown role mayor"), e.getMessage());

    e = assertThrows(IllegalArgumentException.class, () -> TimeLimit.fromMap(Map.of("hours", 1.5), "handle"));
    assertEquals("handle.hours must be a positive whole number, got 1.5", e.getMessage());
  }

  @Test
  void rolesAreReachedInTheCasesArea() {
    String cell = "110101001002003";
    assertEquals("HWJ", Role.HANDLER.area(cell, Stage.HANDLE, "HWJ"));
    assertEquals("110101", Role.HANDLER.area(cell, Stage.REGISTER, null));
    assertEquals("110101001", Role.TEAM_LEAD.area(cell, Stage.HANDLE, "HWJ"));
    assertEquals("110101", Role.DISTRICT_COMMAND.area(cell, Stage.HANDLE, "HWJ"));
    assertEquals("110100", Role.CITY_COMMAND.area(cell, Stage.HANDLE, "HWJ"));
  }
}
