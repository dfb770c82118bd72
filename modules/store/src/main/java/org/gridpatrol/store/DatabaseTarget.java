package org.gridpatrol.store;

import io.vertx.pgclient.PgConnectOptions;

/**
 * Where the PostgreSQL system of record lives. Built from a {@code postgresql://user:pass@host:port/db} URI
 * (the {@code PATROL_DB_URL} setting) or from the embedded server.
 */
public record DatabaseTarget(String host, int port, String database, String user, String password) {

  public static DatabaseTarget fromUri(String uri) {
    PgConnectOptions options = PgConnectOptions.fromUri(uri);
    return new DatabaseTarget(options.getHost(), options.getPort(), options.getDatabase(), options.getUser(),
        options.getPassword());
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  public PgConnectOptions connectOptions() {
    return new PgConnectOptions()
        .setHost(host)
        .setPort(port)
        .setDatabase(database)
        .setUser(user)
        .setPassword(password)
        .setCachePreparedStatements(true);
  }

  /** For logs: everything but the password. */
  @Override
  public String toString() {
    return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
  }
}
