package dev.ebb.operator.scaler;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Whether a queue library the format tests run for real (Sidekiq, RQ, Celery, ...) is installed. Under {@code CI=true}
 * a missing library fails the test, since {@code .ci/run} installs it; on a developer's machine the test is skipped
 * with a message naming the package to install.
 */
final class InstalledLibrary {

  private InstalledLibrary() {
  }

  /**
   * Runs {@code probe} (e.g. {@code ruby -e 'require "sidekiq"'}); its exit code 0 means the library is there.
   *
   * @param debianPackage what installs it, named in the message
   */
  static void require(String debianPackage, List<String> probe) {
    String problem = problem(probe);
    if (problem == null) {
      return;
    }
    String message = debianPackage + " is needed for this test (" + problem + "): apt-get install " + debianPackage;
    if ("true".equals(System.getenv("CI"))) {
      fail(message);
    }
    abort(message);
  }

  private static String problem(List<String> probe) {
    try {
      Process process = new ProcessBuilder(probe).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return String.join(" ", probe) + " did not finish";
      }
      return process.exitValue() == 0 ? null : String.join(" ", probe) + " exited " + process.exitValue();
    } catch (IOException e) {
      return probe.get(0) + " cannot run: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }
}
