package org.gridpatrol.store;

import org.flywaydb.core.Flyway;

/** Brings the schema up to date with Flyway; every node runs it at start, Flyway's lock makes that safe. */
public final class Migrations {
  private Migrations() {}

  public static int migrate(DatabaseTarget target) {
    return Flyway.configure()
        .dataSource(target.jdbcUrl(), target.user(), target.password())
        .locations("classpath:db/migration")
        .load()
        .migrate()
        .migrationsExecuted;
  }
}
