package org.gridpatrol.domain.calendar;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The Chinese holiday files the repository ships in config/holidays/CN, so tests check the real data. */
public final class ShippedHolidays {
  static final Path CN_DIR = Path.of("../../config/holidays/CN");
  public static final HolidayCalendar CN = HolidayCalendar.fromYearMaps("CN", new ArrayList<>(files().values()));
  /** The shipped years up to 2026 only: what a year without data does (2027) stays testable once it is added. */
  public static final HolidayCalendar CN_UNTIL_2026 = HolidayCalendar.fromYearMaps("CN", files().entrySet().stream()
      .filter(file -> file.getKey().compareTo("2027") < 0).map(Map.Entry::getValue).toList());

  private ShippedHolidays() {}

  /** Each year file's parsed content by file name, as the node will read them. */
  @SuppressWarnings("unchecked")
  static SortedMap<String, Map<String, ?>> files() {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    SortedMap<String, Map<String, ?>> files = new TreeMap<>();
    try (Stream<Path> paths = Files.list(CN_DIR)) {
      for (Path path : paths.filter(p -> p.toString().endsWith(".yaml")).toList()) {
        files.put(path.getFileName().toString(), yaml.readValue(path.toFile(), Map.class));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + CN_DIR.toAbsolutePath(), e);
    }
    return files;
  }
}
