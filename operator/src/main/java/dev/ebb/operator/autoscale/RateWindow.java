package dev.ebb.operator.autoscale;

import dev.ebb.operator.scaler.QueueReading;
import dev.ebb.operator.scaling.QueueObservation;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A pool's last minute of counter samples, for the rates {@link QueueSignals} derives over more than one polling
 * interval: a format whose completion counter moves in steps (Sidekiq adds to {@code stat:processed} every 5 s) gives a
 * jumpy rate over one interval, and a Little's-law estimate or a derived arrival rate made from it would jump too.
 * Only numbers are kept, never heartbeats. Used by one poll at a time.
 */
final class RateWindow {

  static final Duration LENGTH = Duration.ofMinutes(1);
  private static final long NANOS = 1_000_000_000L;

  // a ring of primitive columns, oldest at head: a minute at 1 s polling is 60 samples, about 1.7 KB
  private long[] atNanos = new long[8];
  private long[] completed = new long[8];
  private long[] depth = new long[8];
  private int[] running = new int[8];
  private int head;
  private int size;

  /** The oldest sample of the window, taken before {@code now}; empty before the first good reading. */
  synchronized Optional<Sample> start(Instant now) {
    long windowStart = nanos(now.minus(LENGTH));
    while (size > 1 && atNanos[head] < windowStart) {
      head = (head + 1) % atNanos.length;
      size--;
    }
    if (size == 0) {
      return Optional.empty();
    }
    return Optional.of(new Sample(Instant.ofEpochSecond(Math.floorDiv(atNanos[head], NANOS),
        Math.floorMod(atNanos[head], NANOS)), completed[head], depth[head], running[head]));
  }

  synchronized void record(QueueReading reading, QueueObservation observed) {
    if (reading.completedTotal().isEmpty()) {
      return;
    }
    if (size == atNanos.length) {
      grow();
    }
    int slot = (head + size) % atNanos.length;
    atNanos[slot] = nanos(reading.readAt());
    completed[slot] = reading.completedTotal().getAsLong();
    depth[slot] = reading.depth();
    running[slot] = observed.runningJobs();
    size++;
  }

  private void grow() {
    int capacity = atNanos.length * 2;
    long[] at = new long[capacity];
    long[] done = new long[capacity];
    long[] waiting = new long[capacity];
    int[] busy = new int[capacity];
    for (int i = 0; i < size; i++) {
      int from = (head + i) % atNanos.length;
      at[i] = atNanos[from];
      done[i] = completed[from];
      waiting[i] = depth[from];
      busy[i] = running[from];
    }
    atNanos = at;
    completed = done;
    depth = waiting;
    running = busy;
    head = 0;
  }

  private static long nanos(Instant at) {
    return at.getEpochSecond() * NANOS + at.getNano();
  }

  /** One reading's counters: when, jobs completed so far, waiting and running then. */
  record Sample(Instant at, long completed, long depth, int running) {
  }
}
