package org.gridpatrol.store;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gridpatrol.domain.checkin.PreviousFix;
import org.gridpatrol.domain.grid.Device;
import org.gridpatrol.domain.grid.Officer;
import org.gridpatrol.domain.grid.Team;

/** Teams, officers and devices. */
public final class DirectoryRepository {
  private final Pool pool;

  public DirectoryRepository(Pool pool) {
    this.pool = pool;
  }

  public Future<List<DeviceRecord>> activeDevices() {
    return pool.query("""
            SELECT d.id, d.unique_id, d.officer_id, o.code, d.token_sha256, s.fix_time, s.lat, s.lon
            FROM devices d
            LEFT JOIN officers o ON o.id = d.officer_id
            LEFT JOIN device_state s ON s.device_id = d.id
            WHERE d.disabled_at IS NULL""")
        .execute()
        .map(rows -> {
          List<DeviceRecord> devices = new ArrayList<>(rows.size());
          for (Row row : rows) {
            Buffer token = row.getBuffer(4);
            PreviousFix lastFix = row.getOffsetDateTime(5) == null ? null
                : new PreviousFix(row.getOffsetDateTime(5).toInstant(), row.getDouble(6), row.getDouble(7));
            devices.add(new DeviceRecord(row.getLong(0), row.getString(1), row.getLong(2), row.getString(3),
                token == null ? null : token.getBytes(), lastFix));
          }
          return devices;
        });
  }

  public Future<Boolean> isEmpty() {
    return pool.query("SELECT NOT EXISTS (SELECT 1 FROM devices)").execute()
        .map(rows -> rows.iterator().next().getBoolean(0));
  }

  /**
   * Stores teams, officers and devices in one transaction (created, or updated by code and unique id), with
   * the given token hash per device unique id.
   */
  public Future<Void> saveDirectory(List<Team> teams, List<Officer> officers, List<Device> devices,
                                    Map<String, byte[]> tokenHashByUniqueId) {
    return pool.withTransaction(connection -> saveTeams(connection, teams)
        .compose(v -> saveOfficers(connection, officers))
        .compose(v -> saveDevices(connection, devices, tokenHashByUniqueId)));
  }

  private static Future<Void> saveTeams(SqlConnection connection, List<Team> teams) {
    List<Tuple> batch = teams.stream()
        .map(t -> Tuple.of(t.code(), t.name(), t.streetCode()))
        .toList();
    return connection.preparedQuery("""
            INSERT INTO teams (code, name, street_code) VALUES ($1, $2, $3)
            ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, street_code = EXCLUDED.street_code""")
        .executeBatch(batch).mapEmpty();
  }

  private static Future<Void> saveOfficers(SqlConnection connection, List<Officer> officers) {
    List<Tuple> batch = officers.stream()
        .map(o -> Tuple.of(o.code(), o.name(), o.teamCode(), o.communityCode()))
        .toList();
    return connection.preparedQuery("""
            INSERT INTO officers (code, name, team_id, community_code)
            VALUES ($1, $2, (SELECT id FROM teams WHERE code = $3), $4)
            ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, team_id = EXCLUDED.team_id,
                                             community_code = EXCLUDED.community_code""")
        .executeBatch(batch).mapEmpty();
  }

  private static Future<Void> saveDevices(SqlConnection connection, List<Device> devices,
                                         Map<String, byte[]> tokens) {
    List<Tuple> batch = devices.stream()
        .map(d -> Tuple.of(d.uniqueId(), d.officerCode(), Buffer.buffer(tokens.get(d.uniqueId()))))
        .toList();
    return connection.preparedQuery("""
            INSERT INTO devices (unique_id, officer_id, token_sha256)
            VALUES ($1, (SELECT id FROM officers WHERE code = $2), $3)
            ON CONFLICT (unique_id) DO UPDATE SET officer_id = EXCLUDED.officer_id,
                                                  token_sha256 = EXCLUDED.token_sha256""")
        .executeBatch(batch).mapEmpty();
  }

  public enum Registration { REGISTERED, UNKNOWN_OFFICER, DUPLICATE_DEVICE }

  /** Registers a device for an officer (or none) with the hash of its token (none: it checks in otherwise). */
  public Future<Registration> registerDevice(String uniqueId, String officerCode, byte[] tokenSha256) {
    return pool.preparedQuery("""
            WITH officer AS (SELECT id FROM officers WHERE code = $2)
            INSERT INTO devices (unique_id, officer_id, token_sha256)
            SELECT $1, (SELECT id FROM officer), $3
            WHERE $2::text IS NULL OR EXISTS (SELECT 1 FROM officer)
            ON CONFLICT (unique_id) DO NOTHING
            RETURNING id""")
        .execute(Tuple.tuple().addValue(uniqueId).addValue(officerCode)
            .addValue(tokenSha256 == null ? null : Buffer.buffer(tokenSha256)))
        .compose(rows -> {
          if (rows.size() == 1) {
            return Future.succeededFuture(Registration.REGISTERED);
          }
          return pool.preparedQuery("SELECT 1 FROM devices WHERE unique_id = $1").execute(Tuple.of(uniqueId))
              .map(existing -> existing.size() > 0 ? Registration.DUPLICATE_DEVICE : Registration.UNKNOWN_OFFICER);
        });
  }

  /** Disables a device so that it can no longer check in; true if it was active. */
  public Future<Boolean> disableDevice(String uniqueId) {
    return pool.preparedQuery("UPDATE devices SET disabled_at = now() WHERE unique_id = $1 AND disabled_at IS NULL")
        .execute(Tuple.of(uniqueId))
        .map(rows -> rows.rowCount() == 1);
  }
}
