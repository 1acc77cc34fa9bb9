package dev.ebb.operator.scaler;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The fields of an HMGET reply by name, and numbers read leniently from a tenant's strings. */
final class HashReply {

  private HashReply() {
  }

  /** The fields that have a value; none at all when the hash does not exist (an expired heartbeat). */
  static Map<String, String> fields(String[] names, List<String> values) {
    Map<String, String> present = new HashMap<>();
    for (int i = 0; i < names.length; i++) {
      if (values.get(i) != null) {
        present.put(names[i], values.get(i));
      }
    }
    return present;
  }

  /** The number {@code text} holds, or {@code fallback} when it is missing or not a number. */
  static double number(String text, double fallback) {
    if (text == null || text.isEmpty()) {
      return fallback;
    }
    try {
      double value = Double.parseDouble(text);
      return Double.isFinite(value) ? value : fallback;
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
