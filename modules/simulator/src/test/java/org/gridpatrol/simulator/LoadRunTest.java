package org.gridpatrol.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LoadRunTest {

  private static List<SimulatedDevice> devices(int count) {
    Random random = new Random(1);
    List<SimulatedDevice> devices = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      devices.add(new SimulatedDevice(new DeviceCredential(Integer.toString(100001 + i), "P" + i, "t" + i, "k" + i),
          new Walker(WalkerTest.BEAT, random), random, 1_700_000_000L));
    }
    return devices;
  }

  @Test
  void eachDeviceBelongsToExactlyOneConnectionWhenThereAreEnoughDevices() {
    List<SimulatedDevice> devices = devices(64);
    Set<SimulatedDevice> seen = new HashSet<>();
    for (int worker = 0; worker < 32; worker++) {
      List<SimulatedDevice> own = LoadRun.devicesOf(worker, 32, devices);
      assertEquals(2, own.size());
      own.forEach(device -> assertEquals(true, seen.add(device), "a device is driven by two connections"));
    }
    assertEquals(64, seen.size());
  }

  @Test
  void connectionsShareDevicesWhenThereAreFewerDevices() {
    List<SimulatedDevice> devices = devices(10);
    Set<SimulatedDevice> used = new HashSet<>();
    for (int worker = 0; worker < 64; worker++) {
      List<SimulatedDevice> own = LoadRun.devicesOf(worker, 64, devices);
      assertEquals(1, own.size());
      used.addAll(own);
    }
    assertEquals(10, used.size());
  }
}
