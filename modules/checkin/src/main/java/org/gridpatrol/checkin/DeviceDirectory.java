package org.gridpatrol.checkin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.gridpatrol.domain.access.Tokens;
import org.gridpatrol.domain.checkin.PreviousFix;
import org.gridpatrol.domain.directory.DeviceKind;
import org.gridpatrol.store.DeviceRecord;

/**
 * The registered devices of this node, looked up by OsmAnd unique id or by bearer token, and each device's
 * newest accepted fix for the jump and duplicate filters. Reloaded whole (and swapped atomically) when
 * devices change anywhere in the cluster.
 */
public final class DeviceDirectory {
  private record Snapshot(Map<String, DeviceRecord> byUniqueId, Map<String, DeviceRecord> byTokenHash) {}

  private volatile Snapshot snapshot = new Snapshot(Map.of(), Map.of());
  private final Map<Long, PreviousFix> lastFixes = new ConcurrentHashMap<>();

  public void replaceAll(List<DeviceRecord> devices) {
    Map<String, DeviceRecord> byUniqueId = new HashMap<>();
    Map<String, DeviceRecord> byToken = new HashMap<>();
    for (DeviceRecord device : devices) {
      byUniqueId.put(device.uniqueId(), device);
      if (device.tokenSha256() != null) {
        byToken.put(HexFormat.of().formatHex(device.tokenSha256()), device);
      }
      if (device.lastFix() != null) {
        rememberFix(device.id(), device.lastFix());
      }
    }
    snapshot = new Snapshot(Map.copyOf(byUniqueId), Map.copyOf(byToken));
  }

  public DeviceRecord byUniqueId(String uniqueId) {
    return snapshot.byUniqueId().get(uniqueId);
  }

  /**
   * The device an OsmAnd request may check in as: an active device other than a web handheld (those check in
   * only with their officer's login) whose key is the one given; without {@code requireKey} a missing key is
   * let through for legacy devices, a wrong one never. Null otherwise, so that a wrong key is told apart from
   * an unknown device by nobody.
   */
  public DeviceRecord forOsmAnd(String uniqueId, String key, boolean requireKey) {
    DeviceRecord device = byUniqueId(uniqueId);
    if (device == null || device.kind() == DeviceKind.WEB_HANDHELD) {
      return null;
    }
    if (key == null) {
      return requireKey ? null : device;
    }
    boolean matches = device.osmandKey() != null && MessageDigest.isEqual(
        device.osmandKey().getBytes(StandardCharsets.UTF_8), key.getBytes(StandardCharsets.UTF_8));
    return matches ? device : null;
  }

  public DeviceRecord byToken(String token) {
    return snapshot.byTokenHash().get(HexFormat.of().formatHex(sha256(token)));
  }

  public int size() {
    return snapshot.byUniqueId().size();
  }

  public PreviousFix lastFix(long deviceId) {
    return lastFixes.get(deviceId);
  }

  /** Keeps the newer of the known and the given fix, so late uploads never move a device backwards. */
  public void rememberFix(long deviceId, PreviousFix fix) {
    lastFixes.merge(deviceId, fix, (known, given) -> given.fixTime().isAfter(known.fixTime()) ? given : known);
  }

  /** A new OsmAnd key: 128 random bits, URL-safe (it goes into the server URL's path). */
  public static String newOsmAndKey() {
    return Tokens.random(16);
  }

  /** A new JSON API token (shown once; the directory keeps only its hash). */
  public static String newToken() {
    return Tokens.random(24);
  }

  public static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
    }
  }
}
