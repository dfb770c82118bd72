package org.gridpatrol.domain.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AreaScopeTest {

  @Test
  void aStreetCoversItsCellsAndCommunitiesOnly() {
    AreaScope street = AreaScope.of(List.of("110101001"));
    assertTrue(street.covers("110101001001007"));
    assertTrue(street.covers("110101001002"));
    assertFalse(street.covers("110101002001001"));
    assertFalse(street.covers("110102001001001"));
    assertFalse(street.covers(null), "something with no place is not in a street");
    assertFalse(street.covers("110101"), "the district is more than the street");
  }

  @Test
  void theCityCoversEverythingEvenWhatHasNoPlace() {
    assertTrue(AreaScope.city().covers("110105001001001"));
    assertTrue(AreaScope.city().covers(null));
    assertTrue(AreaScope.of(List.of()).isCity());
  }

  @Test
  void nothingCoversNothing() {
    assertFalse(AreaScope.nothing().covers("110101001001001"));
    assertFalse(AreaScope.nothing().covers(null));
    assertFalse(AreaScope.nothing().overlaps("110101"));
  }

  @Test
  void areasInsideOthersAreDropped() {
    AreaScope scope = AreaScope.of(List.of("110101001002", "110101001", "110102"));
    assertEquals(List.of("110101001", "110102"), scope.areas());
  }

  @Test
  void overlapsLooksBothWays() {
    AreaScope community = AreaScope.of(List.of("110101001002"));
    assertTrue(community.overlaps("110101001"), "the street holds the community");
    assertTrue(community.overlaps("110101001002"));
    assertFalse(community.overlaps("110101002"));
  }

  @Test
  void refusesWhatIsNoAreaCode() {
    for (String bad : new String[] {"11010", "1101010011", "110101001001001", "0101010", "11010a", "１１０１０１"}) {
      IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> AreaScope.of(List.of(bad)));
      assertTrue(error.getMessage().contains(bad), error.getMessage());
    }
  }
}
