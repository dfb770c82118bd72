package org.gridpatrol.domain.cases;

import java.util.List;
import java.util.Map;

/** Reading parsed configuration (YAML or JSON as maps and lists), with errors that name the path. */
final class ConfigMaps {
  private ConfigMaps() {}

  static Map<?, ?> map(Object value, String path) {
    if (value instanceof Map<?, ?> map) {
      return map;
    }
    throw new IllegalArgumentException(path + " must be a map");
  }

  static List<?> list(Map<?, ?> map, String key, String path) {
    Object value = map.get(key);
    if (value instanceof List<?> list) {
      return list;
    }
    throw new IllegalArgumentException(path + "." + key + " must be a list");
  }

  static String text(Map<?, ?> map, String key, String path) {
    Object value = map.get(key);
    if (value instanceof String text && !text.isBlank()) {
      return text;
    }
    throw new IllegalArgumentException(path + "." + key + " must be a non-empty text");
  }

  static String optionalText(Map<?, ?> map, String key, String path) {
    return map.get(key) == null ? null : text(map, key, path);
  }

  static double number(Map<?, ?> map, String key, String path) {
    if (map.get(key) instanceof Number number) {
      return number.doubleValue();
    }
    throw new IllegalArgumentException(path + "." + key + " must be a number");
  }
}
