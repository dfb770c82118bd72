package org.gridpatrol.domain.cases;

import java.util.Locale;

/**
 * The stages of a case whose time limits run (the national workflow): the supervision centre registers a
 * report, the command centre dispatches it, the department handles it and reports back, the centre verifies
 * it on site and closes it.
 */
public enum Stage {
  REGISTER, DISPATCH, HANDLE, VERIFY;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** @throws IllegalArgumentException if the name is not a stage */
  public static Stage fromWireName(String name) {
    for (Stage stage : values()) {
      if (stage.wireName().equals(name)) {
        return stage;
      }
    }
    throw new IllegalArgumentException("unknown stage " + name + " (register, dispatch, handle or verify)");
  }
}
