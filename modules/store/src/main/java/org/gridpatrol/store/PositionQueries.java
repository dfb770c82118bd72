package org.gridpatrol.store;

import static org.gridpatrol.store.SqlTime.instant;
import static org.gridpatrol.store.SqlTime.utc;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Read side of positions: cell activity, officers' current state, tracks. */
public final class PositionQueries {
  private final Pool pool;

  public PositionQueries(Pool pool) {
    this.pool = pool;
  }

  /** The newest fix placed in a cell: when, and by which officer (null if the device had none). */
  public record LastVisit(long cellId, Instant at, String officerCode) {}

  /** The newest fix of one cell since {@code since}, if any. */
  public Future<Optional<LastVisit>> lastVisit(long cellId, Instant since) {
    return pool.preparedQuery("""
            SELECT p.fix_time, o.code FROM positions p LEFT JOIN officers o ON o.id = p.officer_id
            WHERE p.cell_id = $1 AND p.fix_time >= $2 ORDER BY p.fix_time DESC LIMIT 1""")
        .execute(Tuple.of(cellId, utc(since)))
        .map(rows -> {
          if (rows.size() == 0) {
            return Optional.empty();
          }
          Row row = rows.iterator().next();
          return Optional.of(new LastVisit(cellId, row.getOffsetDateTime(0).toInstant(), row.getString(1)));
        });
  }

  /**
   * The newest fix since {@code since} of every cell of a shard: what a node loads when it takes the shard.
   * One backwards index probe per cell and daily partition, so the cost follows the number of cells and days,
   * not the number of fixes.
   */
  public Future<List<LastVisit>> lastVisitsInShard(int shard, Instant since) {
    return pool.preparedQuery("""
            SELECT c.id, last.fix_time, o.code
            FROM cells c
            CROSS JOIN LATERAL (
                SELECT p.fix_time, p.officer_id FROM positions p
                WHERE p.cell_id = c.id AND p.fix_time >= $2 ORDER BY p.fix_time DESC LIMIT 1) last
            LEFT JOIN officers o ON o.id = last.officer_id
            WHERE c.shard = $1""")
        .execute(Tuple.of(shard, utc(since)))
        .map(rows -> {
          List<LastVisit> visits = new ArrayList<>(rows.size());
          for (Row row : rows) {
            visits.add(new LastVisit(row.getLong(0), row.getOffsetDateTime(1).toInstant(), row.getString(2)));
          }
          return visits;
        });
  }

  /** A run of one officer's fixes in a cell, or an explicit check-in there (start == end, explicit). */
  public record VisitRow(long cellId, String officerCode, Instant start, Instant end, boolean explicit) {}

  /**
   * The visits to the given cells in [from, to): runs of one officer's fixes in a cell with no gap longer than
   * {@code visitGap}, plus explicit cell check-ins counted for the cell they name. Computed from fix times, so
   * late uploads count where they belong.
   */
  public Future<List<VisitRow>> visits(List<Long> cellIds, Instant from, Instant to, Duration visitGap) {
    return pool.preparedQuery("""
            WITH fixes AS (
              SELECT cell_id, officer_id, fix_time,
                     CASE WHEN fix_time - lag(fix_time) OVER (PARTITION BY cell_id, officer_id ORDER BY fix_time)
                               <= make_interval(secs => $4) THEN 0 ELSE 1 END AS starts_run
              FROM positions
              WHERE cell_id = ANY($1) AND fix_time >= $2 AND fix_time < $3
            ), runs AS (
              SELECT cell_id, officer_id, fix_time,
                     sum(starts_run) OVER (PARTITION BY cell_id, officer_id ORDER BY fix_time) AS run
              FROM fixes
            )
            SELECT r.cell_id, o.code, min(r.fix_time), max(r.fix_time), false
            FROM runs r LEFT JOIN officers o ON o.id = r.officer_id
            GROUP BY r.cell_id, o.code, r.officer_id, r.run
            UNION ALL
            SELECT p.claimed_cell_id, o.code, p.fix_time, p.fix_time, true
            FROM positions p LEFT JOIN officers o ON o.id = p.officer_id
            WHERE p.claimed_cell_id = ANY($1) AND p.fix_time >= $2 AND p.fix_time < $3""")
        .execute(Tuple.of(cellIds.toArray(new Long[0]), utc(from), utc(to), (double) visitGap.toSeconds()))
        .map(rows -> {
          List<VisitRow> visits = new ArrayList<>(rows.size());
          for (Row r : rows) {
            visits.add(new VisitRow(r.getLong(0), r.getString(1), r.getOffsetDateTime(2).toInstant(),
                r.getOffsetDateTime(3).toInstant(), r.getBoolean(4)));
          }
          return visits;
        });
  }

  /**
   * When each of the given officers was last heard from: the newest upload of a device while it was theirs
   * (officers never heard from are absent). A device moved to another officer speaks for them from its next fix.
   */
  public Future<Map<Long, Instant>> lastReceived(List<Long> officerIds) {
    return pool.preparedQuery("""
            SELECT s.officer_id, max(s.last_received_at) FROM device_state s
            WHERE s.officer_id = ANY($1) GROUP BY s.officer_id""")
        .execute(Tuple.of(officerIds.toArray(new Long[0])))
        .map(rows -> {
          Map<Long, Instant> received = new HashMap<>(rows.size() * 2);
          rows.forEach(row -> received.put(row.getLong(0), row.getOffsetDateTime(1).toInstant()));
          return received;
        });
  }

  public record OfficerState(long id, String code, String name, String teamCode, String teamName,
                             String deviceUniqueId, Instant fixTime, Double lat, Double lon, Float speed,
                             Float heading, Float battery, String cellCode, Instant lastReceivedAt,
                             String place) {}

  /**
   * The officer and their newest fix (fields null when no fix yet): of the devices whose newest fix was theirs,
   * so a device moved to another officer does not take its past with it. place is where the officer belongs:
   * their home community, else their team's area.
   */
  public Future<Optional<OfficerState>> officer(String officerCode) {
    return pool.preparedQuery("""
            SELECT o.id, o.code, o.name, t.code, t.name, s.unique_id, s.fix_time, s.lat, s.lon, s.speed,
                   s.heading, s.battery, s.cell_code, s.last_received_at, coalesce(o.community_code, t.street_code)
            FROM officers o
            LEFT JOIN teams t ON t.id = o.team_id
            LEFT JOIN LATERAL (
                SELECT d.unique_id, ds.fix_time, ds.lat, ds.lon, ds.speed, ds.heading, ds.battery,
                       c.code AS cell_code,
                       max(ds.last_received_at) OVER () AS last_received_at
                FROM device_state ds
                JOIN devices d ON d.id = ds.device_id
                LEFT JOIN cells c ON c.id = ds.cell_id
                WHERE ds.officer_id = o.id
                ORDER BY ds.fix_time DESC LIMIT 1) s ON true
            WHERE o.code = $1""")
        .execute(Tuple.of(officerCode))
        .map(rows -> {
          if (rows.size() == 0) {
            return Optional.empty();
          }
          Row r = rows.iterator().next();
          return Optional.of(new OfficerState(r.getLong(0), r.getString(1), r.getString(2), r.getString(3),
              r.getString(4), r.getString(5), instant(r.getOffsetDateTime(6)), r.getDouble(7), r.getDouble(8),
              r.getFloat(9), r.getFloat(10), r.getFloat(11), r.getString(12), instant(r.getOffsetDateTime(13)), r.getString(14)));
        });
  }

  /** A fix of a track; the measurements are null when the device did not send them. */
  public record TrackPoint(Instant fixTime, double lat, double lon, Float accuracy, Float speed, Float heading,
                           Float altitude, Float battery, String cellCode, String deviceUniqueId) {}

  /** Fixes of one officer in [from, to) in fix-time order, at most {@code limit}. */
  public Future<List<TrackPoint>> track(long officerId, Instant from, Instant to, int limit) {
    return pool.preparedQuery("""
            SELECT p.fix_time, p.lat, p.lon, p.accuracy, p.speed, p.heading, p.altitude, p.battery, c.code,
                   d.unique_id
            FROM positions p
            LEFT JOIN cells c ON c.id = p.cell_id
            JOIN devices d ON d.id = p.device_id
            WHERE p.officer_id = $1 AND p.fix_time >= $2 AND p.fix_time < $3
            ORDER BY p.fix_time, p.device_id LIMIT $4""")
        .execute(Tuple.of(officerId, utc(from), utc(to), limit))
        .map(rows -> {
          List<TrackPoint> points = new ArrayList<>(rows.size());
          for (Row r : rows) {
            points.add(new TrackPoint(r.getOffsetDateTime(0).toInstant(), r.getDouble(1), r.getDouble(2),
                r.getFloat(3), r.getFloat(4), r.getFloat(5), r.getFloat(6), r.getFloat(7), r.getString(8),
                r.getString(9)));
          }
          return points;
        });
  }

  /** An officer's newest fix as the live map shows it; community is where the officer belongs. */
  public record LivePosition(String officer, String name, String team, String community, double lat, double lon,
                             Double heading, Instant fixTime, Instant lastReceivedAt, String cell) {}

  /**
   * The newest fix of every officer whose handheld reported since {@code since} inside the box, in the areas
   * (matched on the officer's community; null: the whole city). A fix shows the officer it was taken for, also
   * after its device moved to someone else.
   */
  public Future<List<LivePosition>> livePositions(double west, double south, double east, double north, Instant since,
                                                  List<String> areas) {
    return pool.preparedQuery("""
            SELECT DISTINCT ON (o.id) o.code, o.name, t.code, o.community_code, ds.lat, ds.lon, ds.heading,
                   ds.fix_time, ds.last_received_at, c.code
            FROM device_state ds
            JOIN officers o ON o.id = ds.officer_id
            LEFT JOIN teams t ON t.id = o.team_id
            LEFT JOIN cells c ON c.id = ds.cell_id
            WHERE ds.lon BETWEEN $1 AND $3 AND ds.lat BETWEEN $2 AND $4 AND ds.last_received_at >= $5
              AND """ + Areas.condition("o.community_code", 6) + """
            ORDER BY o.id, ds.fix_time DESC""")
        .execute(Tuple.tuple().addValue(west).addValue(south).addValue(east).addValue(north).addValue(utc(since))
            .addValue(Areas.parameter(areas)))
        .map(rows -> {
          List<LivePosition> positions = new ArrayList<>(rows.size());
          for (Row r : rows) {
            positions.add(new LivePosition(r.getString(0), r.getString(1), r.getString(2), r.getString(3),
                r.getDouble(4), r.getDouble(5), r.getDouble(6), instant(r.getOffsetDateTime(7)),
                instant(r.getOffsetDateTime(8)), r.getString(9)));
          }
          return positions;
        });
  }

  /** The newest visit since {@code since} of each of these cells that had one. */
  public Future<Map<Long, Instant>> recentVisits(List<Long> cellIds, Instant since) {
    return pool.preparedQuery("""
            SELECT cell_id, max(fix_time) FROM positions
            WHERE cell_id = ANY($1) AND fix_time >= $2 GROUP BY cell_id""")
        .execute(Tuple.tuple().addValue(cellIds.toArray(new Long[0])).addValue(utc(since)))
        .map(rows -> {
          Map<Long, Instant> visits = new HashMap<>();
          rows.forEach(r -> visits.put(r.getLong(0), instant(r.getOffsetDateTime(1))));
          return visits;
        });
  }

  /** Every officer's community, by officer code. */
  public Future<Map<String, String>> officerCommunities() {
    return pool.query("SELECT code, community_code FROM officers").execute().map(rows -> {
      Map<String, String> communities = new HashMap<>();
      rows.forEach(r -> communities.put(r.getString(0), r.getString(1)));
      return communities;
    });
  }
}
