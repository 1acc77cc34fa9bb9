package dev.ebb.manifests;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads. Not a parser: it removes what cannot be a metric name (strings, label
 * matchers, ranges, durations, Grafana variables, the label lists of by/without/on/ignoring/group_left/group_right,
 * numbers), then every identifier left that is neither a function call nor a keyword is a metric name. Grafana's
 * {@code label_values(expression, label)} counts as its expression.
 */
final class PromQlMetricNames {

  private static final Pattern GRAFANA_LABEL_VALUES = Pattern.compile("\\blabel_values\\s*\\((.*),\\s*\\w+\\s*\\)");
  private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
  private static final Pattern LABEL_MATCHERS = Pattern.compile("\\{[^}]*}");
  private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{?\\w+}?");
  private static final Pattern LABEL_LIST =
      Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
  private static final Pattern DURATION = Pattern.compile("\\b(\\d+(ms|s|m|h|d|w|y))+\\b");
  private static final Pattern NUMBER = Pattern.compile("\\b\\d+(\\.\\d+)?([eE][-+]?\\d+)?\\b");
  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without",
      "on", "ignoring", "group_left", "group_right", "inf", "nan", "atan2", "Inf", "NaN");

  private PromQlMetricNames() {
  }

  static Set<String> in(String expression) {
    Matcher labelValues = GRAFANA_LABEL_VALUES.matcher(expression);
    String rest = labelValues.find() ? labelValues.group(1) : expression;
    rest = STRING.matcher(rest).replaceAll(" ");
    rest = LABEL_MATCHERS.matcher(rest).replaceAll(" ");
    rest = RANGE.matcher(rest).replaceAll(" ");
    rest = VARIABLE.matcher(rest).replaceAll(" ");
    rest = LABEL_LIST.matcher(rest).replaceAll(" ");
    rest = DURATION.matcher(rest).replaceAll(" ");
    rest = NUMBER.matcher(rest).replaceAll(" ");
    Set<String> names = new TreeSet<>();
    Matcher matcher = IDENTIFIER.matcher(rest);
    while (matcher.find()) {
      String name = matcher.group();
      if (KEYWORDS.contains(name) || isCall(rest, matcher.end())) {
        continue;
      }
      names.add(name);
    }
    return names;
  }

  private static boolean isCall(String text, int end) {
    int i = end;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i < text.length() && text.charAt(i) == '(';
  }
}
