package org.gridpatrol.domain.directory;

import java.util.Locale;
import java.util.Optional;

/** Whether an officer is on the duty roster. Officers who left stay in the directory for the history. */
public enum OfficerStatus {
  ON_DUTY("在岗"),
  ON_LEAVE("休假"),
  LEFT("离职");

  private final String chinese;

  OfficerStatus(String chinese) {
    this.chinese = chinese;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The API's name ({@code on_duty}) or the Chinese one a city's spreadsheet has (在岗, 休假, 离职). */
  public static Optional<OfficerStatus> parse(String text) {
    String wanted = text.strip();
    for (OfficerStatus status : values()) {
      if (status.wireName().equalsIgnoreCase(wanted) || status.chinese.equals(wanted)) {
        return Optional.of(status);
      }
    }
    return Optional.empty();
  }

  public String chinese() {
    return chinese;
  }
}
