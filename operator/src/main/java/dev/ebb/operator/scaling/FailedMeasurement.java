package dev.ebb.operator.scaling;

import java.util.Objects;

/** The queue could not be measured this poll; {@code cause} is a short, human sentence for the status. */
public record FailedMeasurement(String cause) implements Measurement {

  public FailedMeasurement {
    Objects.requireNonNull(cause, "cause");
  }
}
