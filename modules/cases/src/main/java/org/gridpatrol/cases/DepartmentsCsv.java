package org.gridpatrol.cases;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.gridpatrol.web.Csv;

/**
 * The departments as a city lists them in a spreadsheet: one a row, {@code code} (编码), {@code zh} (中文名称),
 * {@code en} (英文名称) and optionally {@code active} (在用: yes/no, 是/否, true/false). Read from CSV as Excel
 * saves it (UTF-8 or GB18030), every problem by line and column before anything changes.
 */
final class DepartmentsCsv {
  static final List<String> COLUMNS = List.of("code", "zh", "en", "active");
  private static final Map<String, String> CHINESE = Map.of("编码", "code", "中文名称", "zh", "英文名称", "en", "在用", "active");
  private static final Map<String, Boolean> ACTIVE = Map.of("yes", true, "no", false, "true", true, "false", false,
      "是", true, "否", false, "1", true, "0", false);

  private DepartmentsCsv() {
  }

  /** The departments of the file (code, zh, en, active as the configuration keeps them), and its problems. */
  record Parsed(String encoding, List<JsonObject> departments, JsonArray problems, Map<String, String> letters,
                Map<String, String> headers) {}

  static Parsed parse(byte[] bytes) {
    JsonArray problems = new JsonArray();
    Csv.Text text = Csv.decode(bytes).orElse(null);
    if (text == null) {
      problems.add(problem(1, "A", "", "body", "encoding", "the file is neither UTF-8 nor GB18030 text"));
      return new Parsed(null, List.of(), problems, Map.of(), Map.of());
    }
    List<CSVRecord> records;
    try (CSVParser parser = CSVParser.parse(new StringReader(text.text()), CSVFormat.RFC4180.builder()
        .setIgnoreSurroundingSpaces(true).get())) {
      records = parser.getRecords();
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      problems.add(problem(1, "A", "", "body", "csv", "not a CSV file: " + e.getMessage()));
      return new Parsed(text.encoding(), List.of(), problems, Map.of(), Map.of());
    }
    Map<String, Integer> index = new HashMap<>();
    Map<String, String> headers = new HashMap<>();
    if (!records.isEmpty()) {
      CSVRecord header = records.get(0);
      for (int i = 0; i < header.size(); i++) {
        String name = header.get(i).strip();
        String column = CHINESE.getOrDefault(name, name.toLowerCase(Locale.ROOT));
        if (COLUMNS.contains(column)) {
          index.put(column, i);
          headers.put(column, name);
        }
      }
    }
    for (String required : List.of("code", "zh", "en")) {
      if (!index.containsKey(required)) {
        problems.add(problem(1, "", "", required, "required", "a column " + required + " is needed"));
      }
    }
    if (!problems.isEmpty()) {
      return new Parsed(text.encoding(), List.of(), problems, Map.of(), Map.of());
    }
    Map<String, JsonObject> departments = new LinkedHashMap<>();
    Map<String, Integer> lines = new HashMap<>();
    for (int r = 1; r < records.size(); r++) {
      CSVRecord record = records.get(r);
      int line = r + 1;
      Map<String, String> values = new HashMap<>();
      index.forEach((column, i) -> values.put(column, i < record.size() ? Csv.unescaped(record.get(i).strip()) : ""));
      if (values.values().stream().allMatch(String::isEmpty)) {
        continue;
      }
      int before = problems.size();
      String code = values.get("code");
      if (!code.matches("[A-Za-z0-9_-]{1,20}")) {
        problems.add(problem(line, Csv.columnLetter(index.get("code")), headers.get("code"), "code", "format",
            "code must be 1 to 20 letters, digits, _ or -, got '" + code + "'"));
      } else if (lines.containsKey(code)) {
        problems.add(problem(line, Csv.columnLetter(index.get("code")), headers.get("code"), "code", "duplicate",
            "department " + code + " is already on line " + lines.get(code)));
      }
      for (String name : List.of("zh", "en")) {
        String value = values.get(name);
        if (value.isEmpty() || value.length() > 100 || value.chars().anyMatch(Character::isISOControl)) {
          problems.add(problem(line, Csv.columnLetter(index.get(name)), headers.get(name), name, "text",
              name + " is required: at most 100 characters"));
        }
      }
      String activeText = values.getOrDefault("active", "");
      Boolean active = activeText.isEmpty() ? Boolean.TRUE : ACTIVE.get(activeText.toLowerCase(Locale.ROOT));
      if (active == null) {
        problems.add(problem(line, Csv.columnLetter(index.get("active")), headers.get("active"), "active", "one_of",
            "active must be yes or no (是/否), got '" + activeText + "'"));
      }
      if (problems.size() == before) {
        lines.put(code, line);
        departments.put(code, new JsonObject().put("code", code).put("zh", values.get("zh")).put("en", values.get("en"))
            .put("active", active).put("line", line));
      }
    }
    Map<String, String> letters = new HashMap<>();
    index.forEach((column, i) -> letters.put(column, Csv.columnLetter(i)));
    return new Parsed(text.encoding(), new ArrayList<>(departments.values()), problems, letters, headers);
  }

  static JsonObject problem(int line, String column, String header, String field, String rule, String message) {
    return new JsonObject().put("line", line).put("column", column).put("header", header).put("field", field)
        .put("rule", rule).put("message", message);
  }
}
