package org.gridpatrol.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.gridpatrol.domain.calendar.HolidayCalendar;
import org.gridpatrol.domain.calendar.HolidayCalendars;

/**
 * Reads the holiday calendars from {@code <dir>/<REGION>/<year>.yaml} (e.g. config/holidays/CN/2026.yaml):
 * one calendar per region directory. A file whose name is not the year it holds is refused, so a copied file
 * that was not edited cannot silently stand for another year.
 */
final class HolidayFiles {
  private HolidayFiles() {}

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
