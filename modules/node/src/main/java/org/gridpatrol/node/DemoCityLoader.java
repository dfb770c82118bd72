package org.gridpatrol.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.Future;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gridpatrol.checkin.DeviceDirectory;
import org.gridpatrol.demo.DemoCity;
import org.gridpatrol.demo.DemoCityPlan;
import org.gridpatrol.store.DirectoryRepository;
import org.gridpatrol.store.GridRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the demo city (Dongcheng, Beijing) into an empty database: its grid, teams, officers and devices.
 * Each device gets a fresh random JSON API token and OsmAnd key; they are written to {@code demo-devices.csv} in
 * the data directory (readable by the owner only), where the simulator and a person trying the API find them.
 */
final class DemoCityLoader {
  private static final Logger LOG = LoggerFactory.getLogger(DemoCityLoader.class);
  static final String DEVICES_FILE = "demo-devices.csv";

  private DemoCityLoader() {}

  /** Loads the demo city if the database has no cells yet; completes with true if it loaded it. */
  static Future<Boolean> loadIfEmpty(GridRepository grid, DirectoryRepository directory, Path dataDir,
                                     Path planFile, Instant now) {
    return grid.count().compose(cells -> {
      if (cells > 0) {
        return Future.succeededFuture(false);
      }
      DemoCityPlan plan = readPlan(planFile);
      DemoCity city = DemoCity.generate(plan);
      Map<String, String> tokens = new LinkedHashMap<>();
      Map<String, byte[]> hashes = new LinkedHashMap<>();
      Map<String, String> keys = new LinkedHashMap<>();
      city.devices().forEach(device -> {
        String token = DeviceDirectory.newToken();
        tokens.put(device.uniqueId(), token);
        hashes.put(device.uniqueId(), DeviceDirectory.sha256(token));
        keys.put(device.uniqueId(), DeviceDirectory.newOsmAndKey());
      });
      String source = "demo city " + plan.districtName() + " (" + planFile.getFileName() + ")";
      return grid.importCells(source, "EPSG:4326", city.cells().size(), city.cells(), List.of())
          .compose(summary -> directory.saveDemoDirectory(city.teams(), city.officers(), city.devices(), hashes, keys, now))
          .map(done -> {
            writeDevicesFile(dataDir.resolve(DEVICES_FILE), city, tokens, keys);
            LOG.info("Loaded the demo city: {} cells, {} officers, {} devices (tokens in {})",
                city.cells().size(), city.officers().size(), city.devices().size(), dataDir.resolve(DEVICES_FILE));
            return true;
          });
    });
  }

  /** The OsmAnd key of a demo device, from the devices file (empty without one, e.g. a city without the demo). */
  static Optional<String> osmandKey(Path dataDir, String uniqueId) {
    Path file = dataDir.resolve(DEVICES_FILE);
    try {
      return Files.exists(file) ? Files.readAllLines(file).stream().map(line -> line.split(","))
          .filter(fields -> fields.length == 4 && fields[0].equals(uniqueId)).map(fields -> fields[3]).findFirst()
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  @SuppressWarnings("unchecked")
  private static DemoCityPlan readPlan(Path file) {
    try {
      return DemoCityPlan.fromMap(new ObjectMapper(new YAMLFactory()).readValue(file.toFile(), Map.class));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the demo city plan " + file.toAbsolutePath(), e);
    }
  }

  private static void writeDevicesFile(Path file, DemoCity city, Map<String, String> tokens,
                                       Map<String, String> keys) {
    StringBuilder csv = new StringBuilder("unique_id,officer,token,osmand_key\n");
    city.devices().forEach(d -> csv.append(d.uniqueId()).append(',').append(d.officerCode()).append(',')
        .append(tokens.get(d.uniqueId())).append(',').append(keys.get(d.uniqueId())).append('\n'));
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, csv);
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }
}
