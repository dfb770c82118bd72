package org.gridpatrol.domain.directory;

import java.util.ArrayList;
import java.util.List;

/**
 * A grid officer.
 *
 * @param code     e.g. {@code P0001}
 * @param name     e.g. 王伟
 * @param phone    mobile or office number, or null
 * @param teamCode code of the officer's {@link Team}, or null
 * @param areas    the communities (12 digits) or cells (15) the officer normally patrols, the home one first
 * @param status   on the duty roster, on leave, or left
 */
public record Officer(String code, String name, String phone, String teamCode, List<String> areas,
                      OfficerStatus status) {
  public Officer {
    areas = List.copyOf(areas);
  }

  /** An officer on duty who patrols one community, as the demo city has them. */
  public static Officer onDuty(String code, String name, String teamCode, String communityCode) {
    return new Officer(code, name, null, teamCode, List.of(communityCode), OfficerStatus.ON_DUTY);
  }

  /** The community the officer belongs to (that of their first area), which places them on the map; or null. */
  public String communityCode() {
    return areas.isEmpty() ? null : areas.get(0).substring(0, 12);
  }

  /** Everything wrong with it, field by field (empty when it can be stored). */
  public List<FieldProblem> problems() {
    List<FieldProblem> problems = new ArrayList<>();
    DirectoryRules.code("code", code, problems);
    DirectoryRules.name("name", name, problems);
    DirectoryRules.phone("phone", phone, problems);
    if (teamCode != null) {
      DirectoryRules.code("team", teamCode, problems);
    }
    for (String area : areas) {
      if (!DirectoryRules.isPatrolArea(area)) {
        problems.add(new FieldProblem("areas", "area_code",
            "each area must be a community (12 digits) or cell (15) code, got '" + area + "'"));
        break;
      }
    }
    if (status == null) {
      problems.add(new FieldProblem("status", "one_of", "status must be on_duty, on_leave or left"));
    }
    return problems;
  }
}
