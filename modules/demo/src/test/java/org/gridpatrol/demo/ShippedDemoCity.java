package org.gridpatrol.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/** The demo city plan the repository ships in config/demo-city.yaml, so tests check the real thing. */
final class ShippedDemoCity {
  static final Path FILE = Path.of(System.getProperty("gridpatrol.demoCity", "../../config/demo-city.yaml"));

  private ShippedDemoCity() {}

  @SuppressWarnings("unchecked")
  static DemoCityPlan plan() {
    try {
      return DemoCityPlan.fromMap(new ObjectMapper(new YAMLFactory()).readValue(FILE.toFile(), Map.class));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + FILE.toAbsolutePath(), e);
    }
  }
}
