package dev.ebb.operator.dashboard;

import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * A real browser for tests: Debian's headless {@code chromium}, one process per page load, each with a new profile.
 * Without it the browser tests are skipped with a message, except under {@code CI=true}, where they fail
 * ({@code .ci/run} installs it).
 *
 * <p>The flags keep Chromium off the network except for the page asked for (no background, component or sync
 * connections: this machine refuses them), and {@code --virtual-time-budget} lets the page's own script run before
 * the DOM is dumped.
 */
final class Chromium {

  static final String HOW_TO_GET_IT = "the browser tests need Debian's chromium on the PATH"
      + " (apt-get install -y chromium)";
  private static final List<String> NAMES = List.of("chromium", "chromium-browser");

  private final Path binary;

  private Chromium(Path binary) {
    this.binary = binary;
  }

  /** The browser, or a skipped test (a failed one under {@code CI=true}). */
  static Chromium require() {
    Optional<Path> found = NAMES.stream().flatMap(name -> Stream.of(System.getenv().getOrDefault("PATH", "")
        .split(":")).filter(dir -> !dir.isEmpty()).map(dir -> Path.of(dir, name))).filter(Files::isExecutable)
        .findFirst();
    if (found.isPresent()) {
      return new Chromium(found.get());
    }
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException("CI=true and no chromium: " + HOW_TO_GET_IT);
    }
    return abort("no chromium on the PATH: " + HOW_TO_GET_IT);
  }

  /** The DOM after the page's scripts ran for {@code budgetMillis} of virtual time, parsed. */
  Document dom(String url, int budgetMillis) throws IOException, InterruptedException {
    String html = run(List.of("--virtual-time-budget=" + budgetMillis, "--dump-dom", url), null);
    return Jsoup.parse(html, url);
  }

  /** A PNG of the page as a window of {@code width} x {@code height} shows it. */
  void screenshot(String url, Path png, int width, int height) throws IOException, InterruptedException {
    run(List.of("--virtual-time-budget=2000", "--hide-scrollbars", "--screenshot=" + png.toAbsolutePath(),
        "--window-size=" + width + "," + height, url), png);
  }

  private String run(List<String> what, Path expected) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory("ebb-chromium-");
    Path stdout = profile.resolve("stdout.html");
    Path stderr = profile.resolve("stderr.log");
    List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-extensions", "--no-first-run", "--no-default-browser-check",
        "--user-data-dir=" + profile.resolve("profile")));
    command.addAll(what);
    Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
        .start();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("chromium did not finish within 60s: " + what);
      }
      if (process.exitValue() != 0 || (expected != null && !Files.isRegularFile(expected))) {
        throw new IllegalStateException("chromium exited " + process.exitValue() + " for " + what + ": "
            + Files.readString(stderr).lines().reduce((a, b) -> b).orElse(""));
      }
      return Files.readString(stdout, StandardCharsets.UTF_8);
    } finally {
      process.destroyForcibly();
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
