package org.gridpatrol.domain.cases;

import static org.gridpatrol.domain.cases.ConfigMaps.list;
import static org.gridpatrol.domain.cases.ConfigMaps.map;
import static org.gridpatrol.domain.cases.ConfigMaps.optionalText;
import static org.gridpatrol.domain.cases.ConfigMaps.text;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gridpatrol.domain.cases.Category.Kind;
import org.gridpatrol.domain.cases.Category.MajorClass;
import org.gridpatrol.domain.cases.Category.Names;

/**
 * The city's case categories: major classes of components (部件) and events (事件), their minor classes with
 * the time limit of every stage, and the departments cases are dispatched to. A city keeps it in
 * {@code config/cases.yaml}; see there for the format.
 */
public final class CategoryTree {
  private final Map<String, Names> departments;
  private final Set<String> retiredDepartments;
  private final List<MajorClass> majors;
  private final Map<String, Category> categories;

  /**
   * @param retiredDepartments departments no longer dispatched to (kept for the names of their old cases); no
   *                           category may name one
   */
  public CategoryTree(Map<String, Names> departments, Set<String> retiredDepartments, List<MajorClass> majors,
                      List<Category> categories) {
    this.departments = Map.copyOf(departments);
    this.retiredDepartments = Set.copyOf(retiredDepartments);
    this.majors = List.copyOf(majors);
    Map<String, Category> byCode = new LinkedHashMap<>();
    for (Category category : categories) {
      if (byCode.put(category.code(), category) != null) {
        throw new IllegalArgumentException("category " + category.code() + " is listed twice");
      }
      if (category.department() != null && !departments.containsKey(category.department())) {
        throw new IllegalArgumentException("category " + category.code() + " names an unknown department "
            + category.department());
      }
      if (retiredDepartments.contains(category.department())) {
        throw new IllegalArgumentException("category " + category.code() + " is dispatched to the retired department "
            + category.department() + ": give it another department first");
      }
    }
    this.categories = byCode;
  }

  public Optional<Category> find(String code) {
    return Optional.ofNullable(code == null ? null : categories.get(code));
  }

  public Collection<Category> categories() {
    return categories.values();
  }

  public List<MajorClass> majors() {
    return majors;
  }

  /** Every department, retired ones too (old cases still name them). */
  public Map<String, Names> departments() {
    return departments;
  }

  /** Whether cases may be dispatched to the department now: it exists and is not retired. */
  public boolean isActiveDepartment(String code) {
    return departments.containsKey(code) && !retiredDepartments.contains(code);
  }

  /** The tree with one minor class replaced (its limits, department or priority changed). */
  public CategoryTree with(Category changed) {
    if (!categories.containsKey(changed.code())) {
      throw new IllegalArgumentException("no category " + changed.code());
    }
    List<Category> all = new ArrayList<>(categories.values());
    all.replaceAll(category -> category.code().equals(changed.code()) ? changed : category);
    return new CategoryTree(departments, retiredDepartments, majors, all);
  }

  /**
   * From the parsed {@code cases.yaml}: keys {@code stage_limits} (the default limit of every stage),
   * {@code departments} and {@code categories} (major classes with their {@code minors}).
   *
   * @throws IllegalArgumentException naming the first entry that is missing or wrong
   */
  public static CategoryTree fromMap(Map<?, ?> config) {
    Map<Stage, TimeLimit> defaults = limits(map(config.get("stage_limits"), "stage_limits"), "stage_limits");
    for (Stage stage : Stage.values()) {
      if (!defaults.containsKey(stage)) {
        throw new IllegalArgumentException("stage_limits." + stage.wireName() + " is missing");
      }
    }
    Map<String, Names> departments = new LinkedHashMap<>();
    Set<String> retired = new HashSet<>();
    List<?> departmentList = list(config, "departments", "cases");
    for (int i = 0; i < departmentList.size(); i++) {
      String path = "departments[" + i + "]";
      Map<?, ?> entry = map(departmentList.get(i), path);
      String code = text(entry, "code", path);
      if (!code.matches("[A-Za-z0-9_-]{1,20}")) {
        throw new IllegalArgumentException(path + ".code must be 1 to 20 letters, digits, _ or -, got " + code);
      }
      if (departments.put(code, names(entry, path)) != null) {
        throw new IllegalArgumentException(path + ": department " + code + " is listed twice");
      }
      Object active = entry.get("active");
      if (active != null && !(active instanceof Boolean)) {
        throw new IllegalArgumentException(path + ".active must be true or false");
      }
      if (Boolean.FALSE.equals(active)) {
        retired.add(code);
      }
    }
    List<MajorClass> majors = new ArrayList<>();
    List<Category> categories = new ArrayList<>();
    List<?> majorList = list(config, "categories", "cases");
    for (int i = 0; i < majorList.size(); i++) {
      String path = "categories[" + i + "]";
      Map<?, ?> entry = map(majorList.get(i), path);
      String code = text(entry, "code", path);
      if (!code.matches("[CE][0-9]{2}")) {
        throw new IllegalArgumentException(path + ".code must be C or E and two digits, got " + code);
      }
      MajorClass major = new MajorClass(code, code.startsWith("C") ? Kind.COMPONENT : Kind.EVENT, names(entry, path));
      majors.add(major);
      List<?> minors = list(entry, "minors", path);
      for (int j = 0; j < minors.size(); j++) {
        String minorPath = path + ".minors[" + j + "]";
        Map<?, ?> minor = map(minors.get(j), minorPath);
        String minorCode = text(minor, "code", minorPath);
        if (!minorCode.matches(code + "[0-9]{2}")) {
          throw new IllegalArgumentException(minorPath + ".code must be " + code + " and two digits, got " + minorCode);
        }
        Map<Stage, TimeLimit> limits = new EnumMap<>(defaults);
        limits.putAll(limits(minor, minorPath));
        String priority = optionalText(minor, "priority", minorPath);
        categories.add(new Category(minorCode, major, names(minor, minorPath), limits,
            optionalText(minor, "department", minorPath),
            priority == null ? Priority.NORMAL : Priority.fromWireName(priority)));
      }
    }
    return new CategoryTree(departments, retired, majors, categories);
  }

  /** The stage limits among the map's keys (register, dispatch, handle, verify). */
  static Map<Stage, TimeLimit> limits(Map<?, ?> map, String path) {
    Map<Stage, TimeLimit> limits = new EnumMap<>(Stage.class);
    for (Stage stage : Stage.values()) {
      Object value = map.get(stage.wireName());
      if (value != null) {
        limits.put(stage, TimeLimit.fromMap(value, path + "." + stage.wireName()));
      }
    }
    return limits;
  }

  private static Names names(Map<?, ?> map, String path) {
    return new Names(text(map, "zh", path), text(map, "en", path));
  }
}
