package org.gridpatrol.store;

import static org.gridpatrol.store.SqlTime.instant;
import static org.gridpatrol.store.SqlTime.utc;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** User accounts, their failed logins, and their sessions. */
public final class UserRepository {
  private static final String USER_COLUMNS = """
      u.id, u.username, u.display_name, u.role, u.areas, o.code, t.code, u.department, u.password_hash,
      u.failed_logins, u.locked_until, u.created_at, u.updated_at, u.disabled_at, u.password_change_required""";
  private static final String USER_JOINS = """
      FROM users u LEFT JOIN officers o ON o.id = u.officer_id LEFT JOIN teams t ON t.id = u.team_id""";

  private final Pool pool;

  public UserRepository(Pool pool) {
    this.pool = pool;
  }

  /** An account as stored; officer and team are directory codes. */
  public record UserRecord(long id, String username, String displayName, String role, List<String> areas,
                           String officer, String team, String department, String passwordHash, int failedLogins,
                           Instant lockedUntil, Instant createdAt, Instant updatedAt, Instant disabledAt,
                           boolean passwordChangeRequired) {}

  /** What an account is made of or changed to; officer and team are directory codes (checked by the caller) or null. */
  public record UserFields(String displayName, String role, List<String> areas, String officer, String team,
                           String department, String passwordHash) {}

  /** A session that is still good, with its account. */
  public record SessionRecord(UserRecord user, Instant expiresAt) {}

  /** Completes with the new account, or empty if the user name is taken. */
  public Future<Optional<UserRecord>> create(String username, UserFields fields, Instant now) {
    return pool.preparedQuery("""
            INSERT INTO users (username, display_name, role, areas, officer_id, team_id, department, password_hash,
                               created_at, updated_at)
            VALUES ($1, $2, $3, $4, (SELECT id FROM officers WHERE code = $5), (SELECT id FROM teams WHERE code = $6),
                    $7, $8, $9, $9)
            ON CONFLICT (username) DO NOTHING
            RETURNING id""")
        .execute(Tuple.tuple().addValue(username).addValue(fields.displayName()).addValue(fields.role())
            .addValue(fields.areas().toArray(new String[0])).addValue(fields.officer()).addValue(fields.team())
            .addValue(fields.department()).addValue(fields.passwordHash()).addValue(utc(now)))
        .compose(rows -> rows.size() == 0 ? Future.succeededFuture(Optional.empty()) : byUsername(username));
  }

  /**
   * Replaces an account's fields (a null password hash keeps the password; a new one ends a required change);
   * empty if there is no such account.
   */
  public Future<Optional<UserRecord>> update(String username, UserFields fields, Instant now) {
    return pool.preparedQuery("""
            UPDATE users SET display_name = $2, role = $3, areas = $4,
                             officer_id = (SELECT id FROM officers WHERE code = $5),
                             team_id = (SELECT id FROM teams WHERE code = $6), department = $7,
                             password_hash = coalesce($8, password_hash), updated_at = $9,
                             password_change_required = password_change_required AND $8::text IS NULL,
                             -- A new password is a fresh start: the lock-out of the old one ends.
                             failed_logins = CASE WHEN $8::text IS NULL THEN failed_logins ELSE 0 END,
                             locked_until = CASE WHEN $8::text IS NULL THEN locked_until END
            WHERE username = $1 RETURNING id""")
        .execute(Tuple.tuple().addValue(username).addValue(fields.displayName()).addValue(fields.role())
            .addValue(fields.areas().toArray(new String[0])).addValue(fields.officer()).addValue(fields.team())
            .addValue(fields.department()).addValue(fields.passwordHash()).addValue(utc(now)))
        .compose(rows -> rows.size() == 0 ? Future.succeededFuture(Optional.empty()) : byUsername(username));
  }

  /** The account may do nothing but change its password until it does (a password someone else chose). */
  public Future<Void> requirePasswordChange(String username) {
    return pool.preparedQuery("UPDATE users SET password_change_required = true WHERE username = $1")
        .execute(Tuple.of(username)).mapEmpty();
  }

  /**
   * Disables an account and ends its sessions, in one transaction; completes with the ended sessions' token
   * hashes (so caches can forget them), or empty if there is no such account.
   */
  public Future<Optional<List<byte[]>>> disable(String username, Instant now) {
    return pool.withTransaction(connection -> connection.preparedQuery("""
            UPDATE users SET disabled_at = coalesce(disabled_at, $2), updated_at = $2 WHERE username = $1 RETURNING id""")
        .execute(Tuple.of(username, utc(now)))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(Optional.<List<byte[]>>empty());
          }
          return connection.preparedQuery("""
                  UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL RETURNING token_sha256""")
              .execute(Tuple.of(rows.iterator().next().getLong(0), utc(now)))
              .map(ended -> Optional.of(hashes(ended)));
        }));
  }

  public Future<Optional<UserRecord>> byUsername(String username) {
    return pool.preparedQuery("SELECT " + USER_COLUMNS + " " + USER_JOINS + " WHERE u.username = $1")
        .execute(Tuple.of(username))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(user(rows.iterator().next(), 0)));
  }

  public Future<Long> count() {
    return pool.query("SELECT count(*) FROM users").execute().map(rows -> rows.iterator().next().getLong(0));
  }

  /** The community code of an officer of the directory, or null. */
  public Future<String> officerCommunity(String officerCode) {
    return pool.preparedQuery("SELECT community_code FROM officers WHERE code = $1")
        .execute(Tuple.of(officerCode))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0));
  }

  /** The street code of a team of the directory, or null. */
  public Future<String> teamStreet(String teamCode) {
    return pool.preparedQuery("SELECT street_code FROM teams WHERE code = $1")
        .execute(Tuple.of(teamCode))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0));
  }

  /** Accounts by user name, a page at a time. */
  public Future<List<UserRecord>> list(int offset, int limit) {
    return pool.preparedQuery("SELECT " + USER_COLUMNS + " " + USER_JOINS + " ORDER BY u.username OFFSET $1 LIMIT $2")
        .execute(Tuple.of(offset, limit))
        .map(rows -> {
          List<UserRecord> users = new ArrayList<>(rows.size());
          rows.forEach(row -> users.add(user(row, 0)));
          return users;
        });
  }

  /** Every account not disabled (for escalation to find people by role and area). */
  public Future<List<UserRecord>> active() {
    return pool.query("SELECT " + USER_COLUMNS + " " + USER_JOINS + " WHERE u.disabled_at IS NULL ORDER BY u.username")
        .execute()
        .map(rows -> {
          List<UserRecord> users = new ArrayList<>(rows.size());
          rows.forEach(row -> users.add(user(row, 0)));
          return users;
        });
  }

  /** Counts a wrong password; completes with the failures in a row, this one included. */
  public Future<Integer> countFailure(long userId) {
    return pool.preparedQuery("UPDATE users SET failed_logins = failed_logins + 1 WHERE id = $1 RETURNING failed_logins")
        .execute(Tuple.of(userId))
        .map(rows -> rows.iterator().next().getInteger(0));
  }

  public Future<Void> lock(long userId, Instant until) {
    return pool.preparedQuery("UPDATE users SET locked_until = $2 WHERE id = $1")
        .execute(Tuple.of(userId, utc(until))).mapEmpty();
  }

  /** A good login: the failure count starts again, and the session is stored. */
  public Future<Void> openSession(long userId, byte[] tokenSha256, Instant now, Instant expiresAt, String client) {
    return pool.withTransaction(connection -> connection.preparedQuery(
                "UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1")
            .execute(Tuple.of(userId))
            .compose(v -> connection.preparedQuery("""
                    INSERT INTO sessions (token_sha256, user_id, created_at, expires_at, client) VALUES ($1, $2, $3, $4, $5)""")
                .execute(Tuple.of(Buffer.buffer(tokenSha256), userId, utc(now), utc(expiresAt), client)))
            .mapEmpty());
  }

  /** The session with this token if it is neither expired nor revoked and its account is not disabled. */
  public Future<Optional<SessionRecord>> session(byte[] tokenSha256, Instant now) {
    return pool.preparedQuery("SELECT " + USER_COLUMNS + ", s.expires_at " + USER_JOINS + """
             JOIN sessions s ON s.user_id = u.id
            WHERE s.token_sha256 = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND u.disabled_at IS NULL""")
        .execute(Tuple.of(Buffer.buffer(tokenSha256), utc(now)))
        .map(rows -> {
          if (rows.size() == 0) {
            return Optional.empty();
          }
          Row row = rows.iterator().next();
          return Optional.of(new SessionRecord(user(row, 0), row.getOffsetDateTime(15).toInstant()));
        });
  }

  /** Ends one session (logout); false if it was not open. */
  public Future<Boolean> revoke(byte[] tokenSha256, Instant now) {
    return pool.preparedQuery("UPDATE sessions SET revoked_at = $2 WHERE token_sha256 = $1 AND revoked_at IS NULL")
        .execute(Tuple.of(Buffer.buffer(tokenSha256), utc(now)))
        .map(rows -> rows.rowCount() > 0);
  }

  /**
   * Ends every open session of an account but {@code except} (the hash of the one to keep, or null for none);
   * completes with the ended tokens' hashes, so caches can forget them.
   */
  public Future<List<byte[]>> revokeAll(String username, byte[] except, Instant now) {
    return pool.preparedQuery("""
            UPDATE sessions s SET revoked_at = $2 FROM users u
            WHERE u.id = s.user_id AND u.username = $1 AND s.revoked_at IS NULL
              AND ($3::bytea IS NULL OR s.token_sha256 <> $3) RETURNING s.token_sha256""")
        .execute(Tuple.tuple().addValue(username).addValue(utc(now))
            .addValue(except == null ? null : Buffer.buffer(except)))
        .map(UserRepository::hashes);
  }

  private static List<byte[]> hashes(RowSet<Row> rows) {
    List<byte[]> hashes = new ArrayList<>(rows.size());
    rows.forEach(row -> hashes.add(row.getBuffer(0).getBytes()));
    return hashes;
  }

  private static UserRecord user(Row row, int at) {
    String[] areas = row.getArrayOfStrings(at + 4);
    return new UserRecord(row.getLong(at), row.getString(at + 1), row.getString(at + 2), row.getString(at + 3),
        areas == null ? List.of() : Arrays.asList(areas), row.getString(at + 5), row.getString(at + 6),
        row.getString(at + 7), row.getString(at + 8), row.getInteger(at + 9), instant(row.getOffsetDateTime(at + 10)),
        instant(row.getOffsetDateTime(at + 11)), instant(row.getOffsetDateTime(at + 12)),
        instant(row.getOffsetDateTime(at + 13)), row.getBoolean(at + 14));
  }
}
