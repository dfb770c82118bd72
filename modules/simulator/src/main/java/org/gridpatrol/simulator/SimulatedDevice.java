package org.gridpatrol.simulator;

import java.util.Random;

/**
 * A handheld carried by a walking officer: a clock that only moves forward (the server drops a fix with the same
 * time as the previous one), a sequence number for client ids and a slowly draining battery.
 */
final class SimulatedDevice {
  /** One percent of battery every ten minutes of patrol. */
  private static final double SECONDS_PER_BATTERY_PERCENT = 600;
  private static final int MIN_BATTERY = 5;

  private final DeviceCredential credential;
  private final Walker walker;
  private final Random random;
  private final long startSecond;
  private final double startBattery;
  private long lastSecond;
  private long sequence;

  /** @param startSecond the earliest fix time, epoch seconds */
  SimulatedDevice(DeviceCredential credential, Walker walker, Random random, long startSecond) {
    this.credential = credential;
    this.walker = walker;
    this.random = random;
    this.startSecond = startSecond;
    this.lastSecond = startSecond - 1;
    this.startBattery = 50 + 50 * random.nextDouble();
  }

  DeviceCredential credential() {
    return credential;
  }

  /** Time of the newest fix made so far (one second before the start if none). */
  long lastSecond() {
    return lastSecond;
  }

  /** The fix at the given time, or a second after the previous fix if that is later. */
  GpsFix fixAt(long epochSecond) {
    long time = Math.max(epochSecond, lastSecond + 1);
    walker.walk(time - lastSecond);
    lastSecond = time;
    sequence++;
    int battery = (int) Math.max(MIN_BATTERY, startBattery - (time - startSecond) / SECONDS_PER_BATTERY_PERCENT);
    double accuracy = 3 + 12 * random.nextDouble();
    return new GpsFix(sequence, time, walker.lat(), walker.lon(), accuracy, walker.speed(), walker.heading(),
        battery);
  }

  /** The fix one second after the previous one: how the load generator runs the clock faster than real time. */
  GpsFix nextFix() {
    return fixAt(lastSecond + 1);
  }
}
