package dev.ebb.worker.runtime;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

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
  private final AtomicInteger fetches = new AtomicInteger();

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

  /** A processor is about to look at the state and, unless quiet, fetch. */
  public void fetchStarted() {
    fetches.incrementAndGet();
  }

  public void fetchEnded() {
    fetches.decrementAndGet();
  }

  /**
   * After {@link #quiet()}: waits until no fetch is under way (a {@code BLMOVE} sent before the worker went quiet
   * returns within the fetch timeout), or until {@code deadlineNanos}; true when none is.
   */
  public boolean awaitNoFetch(long deadlineNanos) throws InterruptedException {
    while (fetches.get() > 0) {
      if (System.nanoTime() >= deadlineNanos) {
        return false;
      }
      Thread.sleep(5);
    }
    return true;
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
