package dev.ebb.operator.bench;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Transaction;

/**
 * Enqueues jobs the way an Ebb producer does (docs/protocol.md of the worker runtime): {@code LPUSH} of fresh
 * envelopes onto {@code ebb:{q}:queue} and {@code HINCRBY ebb:{q}:stats enqueued n}, in one atomic step.
 */
final class QueueWriter implements AutoCloseable {

  private final Jedis redis;

  QueueWriter(String host, int port) {
    this.redis = new Jedis(host, port);
  }

  /** One producer call: {@code jobs} envelopes enqueued now on {@code queue}; {@code justBefore} runs first. */
  void enqueue(String queue, int jobs, Runnable justBefore) {
    String[] envelopes = envelopes(jobs);
    justBefore.run();
    Transaction step = redis.multi();
    step.lpush(waiting(queue), envelopes);
    step.hincrBy(stats(queue), "enqueued", jobs);
    step.exec();
  }

  /**
   * The same enqueue on every queue in one transaction: every queue grows at the same instant, when Redis runs the
   * {@code EXEC}; {@code justBefore} runs just before it is sent.
   */
  void enqueueEverywhere(List<String> queues, int jobs, Runnable justBefore) {
    Transaction burst = redis.multi();
    for (String queue : queues) {
      burst.lpush(waiting(queue), envelopes(jobs));
      burst.hincrBy(stats(queue), "enqueued", jobs);
    }
    justBefore.run();
    burst.exec();
  }

  long depth(String queue) {
    return redis.llen(waiting(queue));
  }

  private static String[] envelopes(int jobs) {
    long now = System.currentTimeMillis();
    String[] envelopes = new String[jobs];
    Arrays.setAll(envelopes, i -> "{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"bench\",\"payload\":null,"
        + "\"enqueuedAt\":" + now + ",\"attempt\":1,\"maxAttempts\":10}");
    return envelopes;
  }

  private static String waiting(String queue) {
    return "ebb:{" + queue + "}:queue";
  }

  private static String stats(String queue) {
    return "ebb:{" + queue + "}:stats";
  }

  @Override
  public void close() {
    redis.close();
  }
}
