package dev.ebb.operator.dashboard;

import dev.ebb.operator.scaling.ScalingDecision;
import dev.ebb.operator.scaling.ScalingReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The last {@link #SIZE} scaling decisions of one pool that are worth a line: those that moved the replicas, and
 * those whose reason differs from the decision before (a pool holding steady for an hour is one line, not 720).
 * A fixed ring; each entry keeps the policy's own sentence.
 */
final class DecisionLog {

  static final int SIZE = 100;

  private final long[] at = new long[SIZE];
  private final int[] from = new int[SIZE];
  private final int[] to = new int[SIZE];
  private final ScalingReason[] reason = new ScalingReason[SIZE];
  private final String[] message = new String[SIZE];
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
    at[next] = when.toEpochMilli();
    from[next] = current;
    to[next] = decision.desiredReplicas();
    reason[next] = decision.reason();
    message[next] = decision.message();
    next = (next + 1) % SIZE;
    count = Math.min(SIZE, count + 1);
    return true;
  }

  /** Newest first. */
  synchronized List<LoggedDecision> newestFirst() {
    List<LoggedDecision> result = new ArrayList<>(count);
    for (int i = 1; i <= count; i++) {
      int slot = Math.floorMod(next - i, SIZE);
      result.add(new LoggedDecision(Instant.ofEpochMilli(at[slot]), reason[slot], from[slot], to[slot],
          message[slot]));
    }
    return result;
  }
}
