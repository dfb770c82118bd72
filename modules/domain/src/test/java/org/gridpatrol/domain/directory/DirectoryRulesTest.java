package org.gridpatrol.domain.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class DirectoryRulesTest {

  private static List<String> fields(List<FieldProblem> problems) {
    return problems.stream().map(FieldProblem::field).toList();
  }

  @Test
  void aGoodOfficerHasNoProblemsAndBelongsToTheCommunityOfTheirFirstArea() {
    Officer officer = new Officer("P0001", "王伟", "+86 138 0013 8000", "T110101001",
        List.of("110101001001005", "110101001002"), OfficerStatus.ON_DUTY);
    assertEquals(List.of(), officer.problems());
    assertEquals("110101001001", officer.communityCode(), "a cell's community");
  }

  @Test
  void everyBadFieldOfAnOfficerIsNamed() {
    Officer officer = new Officer("P 1", " ", "call me", "T/1", List.of("110101"), null);
    assertEquals(List.of("code", "name", "phone", "team", "areas", "status"), fields(officer.problems()));
  }

  @Test
  void phonesAreMobilesOrOfficeNumbers() {
    for (String good : List.of("13800138000", "+86 138 0013 8000", "010-65123456")) {
      assertEquals(List.of(), new Officer("P1", "x", good, null, List.of(), OfficerStatus.ON_DUTY).problems(), good);
    }
    for (String bad : List.of("1234", "138-0013-8000-0000-0000-12", "tel:13800138000", "+")) {
      assertEquals(List.of("phone"), fields(new Officer("P1", "x", bad, null, List.of(), OfficerStatus.ON_DUTY)
          .problems()), bad);
    }
  }

  @Test
  void teamsPatrolADistrictStreetOrCommunity() {
    assertEquals(List.of(), new Team("T1", "队", "110101001", null).problems());
    assertEquals(List.of("area"), fields(new Team("T1", "队", "1101010", null).problems()));
    assertEquals(List.of("area"), fields(new Team("T1", "队", null, null).problems()));
  }

  @Test
  void onlyWebHandheldsAreNamedAfterTheirOfficer() {
    assertEquals(List.of(), new Device("web-P0001", DeviceKind.WEB_HANDHELD, "P0001").problems());
    assertEquals("reserved", new Device("web-P0001", DeviceKind.HANDHELD, "P0001").problems().get(0).rule());
    assertEquals(List.of(), Device.handheld("862000000000001", null).problems());
    assertEquals(List.of("uniqueId"), fields(Device.handheld("a b", null).problems()));
    assertEquals(List.of("kind"), fields(new Device("1", null, null).problems()));
  }

  @Test
  void statusesReadTheirApiAndChineseNames() {
    assertEquals(OfficerStatus.ON_LEAVE, OfficerStatus.parse("休假").orElseThrow());
    assertEquals(OfficerStatus.LEFT, OfficerStatus.parse(" Left ").orElseThrow());
    assertTrue(OfficerStatus.parse("asleep").isEmpty());
  }

  @Property
  void aCodeIsAcceptedExactlyWhenItIsSafeForUrlsCsvAndLogs(@ForAll @StringLength(min = 0, max = 45) String code) {
    boolean safe = code.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,39}");
    assertEquals(safe, new Team(code, "队", "110101001", null).problems().isEmpty(), code);
  }
}
