package dev.ebb.operator.dashboard;

import java.time.Duration;
import java.util.OptionalInt;

/**
 * What the actuator knows of a pool besides its queue: its bounds, the replicas it runs and how many are ready, its
 * conditions in a few words, and when a worker's heartbeat counts as stale.
 *
 * @param conditions e.g. "Ready, Active" or "not Ready: AddressNotAllowed"
 */
public record PoolFacts(int min, int max, OptionalInt replicas, OptionalInt ready, String conditions,
    Duration staleAfter) {
}
