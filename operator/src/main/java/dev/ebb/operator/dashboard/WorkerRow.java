package dev.ebb.operator.dashboard;

import java.time.Instant;
import java.util.OptionalDouble;

/** One worker as its last heartbeat describes it, and whether that heartbeat is stale. */
public record WorkerRow(String pod, String state, int busy, int concurrency, OptionalDouble meanProcessingMillis,
    Instant lastBeat, boolean stale) {
}
