package dev.ebb.operator.scaling;

/**
 * What one poll of the queue and the workers produced: either a {@link QueueObservation} or a
 * {@link FailedMeasurement}. A failed measurement is never read as an empty queue.
 */
public sealed interface Measurement permits QueueObservation, FailedMeasurement {
}
