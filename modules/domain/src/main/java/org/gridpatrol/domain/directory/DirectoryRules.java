package org.gridpatrol.domain.directory;

import java.util.List;
import org.gridpatrol.domain.grid.CellCode;

/** The field rules that teams, officers and devices share, so the API and the roster import judge alike. */
final class DirectoryRules {
  private static final int MAX_NAME = 100;

  private DirectoryRules() {
  }

  /** Codes appear in URLs, CSV files and logs: letters, digits and . _ - only. */
  static void code(String field, String code, List<FieldProblem> problems) {
    if (code == null || !code.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,39}")) {
      problems.add(new FieldProblem(field, "code",
          field + " must be 1 to 40 letters, digits and . _ - starting with a letter or digit, got '" + code + "'"));
    }
  }

  static void name(String field, String name, List<FieldProblem> problems) {
    if (name == null || name.isBlank()) {
      problems.add(new FieldProblem(field, "required", field + " is required"));
    } else if (name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
      problems.add(new FieldProblem(field, "text", field + " must be at most " + MAX_NAME
          + " characters without control characters"));
    }
  }

  /** A mobile (+86 138 0013 8000, 13800138000) or office number (010-65123456): 5 to 20 digits. */
  static void phone(String field, String phone, List<FieldProblem> problems) {
    if (phone == null) {
      return;
    }
    long digits = phone.chars().filter(Character::isDigit).count();
    if (!phone.matches("\\+?[0-9][0-9 -]*") || digits < 5 || digits > 20) {
      problems.add(new FieldProblem(field, "phone",
          field + " must be a phone number (digits, spaces and -, a leading + for the country), got '" + phone + "'"));
    }
  }

  static boolean isPatrolArea(String code) {
    return code != null && (code.length() == 12 && code.matches("[1-9][0-9]{11}") || CellCode.isValid(code));
  }
}
