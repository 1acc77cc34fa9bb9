package dev.ebb.manifests;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the files under test live: the repository root is passed by Surefire as {@code ebb.root}. */
final class RepositoryLayout {

  private RepositoryLayout() {
  }

  static Path root() {
    Path root = Path.of(System.getProperty("ebb.root", "..")).toAbsolutePath().normalize();
    if (!Files.isDirectory(root.resolve("manifests"))) {
      throw new IllegalStateException("no manifests/ under " + root + ": set -Debb.root to the repository root");
    }
    return root;
  }

  static Path monitoring() {
    return root().resolve("manifests/monitoring");
  }

  static Path metricsDoc() {
    return root().resolve("docs/metrics.md");
  }
}
