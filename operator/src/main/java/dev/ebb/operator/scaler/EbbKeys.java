package dev.ebb.operator.scaler;

/**
 * The Redis keys of one queue in Ebb's worker protocol (docs/protocol.md). The hash tag {@code {queue}} keeps a
 * queue's keys in one cluster slot.
 */
record EbbKeys(String queue) {

  String waiting() {
    return prefix() + "queue";
  }

  String stats() {
    return prefix() + "stats";
  }

  String workers() {
    return prefix() + "workers";
  }

  String reclaimed() {
    return prefix() + "reclaimed";
  }

  String worker(String id) {
    return prefix() + "worker:" + id;
  }

  private String prefix() {
    return "ebb:{" + queue + "}:";
  }
}
