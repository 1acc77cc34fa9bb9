package dev.ebb.operator.scaler.sqs;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How long an SQS backlog that nobody has touched has waited, from the counts of successive polls: SQS tells
 * {@code GetQueueAttributes} no message age (only CloudWatch has one), but a queue seen empty, then with messages that
 * no poll has seen in flight and whose visible count never fell, holds only messages sent after it was empty and
 * received by no one since. Its oldest message has then waited at least since the first poll that saw the backlog,
 * and at most one polling interval more: that lower bound is the estimate. It is the case that matters most, a pool
 * at zero or whose workers all stopped, whose first job waits while nothing consumes. Once a message is in flight or
 * the count falls (something consumes), or before the queue was first seen empty, the age is unknown: an estimate
 * from the depth alone could not tell old messages from new ones. Pure apart from its own memory; one per scaler.
 */
final class UntouchedBacklog {

  private Instant seenEmptyAt;
  private Instant backlogSeenAt;
  private long lastVisible;
  private boolean touched;

  /** The estimated age of the oldest visible message after this poll, if the backlog is untouched. */
  synchronized Optional<Duration> observe(long visible, long inFlight, Instant at) {
    if (visible == 0) {
      seenEmptyAt = inFlight == 0 ? at : null; // messages in flight may come back: not a clean start
      backlogSeenAt = null;
      touched = false;
      lastVisible = 0;
      return Optional.empty();
    }
    if (inFlight > 0 || visible < lastVisible) {
      touched = true;
    }
    lastVisible = visible;
    if (backlogSeenAt == null) {
      backlogSeenAt = at;
    }
    if (touched || seenEmptyAt == null) {
      return Optional.empty();
    }
    return Optional.of(Duration.between(backlogSeenAt, at));
  }
}
