package org.gridpatrol.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoCityPlanTest {

  private static Map<String, Object> valid() {
    Map<String, Object> map = new HashMap<>();
    map.put("district_code", "110101");
    map.put("district_name", "东城区");
    map.put("west", 116.395);
    map.put("south", 39.905);
    map.put("east", 116.40);
    map.put("north", 39.91);
    map.put("cell_size_metres", 100);
    map.put("cells_per_community_side", 5);
    map.put("communities_per_street_side", 2);
    map.put("street_names", List.of("东华门街道"));
    map.put("first_device_unique_id", 100001);
    return map;
  }

  @Test
  void readsEveryKey() {
    DemoCityPlan plan = DemoCityPlan.fromMap(valid());
    assertEquals("110101", plan.districtCode());
    assertEquals(100.0, plan.cellSizeMetres());
    assertEquals(List.of("东华门街道"), plan.streetNames());
    assertEquals(100001, plan.firstDeviceUniqueId());
  }

  @Test
  void namesTheKeyThatIsMissingOrWrong() {
    Map<String, Object> missing = valid();
    missing.remove("north");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> DemoCityPlan.fromMap(missing))
        .getMessage().contains("north"));
    Map<String, Object> wrong = valid();
    wrong.put("cell_size_metres", "big");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> DemoCityPlan.fromMap(wrong))
        .getMessage().contains("cell_size_metres"));
  }

  @Test
  void theShippedPlanIsTheDongchengDemo() {
    DemoCityPlan plan = ShippedDemoCity.plan();
    assertEquals("东城区", plan.districtName());
    assertEquals(1600, DemoCity.generate(plan).cells().size());
  }
}
