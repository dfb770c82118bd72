package org.gridpatrol.store;

import static org.gridpatrol.store.SqlTime.instant;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gridpatrol.domain.directory.Device;
import org.gridpatrol.domain.directory.Officer;
import org.gridpatrol.domain.directory.OfficerStatus;
import org.gridpatrol.domain.directory.Team;

/**
 * Teams and officers: created, listed, changed and retired one at a time or a whole roster in one transaction.
 * Every change is kept as a version in directory_history; nothing is deleted, so positions, visits and alerts
 * keep the officer and team of their time.
 */
public final class DirectoryRepository {
  private final Pool pool;

  public DirectoryRepository(Pool pool) {
    this.pool = pool;
  }

  /**
   * The action of an entry's first known version: how it stood before the directory kept history (the
   * migration's) or as the demo loaded it. Reports of days before it take it as how things were then.
   */
  public static final String INITIAL = "initial";

  // ---- teams

  /** A team as the directory shows it. */
  public record TeamRow(String code, String name, String areaCode, String lead, long officers, Instant retiredAt) {
    public Team team() {
      return new Team(code, name, areaCode, lead);
    }
  }

  /** What a list is filtered by; null fields do not filter (areas null: the whole city). */
  public record Query(String team, String status, String text, List<String> areas, int offset, int limit) {}

  private static final String TEAM_COLUMNS = """
      SELECT t.code, t.name, t.street_code, u.username,
             (SELECT count(*) FROM officers o WHERE o.team_id = t.id AND o.status <> 'left'), t.retired_at,
             count(*) OVER ()
      FROM teams t LEFT JOIN users u ON u.id = t.lead_user_id
      """;

  /** Teams in code order; status "active" or "retired" (null: both); areas match the team's area. */
  public Future<Page<TeamRow>> teams(Query query) {
    return pool.preparedQuery(TEAM_COLUMNS + """
            WHERE ($1::text IS NULL OR ($1 = 'retired') = (t.retired_at IS NOT NULL))
              AND ($2::text IS NULL OR t.code ILIKE '%' || $2 || '%' OR t.name ILIKE '%' || $2 || '%')
              AND """ + Areas.condition("t.street_code", 3) + """
            ORDER BY t.code OFFSET $4 LIMIT $5""")
        .execute(Tuple.tuple().addValue(query.status()).addValue(query.text()).addValue(Areas.parameter(query.areas()))
            .addValue(query.offset()).addValue(query.limit()))
        .map(rows -> Page.of(rows, 6, DirectoryRepository::teamRow));
  }

  public Future<Optional<TeamRow>> team(String code) {
    return pool.preparedQuery(TEAM_COLUMNS + "WHERE t.code = $1").execute(Tuple.of(code))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(teamRow(rows.iterator().next())));
  }

  private static TeamRow teamRow(Row r) {
    return new TeamRow(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getLong(4),
        instant(r.getOffsetDateTime(5)));
  }

  /** What became of a change. */
  public enum Outcome { DONE, EXISTS, NOT_FOUND, UNKNOWN_TEAM, UNKNOWN_LEAD, UNKNOWN_AREA }

  /** Creates a team (EXISTS if the code is taken). */
  public Future<Outcome> createTeam(Team team, Instant at, String by) {
    return pool.withTransaction(connection -> checkTeam(connection, team).compose(problem -> problem != null
        ? Future.succeededFuture(problem)
        : connection.preparedQuery("""
                INSERT INTO teams (code, name, street_code, lead_user_id, updated_at)
                VALUES ($1, $2, $3, (SELECT id FROM users WHERE username = $4), $5)
                ON CONFLICT (code) DO NOTHING RETURNING id""")
            .execute(teamTuple(team, at))
            .compose(rows -> rows.size() == 0 ? Future.succeededFuture(Outcome.EXISTS)
                : rememberTeam(connection, team.code(), at, by, "create"))));
  }

  /** Changes a team's name, area and lead (and takes a retired team back into service). */
  public Future<Outcome> changeTeam(Team team, Instant at, String by) {
    return pool.withTransaction(connection -> checkTeam(connection, team).compose(problem -> problem != null
        ? Future.succeededFuture(problem)
        : connection.preparedQuery("""
                UPDATE teams SET name = $2, street_code = $3, lead_user_id = (SELECT id FROM users WHERE username = $4),
                                 updated_at = $5, retired_at = NULL
                WHERE code = $1 RETURNING id""")
            .execute(teamTuple(team, at))
            .compose(rows -> rows.size() == 0 ? Future.succeededFuture(Outcome.NOT_FOUND)
                : rememberTeam(connection, team.code(), at, by, "change"))));
  }

  /** Retires a team; its officers keep it as their team until they are moved. */
  public Future<Outcome> retireTeam(String code, Instant at, String by) {
    return pool.withTransaction(connection -> connection.preparedQuery(
            "UPDATE teams SET retired_at = $2, updated_at = $2 WHERE code = $1 AND retired_at IS NULL RETURNING id")
        .execute(Tuple.of(code, SqlTime.utc(at)))
        .compose(rows -> rows.size() == 0 ? Future.succeededFuture(Outcome.NOT_FOUND)
            : rememberTeam(connection, code, at, by, "retire")));
  }

  private static Tuple teamTuple(Team team, Instant at) {
    return Tuple.tuple().addValue(team.code()).addValue(team.name()).addValue(team.areaCode()).addValue(team.lead())
        .addValue(SqlTime.utc(at));
  }

  private static Future<Outcome> checkTeam(SqlConnection connection, Team team) {
    return connection.preparedQuery("""
            SELECT ($1::text IS NOT NULL AND NOT EXISTS (SELECT 1 FROM users WHERE username = $1 AND disabled_at IS NULL)),
                   NOT EXISTS (SELECT 1 FROM cells WHERE code LIKE $2 || '%')""")
        .execute(Tuple.tuple().addValue(team.lead()).addValue(team.areaCode()))
        .map(rows -> {
          Row row = rows.iterator().next();
          return row.getBoolean(0) ? Outcome.UNKNOWN_LEAD : row.getBoolean(1) ? Outcome.UNKNOWN_AREA : null;
        });
  }

  private static Future<Outcome> rememberTeam(SqlConnection connection, String code, Instant at, String by,
                                              String action) {
    return rememberTeams(connection, new String[] {code}, at, by, action).map(Outcome.DONE);
  }

  /** Keeps the teams as they are now as versions in the history. */
  private static Future<Void> rememberTeams(SqlConnection connection, String[] codes, Instant at, String by,
                                            String action) {
    return connection.preparedQuery("""
            INSERT INTO directory_history (kind, code, changed_at, changed_by, action, record)
            SELECT 'team', t.code, $2, $3, $4,
                   jsonb_build_object('code', t.code, 'name', t.name, 'area', t.street_code, 'lead', u.username,
                                      'retired', t.retired_at IS NOT NULL)
            FROM teams t LEFT JOIN users u ON u.id = t.lead_user_id WHERE t.code = ANY($1)""")
        .execute(Tuple.of(codes, SqlTime.utc(at), by, action)).mapEmpty();
  }

  // ---- officers

  /** An officer as the directory shows them, with their active devices. */
  public record OfficerRow(String code, String name, String phone, String teamCode, String teamName,
                           List<String> areas, OfficerStatus status, List<String> devices, Instant updatedAt) {
    public Officer officer() {
      return new Officer(code, name, phone, teamCode, areas, status);
    }
  }

  private static final String OFFICER_COLUMNS = """
      SELECT o.code, o.name, o.phone, t.code, t.name, o.areas, o.status,
             ARRAY(SELECT d.unique_id FROM devices d WHERE d.officer_id = o.id AND d.disabled_at IS NULL
                   ORDER BY d.unique_id), o.updated_at, count(*) OVER ()
      FROM officers o LEFT JOIN teams t ON t.id = o.team_id
      """;

  /**
   * Officers in code order; status a wire name (null: all); areas match where the officer belongs (their home
   * community, else their team's area).
   */
  public Future<Page<OfficerRow>> officers(Query query) {
    return pool.preparedQuery(OFFICER_COLUMNS + """
            WHERE ($1::text IS NULL OR t.code = $1)
              AND ($2::text IS NULL OR o.status = $2 OR ($2 = 'serving' AND o.status <> 'left'))
              AND ($3::text IS NULL OR o.code ILIKE '%' || $3 || '%' OR o.name ILIKE '%' || $3 || '%'
                   OR o.phone ILIKE '%' || $3 || '%')
              AND """ + Areas.condition("coalesce(o.community_code, t.street_code)", 4) + """
            ORDER BY o.code OFFSET $5 LIMIT $6""")
        .execute(Tuple.tuple().addValue(query.team()).addValue(query.status()).addValue(query.text())
            .addValue(Areas.parameter(query.areas())).addValue(query.offset()).addValue(query.limit()))
        .map(rows -> Page.of(rows, 9, DirectoryRepository::officerRow));
  }

  public Future<Optional<OfficerRow>> officer(String code) {
    return pool.preparedQuery(OFFICER_COLUMNS + "WHERE o.code = $1").execute(Tuple.of(code))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(officerRow(rows.iterator().next())));
  }

  private static OfficerRow officerRow(Row r) {
    return new OfficerRow(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4),
        Arrays.asList(r.getArrayOfStrings(5)), OfficerStatus.valueOf(r.getString(6).toUpperCase()),
        Arrays.asList(r.getArrayOfStrings(7)), instant(r.getOffsetDateTime(8)));
  }

  public Future<Outcome> createOfficer(Officer officer, Instant at, String by) {
    return pool.withTransaction(connection -> checkOfficer(connection, officer).compose(problem -> problem != null
        ? Future.succeededFuture(problem)
        : connection.preparedQuery("""
                INSERT INTO officers (code, name, phone, team_id, areas, status, updated_at)
                VALUES ($1, $2, $3, (SELECT id FROM teams WHERE code = $4), $5, $6, $7)
                ON CONFLICT (code) DO NOTHING RETURNING id""")
            .execute(officerTuple(officer, at))
            .compose(rows -> rows.size() == 0 ? Future.succeededFuture(Outcome.EXISTS)
                : rememberOfficer(connection, officer.code(), at, by, "create"))));
  }

  /**
   * Changes an officer. One who left no longer carries devices: theirs are unassigned (they stay enrolled),
   * so nobody checks in as them again.
   */
  public Future<Outcome> changeOfficer(Officer officer, Instant at, String by) {
    return pool.withTransaction(connection -> checkOfficer(connection, officer).compose(problem -> problem != null
        ? Future.succeededFuture(problem)
        : connection.preparedQuery("""
                UPDATE officers SET name = $2, phone = $3, team_id = (SELECT id FROM teams WHERE code = $4), areas = $5,
                                    status = $6, updated_at = $7
                WHERE code = $1 RETURNING id""")
            .execute(officerTuple(officer, at))
            .compose(rows -> rows.size() == 0 ? Future.succeededFuture(Outcome.NOT_FOUND)
                : unassignDevicesIfLeft(connection, officer)
                    .compose(v -> rememberOfficer(connection, officer.code(), at, by, "change")))));
  }

  private static Future<Void> unassignDevicesIfLeft(SqlConnection connection, Officer officer) {
    return unassignDevicesOfLeavers(connection, List.of(officer));
  }

  /** Officers who left carry no devices: theirs are unassigned (they stay enrolled), web handhelds retired. */
  private static Future<Void> unassignDevicesOfLeavers(SqlConnection connection, List<Officer> officers) {
    String[] left = officers.stream().filter(o -> o.status() == OfficerStatus.LEFT).map(Officer::code)
        .toArray(String[]::new);
    if (left.length == 0) {
      return Future.succeededFuture();
    }
    return connection.preparedQuery("""
            UPDATE devices SET officer_id = NULL
            WHERE officer_id IN (SELECT id FROM officers WHERE code = ANY($1)) AND kind <> 'web_handheld'""")
        .execute(Tuple.of(left))
        .compose(v -> connection.preparedQuery("""
                UPDATE devices SET disabled_at = now()
                WHERE officer_id IN (SELECT id FROM officers WHERE code = ANY($1)) AND disabled_at IS NULL""")
            .execute(Tuple.of(left)))
        .mapEmpty();
  }

  private static Tuple officerTuple(Officer officer, Instant at) {
    return Tuple.tuple().addValue(officer.code()).addValue(officer.name()).addValue(officer.phone())
        .addValue(officer.teamCode()).addValue(officer.areas().toArray(new String[0]))
        .addValue(officer.status().wireName()).addValue(SqlTime.utc(at));
  }

  private static Future<Outcome> checkOfficer(SqlConnection connection, Officer officer) {
    return connection.preparedQuery("""
            SELECT ($1::text IS NOT NULL AND NOT EXISTS (SELECT 1 FROM teams WHERE code = $1)),
                   EXISTS (SELECT 1 FROM unnest($2::text[]) a WHERE NOT EXISTS (SELECT 1 FROM cells WHERE code LIKE a || '%'))""")
        .execute(Tuple.tuple().addValue(officer.teamCode()).addValue(officer.areas().toArray(new String[0])))
        .map(rows -> {
          Row row = rows.iterator().next();
          return row.getBoolean(0) ? Outcome.UNKNOWN_TEAM : row.getBoolean(1) ? Outcome.UNKNOWN_AREA : null;
        });
  }

  private static Future<Outcome> rememberOfficer(SqlConnection connection, String code, Instant at, String by,
                                                 String action) {
    return rememberOfficers(connection, new String[] {code}, at, by, action).map(Outcome.DONE);
  }

  /** Keeps the officers as they are now as versions in the history. */
  private static Future<Void> rememberOfficers(SqlConnection connection, String[] codes, Instant at, String by,
                                               String action) {
    return connection.preparedQuery("""
            INSERT INTO directory_history (kind, code, changed_at, changed_by, action, record)
            SELECT 'officer', o.code, $2, $3, $4,
                   jsonb_build_object('code', o.code, 'name', o.name, 'phone', o.phone, 'team', t.code,
                                      'areas', to_jsonb(o.areas), 'status', o.status)
            FROM officers o LEFT JOIN teams t ON t.id = o.team_id WHERE o.code = ANY($1)""")
        .execute(Tuple.of(codes, SqlTime.utc(at), by, action)).mapEmpty();
  }

  /** One version of a team, officer or device from the history, newest first. */
  public record HistoryEntry(Instant changedAt, String changedBy, String action, String recordJson) {}

  /** The versions of one team, officer or device, newest first. */
  public Future<List<HistoryEntry>> history(String kind, String code, int limit) {
    return pool.preparedQuery("""
            SELECT changed_at, changed_by, action, record::text FROM directory_history
            WHERE kind = $1 AND code = $2 ORDER BY id DESC LIMIT $3""")
        .execute(Tuple.of(kind, code, limit))
        .map(rows -> {
          List<HistoryEntry> entries = new ArrayList<>(rows.size());
          rows.forEach(r -> entries.add(new HistoryEntry(instant(r.getOffsetDateTime(0)), r.getString(1),
              r.getString(2), r.getString(3))));
          return entries;
        });
  }

  // ---- whole rosters

  /** What the database knows of a roster's codes: the unknown references, and which entries exist already. */
  public record Known(List<String> unknownTeams, List<String> unknownLeads, List<String> unknownAreas,
                      long existingTeams, long existingOfficers) {}

  /**
   * Of the team codes, lead user names and areas a roster refers to, those that name nothing (no team, no active
   * account, no cell of the grid); and how many of the teams and officers it describes exist already.
   */
  public Future<Known> known(List<String> teamReferences, List<String> leads, List<String> areas,
                             List<String> teams, List<String> officers) {
    return pool.preparedQuery("""
            SELECT ARRAY(SELECT c FROM unnest($1::text[]) c WHERE NOT EXISTS (SELECT 1 FROM teams WHERE code = c)),
                   ARRAY(SELECT l FROM unnest($2::text[]) l
                         WHERE NOT EXISTS (SELECT 1 FROM users WHERE username = l AND disabled_at IS NULL)),
                   ARRAY(SELECT a FROM unnest($3::text[]) a WHERE NOT EXISTS (SELECT 1 FROM cells WHERE code LIKE a || '%')),
                   (SELECT count(*) FROM teams WHERE code = ANY($4)),
                   (SELECT count(*) FROM officers WHERE code = ANY($5))""")
        .execute(Tuple.of(teamReferences.toArray(new String[0]), leads.toArray(new String[0]),
            areas.toArray(new String[0]), teams.toArray(new String[0]), officers.toArray(new String[0])))
        .map(rows -> {
          Row row = rows.iterator().next();
          return new Known(Arrays.asList(row.getArrayOfStrings(0)), Arrays.asList(row.getArrayOfStrings(1)),
              Arrays.asList(row.getArrayOfStrings(2)), row.getLong(3), row.getLong(4));
        });
  }

  /** One officer of the roster with their team, as the roster file has them. */
  public record RosterLine(Officer officer, Team team) {}

  /** Every officer (also those who left) with their team, by team and code, in the areas (null: all). */
  public Future<List<RosterLine>> roster(List<String> areas) {
    return pool.preparedQuery("""
            SELECT o.code, o.name, o.phone, t.code, o.areas, o.status, t.name, t.street_code, u.username
            FROM officers o LEFT JOIN teams t ON t.id = o.team_id LEFT JOIN users u ON u.id = t.lead_user_id
            WHERE """ + Areas.condition("coalesce(o.community_code, t.street_code)", 1) + """
            ORDER BY t.code NULLS LAST, o.code""")
        .execute(Tuple.of(Areas.parameter(areas)))
        .map(rows -> {
          List<RosterLine> lines = new ArrayList<>(rows.size());
          for (Row r : rows) {
            Officer officer = new Officer(r.getString(0), r.getString(1), r.getString(2), r.getString(3),
                Arrays.asList(r.getArrayOfStrings(4)), OfficerStatus.valueOf(r.getString(5).toUpperCase()));
            lines.add(new RosterLine(officer, r.getString(3) == null ? null
                : new Team(r.getString(3), r.getString(6), r.getString(7), r.getString(8))));
          }
          return lines;
        });
  }

  /** What a roster import did. */
  public record RosterSummary(int teamsCreated, int teamsChanged, int officersCreated, int officersChanged) {}

  /**
   * Creates or changes (by code) every team and officer of a roster in one transaction, teams first, each
   * change kept in the history. Teams and officers the roster does not name are left as they are.
   */
  public Future<RosterSummary> saveRoster(List<Team> teams, List<Officer> officers, Instant at, String by) {
    String[] teamCodes = teams.stream().map(Team::code).toArray(String[]::new);
    String[] officerCodes = officers.stream().map(Officer::code).toArray(String[]::new);
    return pool.withTransaction(connection -> saveTeams(connection, teams, at)
        .compose(teamCounts -> saveOfficers(connection, officers, at)
            .compose(officerCounts -> unassignDevicesOfLeavers(connection, officers)
                .compose(none -> rememberTeams(connection, teamCodes, at, by, "import"))
                .compose(none -> rememberOfficers(connection, officerCodes, at, by, "import"))
                .map(none -> new RosterSummary(teamCounts[0], teamCounts[1], officerCounts[0], officerCounts[1])))));
  }

  /** Created and changed counts; xmax = 0 tells an inserted row from an updated one. */
  private static Future<int[]> saveTeams(SqlConnection connection, List<Team> teams, Instant at) {
    if (teams.isEmpty()) {
      return Future.succeededFuture(new int[2]);
    }
    return connection.preparedQuery("""
            INSERT INTO teams (code, name, street_code, lead_user_id, updated_at)
            SELECT code, name, area, (SELECT id FROM users WHERE username = lead), $5
            FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS r(code, name, area, lead)
            ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, street_code = EXCLUDED.street_code,
                lead_user_id = EXCLUDED.lead_user_id, updated_at = EXCLUDED.updated_at, retired_at = NULL
            RETURNING xmax = 0""")
        .execute(Tuple.of(teams.stream().map(Team::code).toArray(String[]::new),
            teams.stream().map(Team::name).toArray(String[]::new),
            teams.stream().map(Team::areaCode).toArray(String[]::new),
            teams.stream().map(Team::lead).toArray(String[]::new), SqlTime.utc(at)))
        .map(DirectoryRepository::createdAndChanged);
  }

  private static Future<int[]> saveOfficers(SqlConnection connection, List<Officer> officers, Instant at) {
    if (officers.isEmpty()) {
      return Future.succeededFuture(new int[2]);
    }
    // Areas travel as one text per officer (a text[][] cannot be ragged) and are split again in SQL.
    return connection.preparedQuery("""
            INSERT INTO officers (code, name, phone, team_id, areas, status, updated_at)
            SELECT code, name, phone, (SELECT id FROM teams WHERE teams.code = team),
                   CASE WHEN areas = '' THEN '{}'::text[] ELSE string_to_array(areas, ' ') END, status, $7
            FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
                 AS r(code, name, phone, team, areas, status)
            ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, phone = EXCLUDED.phone, team_id = EXCLUDED.team_id,
                areas = EXCLUDED.areas, status = EXCLUDED.status, updated_at = EXCLUDED.updated_at
            RETURNING xmax = 0""")
        .execute(Tuple.of(officers.stream().map(Officer::code).toArray(String[]::new),
            officers.stream().map(Officer::name).toArray(String[]::new),
            officers.stream().map(Officer::phone).toArray(String[]::new),
            officers.stream().map(Officer::teamCode).toArray(String[]::new),
            officers.stream().map(o -> String.join(" ", o.areas())).toArray(String[]::new),
            officers.stream().map(o -> o.status().wireName()).toArray(String[]::new), SqlTime.utc(at)))
        .map(DirectoryRepository::createdAndChanged);
  }

  private static int[] createdAndChanged(io.vertx.sqlclient.RowSet<Row> rows) {
    int[] counts = new int[2];
    rows.forEach(row -> counts[row.getBoolean(0) ? 0 : 1]++);
    return counts;
  }

  /**
   * Stores the demo city's teams, officers and devices in one transaction, each device with the given token
   * hash and OsmAnd key.
   */
  public Future<Void> saveDemoDirectory(List<Team> teams, List<Officer> officers, List<Device> devices,
                                        Map<String, byte[]> tokenHashByUniqueId, Map<String, String> keyByUniqueId,
                                        Instant at) {
    return pool.withTransaction(connection -> saveTeams(connection, teams, at)
        .compose(v -> saveOfficers(connection, officers, at))
        .compose(v -> rememberTeams(connection, teams.stream().map(Team::code).toArray(String[]::new), at, "demo",
            INITIAL))
        .compose(v -> rememberOfficers(connection, officers.stream().map(Officer::code).toArray(String[]::new), at,
            "demo", INITIAL))
        .compose(v -> connection.preparedQuery("""
                INSERT INTO devices (unique_id, kind, officer_id, token_sha256, osmand_key)
                VALUES ($1, $2, (SELECT id FROM officers WHERE code = $3), $4, $5)
                ON CONFLICT (unique_id) DO NOTHING""")
            .executeBatch(devices.stream()
                .map(d -> Tuple.of(d.uniqueId(), d.kind().wireName(), d.officerCode(),
                    Buffer.buffer(tokenHashByUniqueId.get(d.uniqueId())), keyByUniqueId.get(d.uniqueId())))
                .toList()))
        .mapEmpty());
  }
}
