package org.gridpatrol.store;

import static org.gridpatrol.store.SqlTime.instant;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gridpatrol.domain.checkin.PreviousFix;
import org.gridpatrol.domain.directory.Device;
import org.gridpatrol.domain.directory.DeviceKind;

/**
 * The devices: enrolment with a key and a token, moves to another officer, key and token rotation, retirement.
 * Every change is kept as a version in directory_history. Positions keep the officer of the time they were
 * taken, so moving a device changes nothing of its past.
 */
public final class DeviceRepository {
  private final Pool pool;

  public DeviceRepository(Pool pool) {
    this.pool = pool;
  }

  /** Every active device, for the check-in path. */
  public Future<List<DeviceRecord>> activeDevices() {
    return pool.query("""
            SELECT d.id, d.unique_id, d.kind, d.officer_id, o.code, d.token_sha256, d.osmand_key,
                   s.fix_time, s.lat, s.lon
            FROM devices d
            LEFT JOIN officers o ON o.id = d.officer_id
            LEFT JOIN device_state s ON s.device_id = d.id
            WHERE d.disabled_at IS NULL""")
        .execute()
        .map(rows -> {
          List<DeviceRecord> devices = new ArrayList<>(rows.size());
          for (Row row : rows) {
            Buffer token = row.getBuffer(5);
            PreviousFix lastFix = row.getOffsetDateTime(7) == null ? null
                : new PreviousFix(row.getOffsetDateTime(7).toInstant(), row.getDouble(8), row.getDouble(9));
            devices.add(new DeviceRecord(row.getLong(0), row.getString(1), kind(row.getString(2)), row.getLong(3),
                row.getString(4), token == null ? null : token.getBytes(), row.getString(6), lastFix));
          }
          return devices;
        });
  }

  /**
   * A value that changes whenever any device is enrolled or changed (every change draws a new, higher version),
   * so a node can tell cheaply that its copy is stale even when it missed the cluster's message.
   */
  public Future<String> fingerprint() {
    return pool.query("SELECT count(*), coalesce(sum(version), 0) FROM devices").execute()
        .map(rows -> {
          Row row = rows.iterator().next();
          return row.getLong(0) + ":" + row.getNumeric(1);
        });
  }

  public Future<Boolean> isEmpty() {
    return pool.query("SELECT NOT EXISTS (SELECT 1 FROM devices)").execute()
        .map(rows -> rows.iterator().next().getBoolean(0));
  }

  /** A device as the directory shows it; key is the OsmAnd key (null for web handhelds). */
  public record DeviceRow(String uniqueId, DeviceKind kind, String officerCode, String officerName, String osmandKey,
                          boolean hasToken, Instant enrolledAt, Instant retiredAt, Instant lastSeen, Float battery,
                          Instant fixTime, Double lat, Double lon, String cellCode) {}

  /** What a device list is filtered by; null fields do not filter. */
  public record DeviceQuery(String officerCode, String teamCode, DeviceKind kind, Boolean retired, String text,
                            List<String> areas, int offset, int limit) {}

  private static final String DEVICE_COLUMNS = """
      SELECT d.unique_id, d.kind, o.code, o.name, d.osmand_key, d.token_sha256 IS NOT NULL, d.registered_at,
             d.disabled_at, s.last_received_at, s.battery, s.fix_time, s.lat, s.lon, c.code, count(*) OVER ()
      FROM devices d
      LEFT JOIN officers o ON o.id = d.officer_id
      LEFT JOIN teams t ON t.id = o.team_id
      LEFT JOIN device_state s ON s.device_id = d.id
      LEFT JOIN cells c ON c.id = s.cell_id
      """;

  /** A page of devices in unique-id order, and how many match in all. */
  public Future<Page<DeviceRow>> list(DeviceQuery query) {
    return pool.preparedQuery(DEVICE_COLUMNS + """
            WHERE ($1::text IS NULL OR o.code = $1)
              AND ($2::text IS NULL OR d.kind = $2)
              AND ($3::boolean IS NULL OR (d.disabled_at IS NOT NULL) = $3)
              AND ($4::text IS NULL OR d.unique_id ILIKE '%' || $4 || '%' OR o.code ILIKE '%' || $4 || '%'
                   OR o.name ILIKE '%' || $4 || '%')
              AND ($5::text[] IS NULL OR o.id IS NOT NULL AND """ + Areas.condition("coalesce(o.community_code, t.street_code)", 5) + """
              )
              AND ($8::text IS NULL OR t.code = $8)
            ORDER BY d.unique_id OFFSET $6 LIMIT $7""")
        .execute(Tuple.tuple().addValue(query.officerCode())
            .addValue(query.kind() == null ? null : query.kind().wireName())
            .addValue(query.retired()).addValue(query.text()).addValue(Areas.parameter(query.areas()))
            .addValue(query.offset()).addValue(query.limit()).addValue(query.teamCode()))
        .map(rows -> Page.of(rows, 14, DeviceRepository::deviceRow));
  }

  public Future<Optional<DeviceRow>> byUniqueId(String uniqueId) {
    return pool.preparedQuery(DEVICE_COLUMNS + "WHERE d.unique_id = $1").execute(Tuple.of(uniqueId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(deviceRow(rows.iterator().next())));
  }

  private static DeviceRow deviceRow(Row r) {
    return new DeviceRow(r.getString(0), kind(r.getString(1)), r.getString(2), r.getString(3), r.getString(4),
        r.getBoolean(5), instant(r.getOffsetDateTime(6)), instant(r.getOffsetDateTime(7)),
        instant(r.getOffsetDateTime(8)), r.getFloat(9), instant(r.getOffsetDateTime(10)), r.getDouble(11),
        r.getDouble(12), r.getString(13));
  }

  public enum Outcome { DONE, NOT_FOUND, DUPLICATE, UNKNOWN_OFFICER, RETIRED }

  /**
   * Enrols a device with its OsmAnd key (null for a web handheld) and the hash of its JSON API token (null:
   * none), assigned to an officer or none.
   */
  public Future<Outcome> enrol(Device device, String osmandKey, byte[] tokenSha256, Instant at, String by) {
    return pool.withTransaction(connection -> officerId(connection, device.officerCode()).compose(officer -> {
      if (!officer.known()) {
        return Future.succeededFuture(Outcome.UNKNOWN_OFFICER);
      }
      return connection.preparedQuery("""
              INSERT INTO devices (unique_id, kind, officer_id, token_sha256, osmand_key, registered_at)
              VALUES ($1, $2, $3, $4, $5, $6)
              ON CONFLICT (unique_id) DO NOTHING
              RETURNING *""")
          .execute(Tuple.tuple().addValue(device.uniqueId()).addValue(device.kind().wireName())
              .addValue(officer.id())
              .addValue(tokenSha256 == null ? null : Buffer.buffer(tokenSha256)).addValue(osmandKey)
              .addValue(SqlTime.utc(at)))
          .compose(rows -> rows.size() == 0 ? Future.succeededFuture(Outcome.DUPLICATE)
              : remember(connection, device.uniqueId(), at, by, "enrol").map(Outcome.DONE));
    }));
  }

  /** Assigns an active device to another officer (or none) and changes its kind. */
  public Future<Outcome> change(String uniqueId, DeviceKind kind, String officerCode, Instant at, String by) {
    return update(uniqueId, at, by, "change", connection -> officerId(connection, officerCode)
        .compose(officer -> !officer.known() ? Future.succeededFuture(null)
            : connection.preparedQuery("""
                    UPDATE devices SET kind = $2, officer_id = $3 WHERE unique_id = $1 AND disabled_at IS NULL
                    RETURNING id""")
                .execute(Tuple.tuple().addValue(uniqueId).addValue(kind.wireName()).addValue(officer.id()))),
        Outcome.UNKNOWN_OFFICER);
  }

  /** Gives an active device a new OsmAnd key; the old one stops working. */
  public Future<Outcome> rotateKey(String uniqueId, String osmandKey, Instant at, String by) {
    return update(uniqueId, at, by, "rotate_key", connection -> connection.preparedQuery(
            "UPDATE devices SET osmand_key = $2 WHERE unique_id = $1 AND disabled_at IS NULL RETURNING id")
        .execute(Tuple.of(uniqueId, osmandKey)), Outcome.NOT_FOUND);
  }

  /** Gives an active device a new JSON API token (its hash); the old one stops working. */
  public Future<Outcome> rotateToken(String uniqueId, byte[] tokenSha256, Instant at, String by) {
    return update(uniqueId, at, by, "rotate_token", connection -> connection.preparedQuery(
            "UPDATE devices SET token_sha256 = $2 WHERE unique_id = $1 AND disabled_at IS NULL RETURNING id")
        .execute(Tuple.of(uniqueId, Buffer.buffer(tokenSha256))), Outcome.NOT_FOUND);
  }

  /** Retires a device: it can no longer check in; it stays, with its positions, for the history. */
  public Future<Outcome> retire(String uniqueId, Instant at, String by) {
    return update(uniqueId, at, by, "retire", connection -> connection.preparedQuery(
            "UPDATE devices SET disabled_at = $2 WHERE unique_id = $1 AND disabled_at IS NULL RETURNING id")
        .execute(Tuple.of(uniqueId, SqlTime.utc(at))), Outcome.NOT_FOUND);
  }

  private interface Change {
    /** The rows changed, or null when a reference was unknown. */
    Future<RowSet<Row>> apply(SqlConnection connection);
  }

  private Future<Outcome> update(String uniqueId, Instant at, String by, String action, Change change,
                                 Outcome whenUnknown) {
    return pool.withTransaction(connection -> change.apply(connection).compose(rows -> {
      if (rows == null) {
        return Future.succeededFuture(whenUnknown);
      }
      if (rows.size() == 1) {
        return remember(connection, uniqueId, at, by, action).map(Outcome.DONE);
      }
      return connection.preparedQuery("SELECT disabled_at IS NOT NULL FROM devices WHERE unique_id = $1")
          .execute(Tuple.of(uniqueId))
          .map(found -> found.size() == 0 ? Outcome.NOT_FOUND : Outcome.RETIRED);
    }));
  }

  /** Keeps the device as it is now (without its key and token) as a version in the history. */
  private static Future<Void> remember(SqlConnection connection, String uniqueId, Instant at, String by,
                                       String action) {
    return connection.preparedQuery("""
            INSERT INTO directory_history (kind, code, changed_at, changed_by, action, record)
            SELECT 'device', d.unique_id, $2, $3, $4,
                   jsonb_build_object('uniqueId', d.unique_id, 'kind', d.kind, 'officer', o.code,
                                      'retired', d.disabled_at IS NOT NULL)
            FROM devices d LEFT JOIN officers o ON o.id = d.officer_id WHERE d.unique_id = $1""")
        .execute(Tuple.of(uniqueId, SqlTime.utc(at), by, action)).mapEmpty();
  }

  /** An officer named by code: known (id null when none was named), or not (no such officer still serving). */
  private record OfficerReference(boolean known, Long id) {}

  private static Future<OfficerReference> officerId(SqlConnection connection, String officerCode) {
    if (officerCode == null) {
      return Future.succeededFuture(new OfficerReference(true, null));
    }
    return connection.preparedQuery("SELECT id FROM officers WHERE code = $1 AND status <> 'left'")
        .execute(Tuple.of(officerCode))
        .map(rows -> rows.size() == 0 ? new OfficerReference(false, null)
            : new OfficerReference(true, rows.iterator().next().getLong(0)));
  }

  private static DeviceKind kind(String wireName) {
    return DeviceKind.parse(wireName).orElseThrow();
  }
}
