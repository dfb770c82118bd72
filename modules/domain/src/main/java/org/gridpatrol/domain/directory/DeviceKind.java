package org.gridpatrol.domain.directory;

import java.util.Locale;
import java.util.Optional;

/**
 * What a device is. A web handheld is the handheld page of an officer's login (made at their first login);
 * it checks in only with that login, never on the OsmAnd port.
 */
public enum DeviceKind {
  HANDHELD,
  WEB_HANDHELD,
  VEHICLE;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<DeviceKind> parse(String text) {
    for (DeviceKind kind : values()) {
      if (kind.wireName().equals(text)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
