package dev.ebb.worker;

import dev.ebb.worker.runtime.Launcher;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into the worker's shutdown protocol: the first asks for a graceful stop, the second for an
 * immediate one (hand back and exit).
 *
 * <p>Why {@code sun.misc.Signal} and not only a shutdown hook: with the JVM's own handler, SIGTERM starts the JVM's
 * shutdown, a second SIGTERM can no longer be observed (the JVM is already exiting), and the exit status is 143 unless
 * a hook ends with {@code Runtime.halt(0)}. Handling the signal ourselves keeps the JVM running while the launcher
 * drains, lets {@code main} exit normally with {@code System.exit(0)}, and sees the second signal. A shutdown hook
 * remains as a safety net for any other way the JVM is asked to exit (e.g. SIGHUP): it drains the launcher the same
 * way, then halts with 0, because a hook cannot change the exit status otherwise.
 */
final class ShutdownSignals {

  private static final Logger log = LoggerFactory.getLogger(ShutdownSignals.class);

  private ShutdownSignals() {
  }

  static void install(Launcher launcher) {
    AtomicInteger received = new AtomicInteger();
    for (String name : new String[] {"TERM", "INT"}) {
      try {
        Signal.handle(new Signal(name), signal -> {
          if (received.incrementAndGet() == 1) {
            log.info("SIG{} received: graceful shutdown", signal.getName());
            launcher.requestStop();
          } else {
            log.info("SIG{} received again: handing back running jobs and exiting now", signal.getName());
            launcher.requestStopNow();
          }
        });
      } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
        log.warn("Cannot handle SIG{} ({}); relying on the shutdown hook", name, e.getMessage());
      }
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (launcher.isTerminated()) {
        return;
      }
      log.info("JVM shutting down: graceful stop");
      launcher.requestStop();
      try {
        launcher.awaitTermination();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      Runtime.getRuntime().halt(0);
    }, "ebb-shutdown-hook"));
  }
}
