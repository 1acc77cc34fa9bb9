package dev.ebb.operator.scaler.postgres;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A completion counter for a format that keeps finished rows with their finish time (solid_queue, good_job, river):
 * each poll counts the rows that finished since the previous poll's server time (the watermark, bound to the query as
 * epoch seconds) and adds them up. The first poll only sets the watermark. Until a first completion is counted the
 * counter is not reported: an app that deletes finished rows (Solid Queue's preserve_finished_jobs = false) would
 * otherwise look like one that completes nothing. A row whose finishing transaction was still open at a poll is not
 * counted (a slight undercount). A scaler is polled by one thread at a time.
 */
final class Completions {

  /** The column with the rows finished since the watermark. */
  static final String FINISHED_SINCE = "finished_since";
  /** The column with the server's time of this poll, epoch seconds. */
  static final String SERVER_NOW = "server_now";

  private OptionalDouble watermark = OptionalDouble.empty();
  private long total;
  private boolean seen;

  /** The watermark to bind, or null before the first poll. */
  Double watermark() {
    return watermark.isPresent() ? watermark.getAsDouble() : null;
  }

  /** Adds this poll's count (when there was a watermark) and moves the watermark to the server's time. */
  void record(long finishedSince, double serverNow) {
    if (watermark.isPresent() && finishedSince > 0) {
      total += finishedSince;
      seen = true;
    }
    watermark = OptionalDouble.of(serverNow);
  }

  OptionalLong total() {
    return seen ? OptionalLong.of(total) : OptionalLong.empty();
  }
}
