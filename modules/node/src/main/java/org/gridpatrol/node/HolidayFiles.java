package org.gridpatrol.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.gridpatrol.domain.calendar.HolidayCalendar;
import org.gridpatrol.domain.calendar.HolidayCalendars;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the holiday calendars from {@code <dir>/<REGION>/<year>.yaml} (e.g. config/holidays/CN/2026.yaml):
 * one calendar per region directory. A file whose name is not the year it holds is refused, so a copied file
 * that was not edited cannot silently stand for another year.
 */
final class HolidayFiles {
  private static final Logger LOG = LoggerFactory.getLogger(HolidayFiles.class);

  private HolidayFiles() {}

  /**
   * Every region's calendars, checking that the city's region has one; warns early when it lacks this or next
   * year, and keeps a gauge of how many days ahead it has data for (an alert rule's input).
   */
  static HolidayCalendars loadForCity(NodeConfig.City city, Clock clock, MeterRegistry registry) {
    HolidayCalendars calendars = load(city.calendarDir());
    String region = city.calendarRegion();
    HolidayCalendar calendar = calendars.forRegion(region).orElseThrow(() -> new IllegalStateException(
        "No holiday calendar for calendar.region " + region + " in " + city.calendarDir()));
    int thisYear = LocalDate.now(clock.withZone(city.zone())).getYear();
    LOG.info("Holiday calendar {} covers {}", region, calendar.coveredYears());
    for (int year = thisYear; year <= thisYear + 1; year++) {
      if (!calendar.covers(year)) {
        LOG.warn("The {} holiday calendar has no data for {}: until {}/{}/{}.yaml is added, case time limits "
            + "reaching into {} are counted by ordinary weeks (the case says deadlineProvisional) and plan "
            + "windows chosen by holidays or day types are not scheduled there", region, year,
            city.calendarDir(), region, year, year);
      }
    }
    // In seconds, Prometheus' base unit of time (an alert rule divides by 86400 for days).
    Gauge.builder("gridpatrol.calendar.covered.ahead", calendar, held -> {
      LocalDate today = LocalDate.now(clock.withZone(city.zone()));
      int year = today.getYear();
      while (held.covers(year)) {
        year++;
      }
      return Math.max(0, ChronoUnit.DAYS.between(today, LocalDate.of(year, 1, 1))) * 86_400.0;
    }).baseUnit("seconds")
        .description("Time from today to the first day the city's holiday calendar has no data for")
        .register(registry);
    return calendars;
  }

  static HolidayCalendars load(Path dir) {
    List<HolidayCalendar> calendars = new ArrayList<>();
    try (Stream<Path> regions = Files.list(dir)) {
      for (Path region : regions.filter(Files::isDirectory).sorted().toList()) {
        calendars.add(HolidayCalendar.fromYearMaps(region.getFileName().toString(), years(region)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the holiday calendars in " + dir.toAbsolutePath(), e);
    }
    return HolidayCalendars.of(calendars);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> years(Path region) throws IOException {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    List<Map<String, Object>> years = new ArrayList<>();
    try (Stream<Path> files = Files.list(region)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        Map<String, Object> year = yaml.readValue(file.toFile(), Map.class);
        String expected = file.getFileName().toString().replace(".yaml", "");
        if (!expected.equals(String.valueOf(year.get("year")))) {
          throw new IllegalArgumentException(file + " holds year " + year.get("year") + "; a year file is named "
              + "after its year (" + year.get("year") + ".yaml)");
        }
        years.add(year);
      }
    }
    return years;
  }
}
