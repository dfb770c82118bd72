package org.gridpatrol.directory;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.gridpatrol.domain.directory.FieldProblem;
import org.gridpatrol.domain.directory.Officer;
import org.gridpatrol.domain.directory.OfficerStatus;
import org.gridpatrol.domain.directory.Team;
import org.gridpatrol.web.Csv;

/**
 * The roster as a city keeps it in a spreadsheet: one officer a row, with their team. Read from CSV the way
 * Excel saves it (UTF-8 with or without a byte-order mark, or GB18030 from a Chinese Windows), headers in
 * English or Chinese, every problem reported by line and column before anything is written.
 */
final class RosterCsv {
  /** The columns, by their English and Chinese headers; officer_code and officer_name are required. */
  enum Column {
    OFFICER_CODE("officer_code", "工号", "code"),
    OFFICER_NAME("officer_name", "姓名", "name"),
    PHONE("phone", "手机", "phone"),
    TEAM_CODE("team_code", "队伍编码", "team"),
    TEAM_NAME("team_name", "队伍名称", null),
    TEAM_AREA("team_area", "队伍区域", null),
    TEAM_LEAD("team_lead", "队长账号", null),
    AREAS("areas", "负责区域", "areas"),
    STATUS("status", "状态", "status");

    final String english;
    final String chinese;
    /** The officer field this column holds, as {@link Officer#problems} names it. */
    final String officerField;

    Column(String english, String chinese, String officerField) {
      this.english = english;
      this.chinese = chinese;
      this.officerField = officerField;
    }

    String header(boolean inChinese) {
      return inChinese ? chinese : english;
    }
  }

  /** Where a problem is: the line (as a spreadsheet numbers rows, the header being 1) and column (A, B, ...). */
  record Problem(int line, String column, String header, String field, String rule, String message) {}

  /** A row's team: a definition (name and area given) or a reference to a team defined elsewhere. */
  record TeamUse(int line, String code, boolean defines) {}

  /** What the file holds, and what is wrong with it so far (the database's checks come on top). */
  record Roster(String encoding, int rows, List<Team> teams, List<Officer> officers, List<String> ignoredColumns,
                List<Problem> problems, Map<String, List<Integer>> linesByTeamReference,
                Map<String, List<Integer>> linesByLead, Map<String, List<Integer>> linesByTeamArea,
                Map<String, List<Integer>> linesByOfficerArea, Map<Column, String> columnLetters,
                Map<Column, String> headers) {

    /** A problem found in the database (an unknown team, lead or area) on every line that names it. */
    void problemsAt(Map<String, List<Integer>> lines, List<String> unknown, Column column, String rule,
                    String message) {
      for (String value : unknown) {
        for (int line : lines.getOrDefault(value, List.of())) {
          problems.add(new Problem(line, columnLetters.getOrDefault(column, ""), headers.getOrDefault(column,
              column.english), column.english, rule, message.replace("%s", value)));
        }
      }
      problems.sort(java.util.Comparator.comparingInt(Problem::line));
    }
  }

  private static final int MAX_ROWS = 50_000;
  private static final String AREA_SEPARATORS = "[\\s,;，；、]+";

  private RosterCsv() {
  }

  static Roster parse(byte[] bytes) {
    Csv.Text decoded = Csv.decode(bytes).orElse(null);
    if (decoded == null) {
      return failed(null, new Problem(1, "A", "", "body", "encoding",
          "the file is neither UTF-8 nor GB18030 text: save it from Excel as \"CSV UTF-8\" or \"CSV\""));
    }
    List<CSVRecord> records;
    try (CSVParser parser = CSVParser.parse(new StringReader(decoded.text()), CSVFormat.RFC4180.builder()
        .setIgnoreSurroundingSpaces(true).get())) {
      records = parser.getRecords();
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      return failed(decoded.encoding(), new Problem(1, "A", "", "body", "csv", "not a CSV file: " + e.getMessage()));
    }
    if (records.isEmpty()) {
      return failed(decoded.encoding(), new Problem(1, "A", "", "body", "required", "the file is empty: a header row is needed"));
    }
    if (records.size() - 1 > MAX_ROWS) {
      return failed(decoded.encoding(), new Problem(1, "A", "", "body", "rows",
          "at most " + MAX_ROWS + " officers in one file, this one has " + (records.size() - 1)));
    }
    Map<Column, Integer> index = new EnumMap<>(Column.class);
    Map<Column, String> letters = new EnumMap<>(Column.class);
    Map<Column, String> headers = new EnumMap<>(Column.class);
    List<String> ignored = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    CSVRecord header = records.get(0);
    for (int i = 0; i < header.size(); i++) {
      String name = header.get(i).strip();
      Column column = column(name);
      if (column == null) {
        if (!name.isEmpty()) {
          ignored.add(name);
        }
      } else if (index.containsKey(column)) {
        problems.add(new Problem(1, Csv.columnLetter(i), name, column.english, "duplicate", "the column " + name + " appears twice"));
      } else {
        index.put(column, i);
        letters.put(column, Csv.columnLetter(i));
        headers.put(column, name);
      }
    }
    for (Column required : List.of(Column.OFFICER_CODE, Column.OFFICER_NAME)) {
      if (!index.containsKey(required)) {
        problems.add(new Problem(1, "", "", required.english, "required", "a column " + required.english + " ("
            + required.chinese + ") is needed"));
      }
    }
    if (!problems.isEmpty()) {
      return new Roster(decoded.encoding(), records.size() - 1, List.of(), List.of(), ignored, problems, Map.of(), Map.of(),
          Map.of(), Map.of(), letters, headers);
    }
    Reader reader = new Reader(index, letters, headers, problems);
    for (int r = 1; r < records.size(); r++) {
      reader.row(r + 1, records.get(r));
    }
    // A team named only by its code must exist already, unless another row of the file describes it.
    reader.teamLines.keySet().removeAll(reader.teams.keySet());
    return new Roster(decoded.encoding(), reader.rows, List.copyOf(reader.teams.values()), reader.officers, ignored,
        new ArrayList<>(problems), reader.teamLines, reader.leadLines, reader.teamAreaLines, reader.officerAreaLines,
        letters, headers);
  }

  private static Roster failed(String encoding, Problem problem) {
    return new Roster(encoding, 0, List.of(), List.of(), List.of(), new ArrayList<>(List.of(problem)), Map.of(),
        Map.of(), Map.of(), Map.of(), Map.of(), Map.of());
  }

  private static Column column(String header) {
    String wanted = header.toLowerCase(Locale.ROOT).replace(' ', '_');
    return Arrays.stream(Column.values()).filter(c -> c.english.equals(wanted) || c.chinese.equals(header))
        .findFirst().orElse(null);
  }

  /** Reads the rows one by one, keeping the teams they define and where every code is used. */
  private static final class Reader {
    final Map<Column, Integer> index;
    final Map<Column, String> letters;
    final Map<Column, String> headers;
    final List<Problem> problems;
    final Map<String, Team> teams = new LinkedHashMap<>();
    final Map<String, Integer> teamDefinedAt = new LinkedHashMap<>();
    final Map<String, Integer> officerAt = new LinkedHashMap<>();
    final List<Officer> officers = new ArrayList<>();
    final Map<String, List<Integer>> teamLines = new LinkedHashMap<>();
    final Map<String, List<Integer>> leadLines = new LinkedHashMap<>();
    final Map<String, List<Integer>> teamAreaLines = new LinkedHashMap<>();
    final Map<String, List<Integer>> officerAreaLines = new LinkedHashMap<>();
    int rows;

    Reader(Map<Column, Integer> index, Map<Column, String> letters, Map<Column, String> headers,
           List<Problem> problems) {
      this.index = index;
      this.letters = letters;
      this.headers = headers;
      this.problems = problems;
    }

    String value(CSVRecord record, Column column) {
      Integer i = index.get(column);
      if (i == null || i >= record.size()) {
        return null;
      }
      // Our own export puts a quote before text that a spreadsheet would take for a formula (+86 ...).
      String value = Csv.unescaped(record.get(i).strip());
      return value.isEmpty() ? null : value;
    }

    void problem(int line, Column column, String rule, String message) {
      problems.add(new Problem(line, letters.getOrDefault(column, ""), headers.getOrDefault(column, column.english),
          column.english, rule, message));
    }

    void row(int line, CSVRecord record) {
      boolean blank = true;
      for (String cell : record) {
        blank &= cell.isBlank();
      }
      if (blank) {
        return;
      }
      rows++;
      String teamCode = value(record, Column.TEAM_CODE);
      if (teamCode != null) {
        team(line, record, teamCode);
      }
      String statusText = value(record, Column.STATUS);
      OfficerStatus status = statusText == null ? OfficerStatus.ON_DUTY : OfficerStatus.parse(statusText).orElse(null);
      String areasText = value(record, Column.AREAS);
      List<String> areas = areasText == null ? List.of() : List.of(areasText.split(AREA_SEPARATORS));
      Officer officer = new Officer(value(record, Column.OFFICER_CODE), value(record, Column.OFFICER_NAME),
          value(record, Column.PHONE), teamCode, areas, status);
      List<FieldProblem> officerProblems = officer.problems();
      for (FieldProblem p : officerProblems) {
        Column column = Arrays.stream(Column.values()).filter(c -> p.field().equals(c.officerField)).findFirst()
            .orElseThrow();
        problem(line, column, p.rule(), p.message().replaceFirst("^" + p.field() + "\\b", column.english));
      }
      if (officer.code() != null && officerAt.containsKey(officer.code())) {
        problem(line, Column.OFFICER_CODE, "duplicate",
            "officer " + officer.code() + " is already on line " + officerAt.get(officer.code()));
        return;
      }
      if (officer.code() != null) {
        officerAt.put(officer.code(), line);
      }
      if (officerProblems.isEmpty()) {
        officers.add(officer);
        areas.forEach(area -> officerAreaLines.computeIfAbsent(area, a -> new ArrayList<>()).add(line));
      }
    }

    void team(int line, CSVRecord record, String code) {
      String name = value(record, Column.TEAM_NAME);
      String area = value(record, Column.TEAM_AREA);
      String lead = value(record, Column.TEAM_LEAD);
      if (name == null && area == null && lead == null) {
        teamLines.computeIfAbsent(code, c -> new ArrayList<>()).add(line);
        return;
      }
      Team team = new Team(code, name, area, lead);
      List<FieldProblem> teamProblems = team.problems();
      for (FieldProblem p : teamProblems) {
        Column column = switch (p.field()) {
          case "code" -> Column.TEAM_CODE;
          case "name" -> Column.TEAM_NAME;
          default -> Column.TEAM_AREA;
        };
        problem(line, column, p.rule(), p.message().replaceFirst("^" + p.field() + "\\b", column.english));
      }
      if (!teamProblems.isEmpty()) {
        return;
      }
      Team earlier = teams.get(code);
      if (earlier != null && !earlier.equals(team)) {
        problem(line, Column.TEAM_NAME, "conflict", "team " + code + " is described differently on line "
            + teamDefinedAt.get(code) + " (give its name, area and lead alike, or only its code)");
        return;
      }
      if (earlier == null) {
        teams.put(code, team);
        teamDefinedAt.put(code, line);
        teamAreaLines.computeIfAbsent(area, a -> new ArrayList<>()).add(line);
        if (lead != null) {
          leadLines.computeIfAbsent(lead, l -> new ArrayList<>()).add(line);
        }
      }
    }
  }
}
