package org.gridpatrol.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The configuration read once, typed and checked: what the shipped file means, and what it refuses. */
class NodeConfigTest {
  static NodeConfig read(Map<String, String> environment) {
    return NodeConfig.read(Settings.load(SettingsTest.CONFIG, environment));
  }

  @Test
  void theShippedFileReadsAsTheDocumentedDefaults() {
    NodeConfig config = read(Map.of());
    assertEquals(8080, config.http().port());
    assertEquals(ZoneId.of("Asia/Shanghai"), config.city().zone());
    assertEquals(Duration.ofMinutes(10), config.checkin().visitGap());
    assertEquals(Duration.ofMinutes(10), config.checkin().silentAfter());
    assertEquals(Duration.ofHours(168), config.checkin().filters().maxAge());
    assertEquals(Duration.ofHours(12), config.auth().sessionLength());
    assertEquals(Path.of("./data").toAbsolutePath().normalize().resolve("photos"), config.cases().photoDir(),
        "photos live under data.dir");
    assertNull(config.cases().webhooksFile(), "no webhooks file is none");
    assertEquals("127.0.0.1:8080", config.nodeName(), "an empty node.name is host:port");
  }

  @Test
  void aZeroLimitTurnsItsFilterOff() {
    NodeConfig config = read(Map.of("PATROL_CHECKIN_FILTERS_MAX_SPEED_MPS", "0",
        "PATROL_CHECKIN_FILTERS_MAX_AGE_HOURS", "0"));
    assertNull(config.checkin().filters().maxSpeedMetresPerSecond());
    assertNull(config.checkin().filters().maxAge());
    assertEquals(Duration.ZERO, config.checkin().maxAge());
  }

  @Test
  void anUnusableValueStopsTheStartNamingTheKeyAndItsVariable() {
    Map<String, String> bad = Map.of(
        "PATROL_HTTP_PORT", "70000",
        "PATROL_CITY_TIME_ZONE", "Asia/Atlantis",
        "PATROL_LOG_FORMAT", "xml",
        "PATROL_CASES_WORKING_HOURS", "9-5",
        "PATROL_AUTH_BCRYPT_COST", "40",
        "PATROL_MAP_TILE_URL", "tiles.example.org/{z}/{x}/{y}.png",
        "PATROL_DB_POOL_SIZE", "0");
    bad.forEach((variable, value) -> {
      IllegalStateException refused = assertThrows(IllegalStateException.class, () -> read(Map.of(variable, value)),
          variable + "=" + value);
      assertTrue(refused.getMessage().contains(variable), refused.getMessage());
    });
  }
}
