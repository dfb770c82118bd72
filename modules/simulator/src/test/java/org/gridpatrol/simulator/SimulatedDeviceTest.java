package org.gridpatrol.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SimulatedDeviceTest {
  private static final DeviceCredential CREDENTIAL = new DeviceCredential("100001", "P0001", "secret", "key1");
  private static final long START = 1_700_000_000L;

  private static SimulatedDevice device(long seed) {
    Random random = new Random(seed);
    return new SimulatedDevice(CREDENTIAL, new Walker(WalkerTest.BEAT, random), random, START);
  }

  @Test
  void fixTimesOnlyMoveForwardEvenIfTheClockDoesNot() {
    SimulatedDevice device = device(1);
    assertEquals(START, device.fixAt(START).epochSecond());
    assertEquals(START + 1, device.fixAt(START).epochSecond());
    assertEquals(START + 2, device.fixAt(START - 60).epochSecond());
    assertEquals(START + 10, device.fixAt(START + 10).epochSecond());
    assertEquals(START + 10, device.lastSecond());
  }

  @Test
  void theFastClockStepsOneSecondAndCountsTheSequence() {
    SimulatedDevice device = device(2);
    for (int i = 1; i <= 1_000; i++) {
      GpsFix fix = device.nextFix();
      assertEquals(START + i - 1, fix.epochSecond());
      assertEquals(i, fix.sequence());
    }
  }

  @Test
  void fixesPassTheServersFilters() {
    SimulatedDevice device = device(3);
    GpsFix previous = device.nextFix();
    for (int i = 0; i < 20_000; i++) {
      GpsFix fix = device.nextFix();
      double seconds = fix.epochSecond() - previous.epochSecond();
      double speed = Geo.metres(previous.lat(), previous.lon(), fix.lat(), fix.lon()) / seconds;
      assertTrue(speed < 2, "implied speed " + speed + " m/s");
      assertTrue(fix.speed() < 2);
      assertTrue(fix.accuracy() > 0 && fix.accuracy() <= 15);
      assertTrue(fix.battery() <= previous.battery() && fix.battery() >= 5 && fix.battery() <= 100);
      previous = fix;
    }
  }

  @Test
  void theBatteryDrainsOverHours() {
    SimulatedDevice device = device(4);
    int first = device.nextFix().battery();
    int after = device.fixAt(START + 6 * 3600).battery();
    assertTrue(after <= first - 30 || after == 5, first + " -> " + after);
  }
}
