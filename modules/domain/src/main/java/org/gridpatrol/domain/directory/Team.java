package org.gridpatrol.domain.directory;

import java.util.ArrayList;
import java.util.List;
import org.gridpatrol.domain.access.AreaScope;

/**
 * A patrol team, most often one per street.
 *
 * @param code     e.g. {@code T110101001}
 * @param name     e.g. 东华门街道巡查队
 * @param areaCode the street (9 digits) it patrols, or a district (6) or community (12), e.g. {@code 110101001}
 * @param lead     user name of the team lead's account, or null
 */
public record Team(String code, String name, String areaCode, String lead) {

  /** Everything wrong with it, field by field (empty when it can be stored). */
  public List<FieldProblem> problems() {
    List<FieldProblem> problems = new ArrayList<>();
    DirectoryRules.code("code", code, problems);
    DirectoryRules.name("name", name, problems);
    if (areaCode == null || !AreaScope.isAreaCode(areaCode)) {
      problems.add(new FieldProblem("area", "area_code",
          "area must be a district (6 digits), street (9) or community (12) code, got '" + areaCode + "'"));
    }
    return problems;
  }
}
