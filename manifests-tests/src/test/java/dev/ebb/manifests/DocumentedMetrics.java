package dev.ebb.manifests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names that docs/metrics.md documents: every {@code `name`} in its tables' first column. A histogram or
 * timer documented by its base name also covers the series Prometheus derives from it.
 */
final class DocumentedMetrics {

  private static final Pattern TABLE_NAME = Pattern.compile("^\\|\\s*`([a-zA-Z_:][a-zA-Z0-9_:]*)`", Pattern.MULTILINE);
  private static final String[] DERIVED_SUFFIXES = {"_bucket", "_count", "_sum", "_max"};

  private final Set<String> names;

  private DocumentedMetrics(Set<String> names) {
    this.names = names;
  }

  static DocumentedMetrics from(Path markdown) throws IOException {
    Set<String> names = new TreeSet<>();
    Matcher matcher = TABLE_NAME.matcher(Files.readString(markdown));
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return new DocumentedMetrics(names);
  }

  Set<String> names() {
    return names;
  }

  boolean documents(String series) {
    if (names.contains(series)) {
      return true;
    }
    for (String suffix : DERIVED_SUFFIXES) {
      if (series.endsWith(suffix) && names.contains(series.substring(0, series.length() - suffix.length()))) {
        return true;
      }
    }
    return false;
  }
}
