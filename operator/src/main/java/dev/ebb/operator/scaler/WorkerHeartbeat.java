package dev.ebb.operator.scaler;

import java.time.Instant;
import java.util.OptionalDouble;

/**
 * One worker as its heartbeat describes it (see docs/protocol.md, "What the operator reads").
 *
 * @param id the worker's id, {@code <pod>:<unique>}
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

  /**
   * A worker whose heartbeat hash expired (it is dead, hung, or a peer reclaimed its jobs): only its id and last beat
   * are left, and its pod is the id's first part.
   */
  public static WorkerHeartbeat ofExpired(String id, Instant lastBeat) {
    return new WorkerHeartbeat(id, podOf(id), EXPIRED, 0, 0, OptionalDouble.empty(), lastBeat);
  }

  /** The pod a worker id names: its text before the first {@code :}; empty when the id has no {@code :}. */
  public static String podOf(String id) {
    int colon = id.indexOf(':');
    return colon < 0 ? "" : id.substring(0, colon);
  }

  public boolean expired() {
    return EXPIRED.equals(state);
  }
}
