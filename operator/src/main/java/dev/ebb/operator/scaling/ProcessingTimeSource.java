package dev.ebb.operator.scaling;

/** Where a pool's mean processing time came from; the status shows it next to the figure. */
public enum ProcessingTimeSource {
  /** No processing time is known yet: sizing falls back to {@code jobsPerReplica}. */
  NONE("none"),
  /** The queue's own records (RQ's working time over its job count, BullMQ's finishedOn - processedOn). */
  BACKEND("backend"),
  /** The mean of the live workers' heartbeats (Ebb's own protocol). */
  HEARTBEATS("heartbeats"),
  /**
   * Estimated by Little's law: jobs running now over jobs completed per second, for formats that count only busy
   * workers and completions (Sidekiq). A mean over the last polling interval; noisy when few jobs complete in it.
   */
  ESTIMATED("estimated");

  private final String text;

  ProcessingTimeSource(String text) {
    this.text = text;
  }

  /** The word the status shows. */
  public String text() {
    return text;
  }
}
