package org.gridpatrol.domain.calendar;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * A question needed a year that a holiday calendar has no data for. Holidays move every year, so guessing
 * an ordinary week there would put deadlines and patrols on the wrong days; the data must be added instead.
 */
public class YearNotCoveredException extends RuntimeException {
  private final String region;
  private final int year;

  public YearNotCoveredException(String region, int year, Set<Integer> coveredYears) {
    super("The " + region + " holiday calendar has no data for " + year + " (it covers "
        + coveredYears.stream().sorted().map(String::valueOf).collect(Collectors.joining(", "))
        + "). Add config/holidays/" + region + "/" + year
        + ".yaml from that year's official holiday arrangement and restart the node.");
    this.region = region;
    this.year = year;
  }

  public String region() {
    return region;
  }

  public int year() {
    return year;
  }
}
