package dev.ebb.operator;

import java.time.Instant;
import java.util.UUID;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Connection;
import redis.clients.jedis.JedisPooled;

/** Writes and drains a queue of Ebb's protocol (docs/protocol.md) the way producers and workers do, for tests. */
public final class EbbQueueWriter implements AutoCloseable {

  private final JedisPooled redis;

  public EbbQueueWriter(String host, int port) {
    // a PING on borrow: tests restart Redis under the writer, and a dead pooled connection must not fail a write
    GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
    pool.setTestOnBorrow(true);
    this.redis = new JedisPooled(pool, host, port);
  }

  /** LPUSHes {@code count} envelopes enqueued at {@code enqueuedAt} and counts them in {@code enqueued}. */
  public void enqueue(String queue, int count, Instant enqueuedAt) {
    try (AbstractPipeline pipeline = redis.pipelined()) {
      for (int i = 0; i < count; i++) {
        pipeline.lpush(key(queue, "queue"), "{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"demo\",\"payload\":{},"
            + "\"enqueuedAt\":" + enqueuedAt.toEpochMilli() + ",\"attempt\":0,\"maxAttempts\":10}");
      }
      pipeline.hincrBy(key(queue, "stats"), "enqueued", count);
      pipeline.sync();
    }
  }

  /** Takes every waiting job off the queue and counts it completed, as workers that finished them would. */
  public void drain(String queue) {
    long waiting = redis.llen(key(queue, "queue"));
    redis.del(key(queue, "queue"));
    redis.hincrBy(key(queue, "stats"), "completed", waiting);
  }

  public long depth(String queue) {
    return redis.llen(key(queue, "queue"));
  }

  public void flushAll() {
    redis.flushAll();
  }

  private static String key(String queue, String part) {
    return "ebb:{" + queue + "}:" + part;
  }

  @Override
  public void close() {
    redis.close();
  }
}
