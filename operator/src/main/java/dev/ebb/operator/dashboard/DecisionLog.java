package dev.ebb.operator.dashboard;

import dev.ebb.operator.scaling.ScalingDecision;
import dev.ebb.operator.scaling.ScalingReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The last {@link #SIZE} scaling decisions of one pool that are worth a line: those that moved the replicas, and
 * those whose reason differs from the decision before (a pool holding steady for an hour is one line, not 720).
 * A ring that grows to its size as decisions come; each entry keeps the policy's own sentence.
 */
final class DecisionLog {

  static final int SIZE = 100;
  private static final int FIRST_CAPACITY = 4;

  // columns that grow to SIZE as decisions come (most pools log a few), then turn into a ring
  private long[] at = new long[FIRST_CAPACITY];
  private int[] from = new int[FIRST_CAPACITY];
  private int[] to = new int[FIRST_CAPACITY];
  private ScalingReason[] reason = new ScalingReason[FIRST_CAPACITY];
  private String[] message = new String[FIRST_CAPACITY];
  private int next;
  private int count;
  private ScalingReason lastReason;

  /** Keeps the decision when it is worth a line; returns whether it did. */
  synchronized boolean offer(Instant when, ScalingDecision decision, int current) {
    boolean moved = decision.desiredReplicas() != current;
    boolean newReason = decision.reason() != lastReason;
    lastReason = decision.reason();
    if (!moved && !newReason) {
      return false;
    }
    if (count == at.length && at.length < SIZE) {
      grow(Math.min(SIZE, at.length * 2));
    }
    at[next] = when.toEpochMilli();
    from[next] = current;
    to[next] = decision.desiredReplicas();
    reason[next] = decision.reason();
    message[next] = decision.message();
    next = (next + 1) % at.length;
    count = Math.min(at.length, count + 1);
    return true;
  }

  /** Newest first. */
  synchronized List<LoggedDecision> newestFirst() {
    List<LoggedDecision> result = new ArrayList<>(count);
    for (int i = 1; i <= count; i++) {
      int slot = Math.floorMod(next - i, at.length);
      result.add(new LoggedDecision(Instant.ofEpochMilli(at[slot]), reason[slot], from[slot], to[slot],
          message[slot]));
    }
    return result;
  }

  /** Only while the log is not full yet, so its entries are in slots 0 .. count - 1, oldest first. */
  private void grow(int capacity) {
    at = Arrays.copyOf(at, capacity);
    from = Arrays.copyOf(from, capacity);
    to = Arrays.copyOf(to, capacity);
    reason = Arrays.copyOf(reason, capacity);
    message = Arrays.copyOf(message, capacity);
    next = count;
  }
}
