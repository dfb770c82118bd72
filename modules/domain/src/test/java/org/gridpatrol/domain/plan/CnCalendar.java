package org.gridpatrol.domain.plan;

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

/** The Chinese holiday calendar from the files shipped in config/holidays/CN (2024-2026), as the node reads it. */
final class CnCalendar {
  static final HolidayCalendar CN = load(Path.of("../../config/holidays/CN"));

  private CnCalendar() {}

  @SuppressWarnings("unchecked")
  private static HolidayCalendar load(Path dir) {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    List<Map<String, ?>> years = new ArrayList<>();
    try (Stream<Path> paths = Files.list(dir)) {
      for (Path path : paths.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        years.add(yaml.readValue(path.toFile(), Map.class));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + dir.toAbsolutePath(), e);
    }
    return HolidayCalendar.fromYearMaps("CN", years);
  }
}
