package org.gridpatrol.domain.access;

import java.util.List;
import java.util.Objects;
import org.gridpatrol.domain.cases.Role;
import org.gridpatrol.domain.cases.Stage;

/**
 * The people an escalation level reaches. A level names a role in the case's area; here that becomes the
 * accounts holding it: the department's handlers while it handles the case (the control room's operators
 * in the other stages), the team leads of the cell's street, the department's handlers for its head (there
 * is no separate head role), the operators who watch the whole district, and those who watch the whole city.
 */
public final class StaffDirectory {
  /** An active account as escalation sees it. */
  public record Person(String username, UserRole role, AreaScope scope, String department) {}

  private final List<Person> people;

  public StaffDirectory(List<Person> people) {
    this.people = List.copyOf(people);
  }

  /** User names of the people reached, sorted; empty when nobody holds the role there. */
  public List<String> reach(Role role, String cellCode, Stage stage, String department) {
    String district = cellCode.substring(0, 6);
    return people.stream().filter(person -> switch (role) {
      case HANDLER -> stage == Stage.HANDLE && department != null
          ? handlerOf(person, department, cellCode) : operatorOver(person, cellCode);
      case TEAM_LEAD -> person.role() == UserRole.TEAM_LEAD && person.scope().covers(cellCode);
      case DEPARTMENT_HEAD -> department != null ? handlerOf(person, department, cellCode) : operatorOver(person, district);
      case DISTRICT_COMMAND -> operatorOver(person, district);
      case CITY_COMMAND -> person.role() == UserRole.OPERATOR && person.scope().isCity();
    }).map(Person::username).sorted().toList();
  }

  private static boolean handlerOf(Person person, String department, String cellCode) {
    return person.role() == UserRole.HANDLER && Objects.equals(person.department(), department)
        && person.scope().covers(cellCode);
  }

  /** An operator whose areas hold all of {@code code} (a cell, or a whole district). */
  private static boolean operatorOver(Person person, String code) {
    return person.role() == UserRole.OPERATOR && person.scope().covers(code);
  }
}
