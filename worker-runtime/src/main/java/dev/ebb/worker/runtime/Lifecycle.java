package dev.ebb.worker.runtime;

import java.time.Duration;

/**
 * The worker's shared state: running, quiet or stopping; whether its unfinished jobs were handed back (after which no
 * processor writes to Redis any more); whether the last Redis call succeeded (for {@code /readyz}); and when the
 * heartbeat was last published.
 *
 * <p>Processors fetch only while the heartbeat is fresh (published within {@code maxBeatAge}, two intervals): a worker
 * whose heartbeat may have expired may also have been reclaimed and removed from the workers set, and a job it fetched
 * before its next heartbeat would sit in an in-flight list that no other worker looks at, should it die right then.
 */
public final class Lifecycle {

  private final long maxBeatAgeMillis;
  private volatile long lastBeat;
  private volatile long epoch;

  private volatile WorkerState state = WorkerState.RUNNING;
  private volatile boolean handedBack;
  private volatile boolean redisReachable;

  public Lifecycle(Duration maxBeatAge) {
    this.maxBeatAgeMillis = maxBeatAge.toMillis();
  }

  public void beatPublished(long now, long currentEpoch) {
    lastBeat = now;
    epoch = currentEpoch;
  }

  /**
   * The fetch token: how often a peer had reclaimed this worker's in-flight list as of the last heartbeat. A fetch
   * carries the value read before it, so its token is never newer than the list it moved a job into.
   */
  public long epoch() {
    return epoch;
  }

  /** May processors fetch: running, and the heartbeat fresh. */
  public boolean heartbeatFresh(long now) {
    return now - lastBeat <= maxBeatAgeMillis;
  }

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
