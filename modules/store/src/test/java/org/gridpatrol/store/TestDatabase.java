package org.gridpatrol.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A real, durable embedded PostgreSQL with the schema migrated, and pools on it, for one test class. */
final class TestDatabase implements AutoCloseable {
  private final EmbeddedDatabase database;
  private final Vertx vertx = Vertx.vertx();

  TestDatabase(Path dataDir) {
    database = EmbeddedDatabase.start(dataDir.resolve("pg"), 0);
    Migrations.migrate(database.target());
  }

  /** A new pool, as a node has one; several stand for several nodes. */
  Pool pool() {
    return PgBuilder.pool().with(new PoolOptions().setMaxSize(4)).connectingTo(database.target().connectOptions())
        .using(vertx).build();
  }

  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    await(vertx.close());
    database.close();
  }
}
