package dev.ebb.worker.runtime;

/**
 * The worker's shared state: running, quiet or stopping; whether its unfinished jobs were handed back (after which no
 * processor writes to Redis any more); and whether the last Redis call succeeded (for {@code /readyz}).
 */
public final class Lifecycle {

  private volatile WorkerState state = WorkerState.RUNNING;
  private volatile boolean handedBack;
  private volatile boolean redisReachable;

  public WorkerState state() {
    return state;
  }

  public boolean fetching() {
    return state == WorkerState.RUNNING;
  }

  public void quiet() {
    if (state == WorkerState.RUNNING) {
      state = WorkerState.QUIET;
    }
  }

  public void stopping() {
    state = WorkerState.STOPPING;
  }

  public boolean handedBack() {
    return handedBack;
  }

  public void markHandedBack() {
    handedBack = true;
  }

  public boolean redisReachable() {
    return redisReachable;
  }

  /** Records the outcome of a Redis call; true when it flipped reachability (the caller that should log it). */
  public synchronized boolean redisCall(boolean succeeded) {
    if (redisReachable == succeeded) {
      return false;
    }
    redisReachable = succeeded;
    return true;
  }
}
