package org.gridpatrol.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.gridpatrol.domain.access.Tokens;

/**
 * The admin token: the configured one (admin.token), or else the one kept in the data directory, made on the
 * first start and readable by its owner only. To rotate a kept token, delete the file and restart the node.
 */
final class AdminToken {
  static final String FILE = "admin-token";

  private AdminToken() {}

  static String resolve(String configured, Path dataDir) {
    if (!configured.isBlank()) {
      return configured;
    }
    Path file = dataDir.resolve(FILE);
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
