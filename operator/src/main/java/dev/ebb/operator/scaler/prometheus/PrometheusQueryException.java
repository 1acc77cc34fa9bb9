package dev.ebb.operator.scaler.prometheus;

import dev.ebb.operator.scaler.ScalerException;

/**
 * A failed query, with a reason from a fixed vocabulary that the pool's author may see ("depthQuery returned 3 series;
 * aggregate it (sum(...))"): what to change in the pool, never what the server said (that stays in the detail).
 */
final class PrometheusQueryException extends ScalerException {

  private final String reason;

  PrometheusQueryException(Kind kind, String server, String reason, String detail, Throwable cause) {
    super(kind, PrometheusBackend.DISPLAY_NAME, server, reason + (detail.isEmpty() ? "" : "; " + detail), cause);
    this.reason = reason;
  }

  /** The public reason: which query, and what is wrong with its answer. */
  String reason() {
    return reason;
  }

  @Override
  public String publicMessage() {
    return super.publicMessage() + ": " + reason;
  }
}
