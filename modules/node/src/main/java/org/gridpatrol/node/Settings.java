package org.gridpatrol.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The node's configuration: {@code config/gridpatrol.yaml} (which lists every key with its default), with any
 * key overridden by the environment variable {@code PATROL_<KEY_PATH>} (dots and dashes become underscores,
 * upper case). Only keys that exist in the file can be set, so a typo in a variable name is not silently
 * taken for a new setting: unknown {@code PATROL_} variables are reported by {@link #unknownOverrides}.
 */
public final class Settings {
  private static final String PREFIX = "PATROL_";
  /** Read by scripts/gridpatrol (JVM options), not settings, so not misspelt ones either. */
  private static final List<String> LAUNCHER_VARIABLES = List.of("PATROL_JAVA_OPTS");

  private final JsonObject root;
  private final List<String> unknownOverrides;

  private Settings(JsonObject root, List<String> unknownOverrides) {
    this.root = root;
    this.unknownOverrides = unknownOverrides;
  }

  public static Settings load(Path file, Map<String, String> environment) {
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> yaml = new ObjectMapper(new YAMLFactory()).readValue(Files.readString(file), Map.class);
      return fromYaml(new JsonObject(yaml), environment);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read configuration " + file.toAbsolutePath(), e);
    }
  }

  static Settings fromYaml(JsonObject yaml, Map<String, String> environment) {
    JsonObject root = yaml.copy();
    List<String> known = new ArrayList<>();
    applyOverrides(root, "", environment, known);
    List<String> unknown = environment.keySet().stream()
        .filter(name -> name.startsWith(PREFIX) && !known.contains(name) && !LAUNCHER_VARIABLES.contains(name))
        .sorted()
        .toList();
    return new Settings(root, unknown);
  }

  /** A copy with one key replaced; for tests and the CLI's flags. */
  public Settings with(String path, Object value) {
    JsonObject copy = root.copy();
    String[] parts = path.split("\\.");
    JsonObject parent = copy;
    for (int i = 0; i < parts.length - 1; i++) {
      parent = parent.getJsonObject(parts[i]);
      if (parent == null) {
        throw new IllegalArgumentException("No setting " + path);
      }
    }
    if (!parent.containsKey(parts[parts.length - 1])) {
      throw new IllegalArgumentException("No setting " + path);
    }
    parent.put(parts[parts.length - 1], value);
    return new Settings(copy, unknownOverrides);
  }

  private static void applyOverrides(JsonObject node, String path, Map<String, String> env, List<String> known) {
    for (String key : new ArrayList<>(node.fieldNames())) {
      String keyPath = path.isEmpty() ? key : path + "." + key;
      Object value = node.getValue(key);
      if (value instanceof JsonObject child) {
        applyOverrides(child, keyPath, env, known);
        continue;
      }
      String variable = environmentName(keyPath);
      known.add(variable);
      String override = env.get(variable);
      if (override != null) {
        node.put(key, convert(keyPath, variable, value, override));
      }
    }
  }

  public static String environmentName(String keyPath) {
    return PREFIX + keyPath.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
  }

  private static Object convert(String keyPath, String variable, Object current, String text) {
    try {
      if (current instanceof Boolean) {
        if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
          throw new IllegalArgumentException("expected true or false");
        }
        return Boolean.parseBoolean(text);
      }
      if (current instanceof Integer || current instanceof Long) {
        return Long.parseLong(text.trim());
      }
      if (current instanceof Number) {
        return Double.parseDouble(text.trim());
      }
      return text;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(variable + "=" + text + " is not valid for " + keyPath + ": "
          + e.getMessage(), e);
    }
  }

  public List<String> unknownOverrides() {
    return unknownOverrides;
  }

  private Object value(String path) {
    String[] parts = path.split("\\.");
    JsonObject node = root;
    for (int i = 0; i < parts.length - 1; i++) {
      node = node.getJsonObject(parts[i]);
      if (node == null) {
        throw new IllegalStateException("Missing configuration section for " + path);
      }
    }
    Object value = node.getValue(parts[parts.length - 1]);
    if (value == null) {
      throw new IllegalStateException("Missing configuration key " + path);
    }
    return value;
  }

  private <T> T typed(String path, Function<Object, T> conversion, String expected) {
    Object value = value(path);
    try {
      return conversion.apply(value);
    } catch (RuntimeException e) {
      throw new IllegalStateException("Configuration key " + path + " must be " + expected + ", not '" + value + "'");
    }
  }

  public String string(String path) {
    return typed(path, Object::toString, "text");
  }

  public int integer(String path) {
    return typed(path, v -> {
      Number n = (Number) v;
      if (n.doubleValue() != Math.rint(n.doubleValue())) {
        throw new IllegalArgumentException("not whole");
      }
      return Math.toIntExact(n.longValue());
    }, "a whole number");
  }

  public double number(String path) {
    return typed(path, v -> ((Number) v).doubleValue(), "a number");
  }

  public boolean flag(String path) {
    return typed(path, v -> (Boolean) v, "true or false");
  }

  /** A comma-separated list (as the environment gives it) or a YAML list. */
  public List<String> list(String path) {
    Object value = value(path);
    if (value instanceof io.vertx.core.json.JsonArray array) {
      return array.stream().map(Object::toString).toList();
    }
    return Arrays.stream(value.toString().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
