package dev.ebb.operator.scaling;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What the policy remembers between polls, passed in and handed back as a value. The reconciler keeps one per
 * pool in memory. Losing it (operator restart) is safe: from {@link #initial()} the policy scales up at once but
 * scales down only after it has watched the queue for a whole scale-down window, and goes to zero only after a
 * whole idle period.
 *
 * @param consecutiveFailures failed measurements in a row
 * @param observingSince      the first good measurement this state has seen
 * @param idleSince           since when no job has waited and none has run, if the pool is idle
 * @param history             recent recommendations, for the stabilization windows
 * @param lastArrivalRate     the arrival rate of the last good measurement, to confirm a rise (see
 *                            {@link #confirmedArrivalRate})
 */
public record ScalingState(int consecutiveFailures, Optional<Instant> observingSince, Optional<Instant> idleSince,
    RecommendationHistory history, OptionalDouble lastArrivalRate) {

  public ScalingState {
    Objects.requireNonNull(lastArrivalRate, "lastArrivalRate");
    Objects.requireNonNull(observingSince, "observingSince");
    Objects.requireNonNull(idleSince, "idleSince");
    Objects.requireNonNull(history, "history");
    if (consecutiveFailures < 0) {
      throw new IllegalArgumentException("consecutiveFailures must not be negative");
    }
  }

  public static ScalingState initial() {
    return new ScalingState(0, Optional.empty(), Optional.empty(), RecommendationHistory.empty(),
        OptionalDouble.empty());
  }

  /**
   * The arrival rate the policy sizes for: a fall counts at once, a rise only as far as the previous measurement
   * confirms it (the lower of the two). A batch enqueued at once inflates one poll's rate; it is backlog, sized by
   * the backlog term, not a new steady load. A sustained rise is confirmed one poll later.
   */
  OptionalDouble confirmedArrivalRate(OptionalDouble measured) {
    if (measured.isEmpty() || lastArrivalRate.isEmpty()) {
      return measured;
    }
    return OptionalDouble.of(Math.min(measured.getAsDouble(), lastArrivalRate.getAsDouble()));
  }

  /** True once good measurements have been seen for at least {@code window} before {@code now}. */
  public boolean observedFor(Duration window, Instant now) {
    return observingSince.map(since -> !since.plus(window).isAfter(now)).orElse(false);
  }

  /** True when the pool has been idle for at least {@code period} at {@code now}. */
  boolean idleFor(Duration period, Instant now) {
    return idleSince.map(since -> !since.plus(period).isAfter(now)).orElse(false);
  }

  ScalingState withHistory(RecommendationHistory nextHistory) {
    return new ScalingState(consecutiveFailures, observingSince, idleSince, nextHistory, lastArrivalRate);
  }

  /** One more failed measurement; idleness must be observed again from scratch afterwards. */
  ScalingState afterFailure() {
    return new ScalingState(consecutiveFailures + 1, observingSince, Optional.empty(), history, lastArrivalRate);
  }

  /** A good measurement: failures reset, idle-since started, kept or cleared, this arrival rate remembered. */
  ScalingState afterObservation(QueueObservation observation, Instant now) {
    Optional<Instant> nextIdleSince = observation.idle() ? Optional.of(idleSince.orElse(now)) : Optional.empty();
    return new ScalingState(0, Optional.of(observingSince.orElse(now)), nextIdleSince, history,
        observation.arrivalRate());
  }
}
