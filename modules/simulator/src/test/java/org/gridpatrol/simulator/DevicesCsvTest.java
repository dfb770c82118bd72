package org.gridpatrol.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevicesCsvTest {

  @Test
  void readsTheFileTheNodeWrites(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("demo-devices.csv");
    Files.writeString(file, "unique_id,officer,token,osmand_key\n100001,P0001,abc-_1,k1\n100002,P0002,def,k2\n");
    assertEquals(List.of(new DeviceCredential("100001", "P0001", "abc-_1", "k1"),
        new DeviceCredential("100002", "P0002", "def", "k2")), DevicesCsv.read(file));
  }

  @Test
  void findsColumnsByNameAndSkipsBlankLines() {
    List<DeviceCredential> devices = DevicesCsv.parse(List.of("token, unique_id ,officer", "", "t1,100007,P0007", " "));
    assertEquals(List.of(new DeviceCredential("100007", "P0007", "t1", null)), devices);
  }

  @Test
  void rejectsAMissingColumn() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DevicesCsv.parse(List.of("unique_id,officer", "100001,P0001")));
    assertTrue(e.getMessage().contains("token"), e.getMessage());
  }

  @Test
  void namesTheLineWithTheWrongNumberOfFields() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DevicesCsv.parse(List.of("unique_id,officer,token", "100001,P0001,t", "100002,P0002")));
    assertTrue(e.getMessage().startsWith("line 3"), e.getMessage());
  }

  @Test
  void rejectsADeviceWithoutToken() {
    assertThrows(IllegalArgumentException.class,
        () -> DevicesCsv.parse(List.of("unique_id,officer,token", "100001,P0001,")));
  }

  @Test
  void rejectsAnEmptyFile() {
    assertThrows(IllegalArgumentException.class, () -> DevicesCsv.parse(List.of()));
  }
}
