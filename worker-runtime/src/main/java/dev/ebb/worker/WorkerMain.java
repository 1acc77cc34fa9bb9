package dev.ebb.worker;

import dev.ebb.worker.admin.AdminCommand;
import dev.ebb.worker.config.WorkerConfig;
import dev.ebb.worker.runtime.Launcher;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar ebb-worker.jar [--queue mailer --concurrency 20 ...]}: runs a worker until SIGTERM, then exits 0
 * once its jobs finished or were handed back. Configuration: see {@link WorkerConfig} and the README.
 */
public final class WorkerMain {

  private static final Logger log = LoggerFactory.getLogger(WorkerMain.class);

  private WorkerMain() {
  }

  public static void main(String[] args) throws InterruptedException {
    if (AdminCommand.handles(args)) {
      System.exit(AdminCommand.run(args, System.getenv()));
      return;
    }
    WorkerConfig config;
    try {
      config = WorkerConfig.from(System.getenv(), List.of(args), hostname());
    } catch (IllegalArgumentException e) {
      log.error("Invalid configuration: {}", e.getMessage());
      System.exit(2);
      return;
    }
    Launcher launcher;
    try {
      launcher = Launcher.create(config, Clock.systemUTC());
    } catch (RuntimeException e) {
      log.error("Cannot start the worker: {}", e.getMessage(), e);
      System.exit(1);
      return;
    }
    ShutdownSignals.install(launcher); // before the first fetch: a SIGTERM from then on follows the protocol
    launcher.begin();
    launcher.awaitTermination();
    System.exit(0);
  }

  private static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown-host";
    }
  }
}
