package org.gridpatrol.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run from the binaries on Maven Central, with its data kept in a directory across
 * restarts. It is started durable: the library's defaults turn fsync and synchronous_commit off, which would
 * lose acknowledged check-ins on a crash, so both are switched back on and checked after start.
 */
public final class EmbeddedDatabase implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
  public static final String DATABASE = "gridpatrol";
  private static final String USER = "postgres";

  private final EmbeddedPostgres server;
  private final DatabaseTarget target;

  private EmbeddedDatabase(EmbeddedPostgres server, DatabaseTarget target) {
    this.server = server;
    this.target = target;
  }

  /**
   * Starts (initialising on first use) the server whose data lives in {@code dataDirectory}.
   *
   * @param port the TCP port on loopback, or 0 for any free port
   */
  public static EmbeddedDatabase start(Path dataDirectory, int port) {
    try {
      Files.createDirectories(dataDirectory);
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
          .setDataDirectory(dataDirectory)
          .setCleanDataDirectory(false)
          .setPGStartupWait(Duration.ofSeconds(60))
          .setServerConfig("fsync", "on")
          .setServerConfig("synchronous_commit", "on")
          .setServerConfig("full_page_writes", "on")
          .setServerConfig("listen_addresses", "127.0.0.1")
          .setServerConfig("max_connections", "200")
          .setServerConfig("shared_buffers", "256MB")
          .setServerConfig("max_wal_size", "2GB")
          .setServerConfig("wal_compression", "on")
          .setServerConfig("commit_delay", "0");
      if (port > 0) {
        builder.setPort(port);
      }
      EmbeddedPostgres server = builder.start();
      createDatabaseIfMissing(server);
      verifyDurable(server);
      DatabaseTarget target = new DatabaseTarget("127.0.0.1", server.getPort(), DATABASE, USER, "");
      LOG.info("Embedded PostgreSQL running at {} with data in {}", target, dataDirectory.toAbsolutePath());
      return new EmbeddedDatabase(server, target);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start embedded PostgreSQL in " + dataDirectory, e);
    }
  }

  private static void createDatabaseIfMissing(EmbeddedPostgres server) throws IOException {
    try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
        if (rs.next()) {
          return;
        }
      }
      s.execute("CREATE DATABASE " + DATABASE);
    } catch (SQLException e) {
      throw new IOException("Could not create database " + DATABASE, e);
    }
  }

  private static void verifyDurable(EmbeddedPostgres server) throws IOException {
    try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      for (String setting : DurabilitySettings.SETTINGS) {
        try (ResultSet rs = s.executeQuery("SHOW " + setting)) {
          rs.next();
          if (!"on".equals(rs.getString(1))) {
            throw new IOException("Embedded PostgreSQL is not durable: " + setting + " = " + rs.getString(1));
          }
        }
      }
    } catch (SQLException e) {
      throw new IOException("Could not check durability settings", e);
    }
  }

  public DatabaseTarget target() {
    return target;
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
    }
  }
}
