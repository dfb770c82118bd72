package org.gridpatrol.simulator;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import picocli.CommandLine.Option;

/** The options of the commands that talk to a node's PostgreSQL directly. */
final class DatabaseOptions {
  @Option(names = "--db-url", defaultValue = "jdbc:postgresql://127.0.0.1:5433/gridpatrol",
      description = "JDBC URL of the node's database (default: ${DEFAULT-VALUE}).")
  String url;

  @Option(names = "--db-user", defaultValue = "postgres", description = "Database user (default: ${DEFAULT-VALUE}).")
  String user;

  @Option(names = "--db-password", defaultValue = "", description = "Database password (default: none).")
  String password;

  Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, password);
  }
}
