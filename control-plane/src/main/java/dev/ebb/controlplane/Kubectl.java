package dev.ebb.controlplane;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** kubectl, as the admin of the test cluster: what a user types. */
public final class Kubectl {

  private final Path kubectl;
  private final Path kubeconfig;

  public Kubectl(Path kubectl, Path kubeconfig) {
    this.kubectl = kubectl;
    this.kubeconfig = kubeconfig;
  }

  /** Runs kubectl with {@code args}, {@code stdin} on its input; returns its output, or throws with it. */
  public String run(String stdin, String... args) {
    Result result = tryRun(stdin, args);
    if (result.exitCode() != 0) {
      throw new IllegalStateException("kubectl " + String.join(" ", args) + " exited " + result.exitCode() + ":\n"
          + result.output());
    }
    return result.output();
  }

  public Result tryRun(String stdin, String... args) {
    List<String> command = new ArrayList<>(List.of(kubectl.toString(), "--kubeconfig=" + kubeconfig));
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      if (stdin != null) {
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
      }
      process.getOutputStream().close();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("kubectl " + String.join(" ", args) + " did not finish");
      }
      return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot run kubectl", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** What kubectl printed, and how it exited. */
  public record Result(int exitCode, String output) {
  }
}
