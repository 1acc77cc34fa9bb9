package dev.ebb.operator.event;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many Events the operator writes into one namespace: a token bucket per namespace ({@code burst} Events at once,
 * then one per {@code every}), so one tenant whose pools flap cannot fill the shared Event writer or the API server's
 * Event storage for everyone. Kubernetes' own event recorder limits the same way (a burst of 25, then one per
 * 5 minutes per object). Pure but for the clock it is given.
 */
final class EventRateLimit {

  private final Clock clock;
  private final int burst;
  private final Duration every;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  EventRateLimit(Clock clock, int burst, Duration every) {
    this.clock = clock;
    this.burst = burst;
    this.every = every;
  }

  /** Whether an Event may be written into {@code namespace} now; takes a token when it may. */
  boolean tryAcquire(String namespace) {
    Instant now = clock.instant();
    Bucket bucket = buckets.compute(namespace, (ns, b) -> (b == null ? new Bucket(burst, now) : b).refill(now));
    synchronized (bucket) {
      if (bucket.tokens < 1) {
        return false;
      }
      bucket.tokens--;
      return true;
    }
  }

  private final class Bucket {
    private double tokens;
    private Instant at;

    Bucket(double tokens, Instant at) {
      this.tokens = tokens;
      this.at = at;
    }

    synchronized Bucket refill(Instant now) {
      if (now.isAfter(at)) {
        tokens = Math.min(burst, tokens + (double) Duration.between(at, now).toNanos() / every.toNanos());
        at = now;
      }
      return this;
    }
  }
}
