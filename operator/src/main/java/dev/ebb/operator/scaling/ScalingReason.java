package dev.ebb.operator.scaling;

/** Why the policy chose its replica count; {@link #reason()} is the CamelCase form for conditions and events. */
public enum ScalingReason {
  /** {@code scaling.paused}: the current replicas are held. */
  PAUSED("Paused"),
  /** The queue could not be measured; the current replicas are held until the fallback applies. */
  MEASUREMENT_FAILED("MeasurementFailed"),
  /** Too many consecutive failed measurements: the fallback replicas (or the current ones, if none is set). */
  FALLBACK("Fallback"),
  /** From 0 to at least 1 as soon as a job waits, without any window. */
  ACTIVATION("Activation"),
  /** To 0 after the pool was idle for {@code scaleToZeroAfter}. */
  SCALE_TO_ZERO("ScaleToZero"),
  SCALE_UP("ScaleUp"),
  SCALE_DOWN("ScaleDown"),
  /** The recommendation moved but a stabilization window holds the replicas (or moves them less). */
  STABILIZED("Stabilized"),
  /** The recommendation moved by less than the tolerance: not worth a change. */
  WITHIN_TOLERANCE("WithinTolerance"),
  /** The recommendation is the current replica count. */
  STEADY("Steady");

  private final String reason;

  ScalingReason(String reason) {
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
