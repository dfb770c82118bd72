package org.gridpatrol.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.gridpatrol.demo.DemoCity;
import org.gridpatrol.demo.DemoCityPlan;
import org.locationtech.jts.geom.Envelope;

/**
 * The devices of a devices file, each carried by its officer walking the officer's community. The node generated
 * the demo city from a plan file; generating it again from the same file gives the same communities, so the
 * simulator needs nothing else from the node.
 */
final class DemoFleet {

  private DemoFleet() {}

  /**
   * @param cityFile    the demo city plan the node loaded (config/demo-city.yaml)
   * @param limit       at most this many devices, in file order
   * @param startSecond the earliest fix time of every device
   * @throws IOException if a file cannot be read
   * @throws IllegalArgumentException if a file is missing or malformed, or no officer of the file is in the city
   */
  static List<SimulatedDevice> load(Path devicesFile, Path cityFile, int limit, long startSecond, Random random)
      throws IOException {
    if (!Files.exists(devicesFile)) {
      throw new IllegalArgumentException("no devices file " + devicesFile
          + "; a node writes it into its data directory on its first start (see --devices)");
    }
    if (!Files.exists(cityFile)) {
      throw new IllegalArgumentException("no demo city plan " + cityFile + " (see --city)");
    }
    PatrolAreas areas = PatrolAreas.of(DemoCity.generate(readPlan(cityFile)));
    List<SimulatedDevice> fleet = new ArrayList<>();
    for (DeviceCredential device : DevicesCsv.read(devicesFile)) {
      if (fleet.size() == limit) {
        break;
      }
      Envelope beat = areas.of(device.officerCode());
      if (beat == null) {
        System.err.println("Skipping device " + device.uniqueId() + ": officer " + device.officerCode()
            + " has no community in the demo city of " + cityFile);
        continue;
      }
      fleet.add(new SimulatedDevice(device, new Walker(beat, random), random, startSecond));
    }
    if (fleet.isEmpty()) {
      throw new IllegalArgumentException(devicesFile + " lists no device of an officer of the demo city of "
          + cityFile);
    }
    return fleet;
  }

  @SuppressWarnings("unchecked")
  private static DemoCityPlan readPlan(Path cityFile) throws IOException {
    return DemoCityPlan.fromMap(new ObjectMapper(new YAMLFactory()).readValue(cityFile.toFile(), Map.class));
  }
}
