package org.gridpatrol.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.gridpatrol.domain.access.Tokens;

/**
 * The node's own tokens: the admin token (every right, for automation) and the metrics token (only
 * {@code /metrics}, for Prometheus). Each is the configured one, or else the one kept in the data directory,
 * made on the first start and readable by its owner only. To rotate a kept token, delete its file and restart
 * the node (every node of a cluster reads the same configuration or data directory).
 */
final class KeptTokens {
  static final String ADMIN_FILE = "admin-token";
  static final String METRICS_FILE = "metrics-token";

  private KeptTokens() {}

  static String resolve(String configured, Path dataDir, String fileName) {
    if (!configured.isBlank()) {
      return configured;
    }
    Path file = dataDir.resolve(fileName);
    try {
      if (Files.exists(file)) {
        return Files.readString(file).trim();
      }
      String token = Tokens.random(24);
      Files.createDirectories(dataDir);
      Files.writeString(file, token + "\n");
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      return token;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create " + file, e);
    }
  }
}
