package dev.ebb.operator.local;

/**
 * A shutdown hook for the ways the JVM may exit that {@link StopSignals} does not see (an uncaught error, a
 * {@code System.exit}): it kills the worker processes and stops the private Redis, so that no child outlives
 * {@code ebb local}. Removed again by {@link #close()} on the normal path, which drains the workers first.
 */
final class ChildrenOnExit implements AutoCloseable {

  private final Thread hook;

  private ChildrenOnExit(Thread hook) {
    this.hook = hook;
  }

  static ChildrenOnExit stop(LocalWorkers workers, AutoCloseable redis) {
    Thread hook = new Thread(() -> {
      workers.killAll();
      try {
        redis.close();
      } catch (Exception e) {
        // exiting anyway
      }
    }, "ebb-local-children");
    Runtime.getRuntime().addShutdownHook(hook);
    return new ChildrenOnExit(hook);
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException exiting) {
      // the JVM is already shutting down: the hook runs
    }
  }
}
