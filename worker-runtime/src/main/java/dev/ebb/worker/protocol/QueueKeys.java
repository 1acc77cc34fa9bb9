package dev.ebb.worker.protocol;

/**
 * The Redis keys of one queue in the {@code ebb} protocol (docs/protocol.md). Every key carries the hash tag
 * {@code {queue}}, so all keys of a queue live in one cluster slot and the Lua scripts may touch them together.
 */
public record QueueKeys(String queue) {

  public QueueKeys {
    if (queue == null || queue.isBlank() || queue.contains("{") || queue.contains("}")) {
      throw new IllegalArgumentException("queue name must be non-blank and contain no braces: " + queue);
    }
  }

  private String key(String suffix) {
    return "ebb:{" + queue + "}:" + suffix;
  }

  public String queueList() {
    return key("queue");
  }

  public String stats() {
    return key("stats");
  }

  public String retry() {
    return key("retry");
  }

  public String scheduled() {
    return key("scheduled");
  }

  public String dead() {
    return key("dead");
  }

  public String workers() {
    return key("workers");
  }

  /** Workers another worker reclaimed after their heartbeat expired, with their last beat (bounded by reclaim). */
  public String reclaimed() {
    return key("reclaimed");
  }

  /** Periodic schedules: name -> epoch ms of the last tick enqueued (or passed by). */
  public String periodic() {
    return key("periodic");
  }

  /** Periodic schedules as the workers declare them: name -> JSON (cron, type, payload, catchUp). */
  public String schedules() {
    return key("schedules");
  }

  public String worker(String workerId) {
    return key("worker:" + workerId);
  }

  public String inflight(String workerId) {
    return key("inflight:" + workerId);
  }

  /**
   * How often a peer reclaimed the worker's in-flight list (absent = 0). Each fetch carries the value the worker last
   * read; an ack or failure with an older one changes nothing.
   */
  public String epoch(String workerId) {
    return key("epoch:" + workerId);
  }
}
