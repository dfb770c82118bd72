package org.gridpatrol.domain.calendar;

/** What kind of day a date is in a region's holiday calendar, with the names shown to staff. */
public enum DayType {
  /** An ordinary weekday. */
  WORKING_DAY("工作日", "Working day", true),
  /** An ordinary weekend day outside any holiday period. */
  REST_DAY("休息日", "Rest day", false),
  /** A day inside a statutory holiday period, the weekend days inside it included. */
  HOLIDAY("节假日", "Holiday", false),
  /** A weekend day worked to make up for a holiday (调休上班). */
  MAKEUP_WORKING_DAY("调休上班日", "Make-up working day", true);

  private final String nameZh;
  private final String nameEn;
  private final boolean working;

  DayType(String nameZh, String nameEn, boolean working) {
    this.nameZh = nameZh;
    this.nameEn = nameEn;
    this.working = working;
  }

  public String nameZh() {
    return nameZh;
  }

  public String nameEn() {
    return nameEn;
  }

  /** True for the days on which offices work: ordinary working days and make-up working days. */
  public boolean isWorking() {
    return working;
  }
}
