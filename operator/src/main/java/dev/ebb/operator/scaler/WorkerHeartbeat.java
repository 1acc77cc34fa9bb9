package dev.ebb.operator.scaler;

import java.time.Instant;
import java.util.OptionalDouble;

/**
 * One worker as its heartbeat describes it (see docs/protocol.md, "What the operator reads").
 *
 * @param id the worker's id
 * @param pod its pod name, or empty when unknown
 * @param state running, quiet or stopping; {@code expired} when only its registration is left
 * @param busy jobs it is running
 * @param concurrency jobs it can run at once
 * @param meanProcessingMillis mean processing time over its recent window, when it has done jobs
 * @param lastBeat when it last reported
 */
public record WorkerHeartbeat(
    String id,
    String pod,
    String state,
    int busy,
    int concurrency,
    OptionalDouble meanProcessingMillis,
    Instant lastBeat) {

  public static final String EXPIRED = "expired";

  public boolean expired() {
    return EXPIRED.equals(state);
  }
}
