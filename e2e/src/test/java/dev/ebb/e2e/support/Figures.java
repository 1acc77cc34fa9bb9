package dev.ebb.e2e.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * The figures a scenario measured (timings, counts), printed and collected in {@code target/e2e/figures.txt} for
 * the closing note of a run.
 */
public final class Figures {

  private Figures() {
  }

  public static void record(String scenario, String figure) {
    String line = "[e2e] " + scenario + ": " + figure;
    System.out.println(line);
    Path file = Path.of(System.getProperty("ebb.workDir", "target/e2e"), "figures.txt");
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      System.err.println("cannot write " + file + ": " + e.getMessage());
    }
  }

  public static String seconds(Duration duration) {
    return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }
}
