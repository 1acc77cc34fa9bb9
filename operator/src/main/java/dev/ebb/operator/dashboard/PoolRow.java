package dev.ebb.operator.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A pool's line in the list: its facts and its latest poll.
 *
 * @param facts empty until the actuator described the pool
 * @param desired the replicas of the latest decision
 * @param depth empty when the queue was not measured (yet, or on the last poll)
 * @param failure why the last poll failed, when it did
 * @param polledAt the time of the last poll, when there was one
 */
public record PoolRow(PoolKey key, Optional<PoolFacts> facts, OptionalInt desired, OptionalLong depth,
    Optional<Duration> oldestAge, Optional<Duration> processingTime, Optional<String> failure,
    Optional<Instant> polledAt) {
}
