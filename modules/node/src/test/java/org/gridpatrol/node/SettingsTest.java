package org.gridpatrol.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {
  /** The real configuration file of the repository: every key it documents must load. */
  static final Path CONFIG = Path.of(System.getProperty("gridpatrol.config", "../../config/gridpatrol.yaml"));

  @Test
  void theShippedFileHasTheDocumentedDefaults() {
    Settings settings = Settings.load(CONFIG, Map.of());
    assertEquals(8080, settings.integer("http.port"));
    assertEquals(5055, settings.integer("osmand.port"));
    assertEquals("./data", settings.string("data.dir"));
    assertEquals("", settings.string("db.url"));
    assertEquals("Asia/Shanghai", settings.string("city.time_zone"));
    assertTrue(settings.flag("checkin.filters.duplicate"));
    assertEquals(List.of("127.0.0.1:5701"), settings.list("cluster.members"));
  }

  @Test
  void environmentVariablesOverrideKeysByPath() {
    Settings settings = Settings.load(CONFIG, Map.of(
        "PATROL_HTTP_PORT", "9090",
        "PATROL_DB_URL", "postgresql://u:p@db:5432/x",
        "PATROL_CHECKIN_FILTERS_MAX_SPEED_MPS", "12.5",
        "PATROL_CHECKIN_FILTERS_ZERO", "false",
        "PATROL_CLUSTER_MEMBERS", "10.0.0.1:5701, 10.0.0.2:5701"));
    assertEquals(9090, settings.integer("http.port"));
    assertEquals("postgresql://u:p@db:5432/x", settings.string("db.url"));
    assertEquals(12.5, settings.number("checkin.filters.max_speed_mps"));
    assertFalse(settings.flag("checkin.filters.zero"));
    assertEquals(List.of("10.0.0.1:5701", "10.0.0.2:5701"), settings.list("cluster.members"));
    assertTrue(settings.unknownOverrides().isEmpty());
  }

  @Test
  void misspelledVariablesAreReportedAndBadValuesRefused() {
    Settings settings = Settings.load(CONFIG, Map.of("PATROL_HTTP_PROT", "1", "HOME", "/root",
        "PATROL_JAVA_OPTS", "-Xmx1g"));
    assertEquals(List.of("PATROL_HTTP_PROT"), settings.unknownOverrides(), "the launcher's JVM options are no typo");
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> Settings.load(CONFIG, Map.of("PATROL_HTTP_PORT", "eighty")));
    assertTrue(bad.getMessage().contains("PATROL_HTTP_PORT"));
    assertThrows(IllegalArgumentException.class,
        () -> Settings.load(CONFIG, Map.of("PATROL_DEMO_LOAD", "yes")));
  }

  @Test
  void withReplacesOnlyExistingKeys() {
    Settings settings = Settings.load(CONFIG, Map.of()).with("http.port", 1234);
    assertEquals(1234, settings.integer("http.port"));
    assertThrows(IllegalArgumentException.class, () -> settings.with("http.nope", 1));
  }
}
