package dev.ebb.operator.autoscale;

import dev.ebb.operator.scaler.QueueReading;
import dev.ebb.operator.scaling.QueueObservation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * A pool's last minute of counter samples, for the rates {@link QueueSignals} derives over more than one polling
 * interval: a format whose completion counter moves in steps (Sidekiq adds to {@code stat:processed} every 5 s) gives a
 * jumpy rate over one interval, and a Little's-law estimate or a derived arrival rate made from it would jump too.
 * Only numbers are kept, never heartbeats. Used by one poll at a time.
 */
final class RateWindow {

  static final Duration LENGTH = Duration.ofMinutes(1);

  private final Deque<Sample> samples = new ArrayDeque<>();

  /** The oldest sample of the window, taken before {@code now}; empty before the first good reading. */
  synchronized Optional<Sample> start(Instant now) {
    while (samples.size() > 1 && samples.peekFirst().at().isBefore(now.minus(LENGTH))) {
      samples.removeFirst();
    }
    return Optional.ofNullable(samples.peekFirst());
  }

  synchronized void record(QueueReading reading, QueueObservation observed) {
    if (reading.completedTotal().isEmpty()) {
      return;
    }
    samples.addLast(new Sample(reading.readAt(), reading.completedTotal().getAsLong(), reading.depth(),
        observed.runningJobs()));
  }

  /** One reading's counters: when, jobs completed so far, waiting and running then. */
  record Sample(Instant at, long completed, long depth, int running) {
  }
}
