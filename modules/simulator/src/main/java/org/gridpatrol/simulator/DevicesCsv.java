package org.gridpatrol.simulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the devices file the node writes on its first start ({@code demo-devices.csv}): a header
 * {@code unique_id,officer,token,osmand_key} and one device a line. Columns are found by name, so their order may
 * change; osmand_key may be missing (a file written before devices had keys).
 */
final class DevicesCsv {

  private DevicesCsv() {}

  static List<DeviceCredential> read(Path file) throws IOException {
    return parse(Files.readAllLines(file));
  }

  /** @throws IllegalArgumentException naming the line when the file is not such a table */
  static List<DeviceCredential> parse(List<String> lines) {
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("the devices file is empty; expected the header unique_id,officer,token");
    }
    List<String> header = Arrays.stream(lines.get(0).split(",", -1)).map(String::trim).toList();
    int uniqueId = column(header, "unique_id");
    int officer = column(header, "officer");
    int token = column(header, "token");
    int key = header.indexOf("osmand_key");
    List<DeviceCredential> devices = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      String[] fields = line.split(",", -1);
      if (fields.length != header.size()) {
        throw new IllegalArgumentException("line " + (i + 1) + " has " + fields.length + " fields, the header "
            + header.size());
      }
      DeviceCredential device = new DeviceCredential(fields[uniqueId].trim(), fields[officer].trim(),
          fields[token].trim(), key < 0 || fields[key].isBlank() ? null : fields[key].trim());
      if (device.uniqueId().isEmpty() || device.token().isEmpty()) {
        throw new IllegalArgumentException("line " + (i + 1) + " lacks a unique_id or token");
      }
      devices.add(device);
    }
    return devices;
  }

  private static int column(List<String> header, String name) {
    int index = header.indexOf(name);
    if (index < 0) {
      throw new IllegalArgumentException("the devices file has no column " + name + " (header: "
          + String.join(",", header) + ")");
    }
    return index;
  }
}
