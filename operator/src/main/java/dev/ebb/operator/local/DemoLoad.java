package dev.ebb.operator.local;

import java.time.Clock;
import java.util.UUID;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.JedisPooled;

/**
 * Demo traffic for {@code ebb local --demo}, written as a producer of the ebb protocol does (docs/protocol.md): a quiet
 * start, a burst, a steady trickle, then silence, so one run shows activation, scale-up, steady state, scale-down and
 * scale to zero.
 */
final class DemoLoad {

  private final JedisPooled redis;
  private final String queue;
  private final Clock clock;

  DemoLoad(JedisPooled redis, String queue, Clock clock) {
    this.redis = redis;
    this.queue = queue;
    this.clock = clock;
  }

  /** Jobs to enqueue in the second that starts {@code second} seconds into the run. */
  static int jobsAt(long second) {
    if (second < 4) {
      return 0;
    }
    if (second == 4) {
      return 600;
    }
    if (second < 40) {
      return 8;
    }
    return 0;
  }

  void enqueue(int count) {
    if (count == 0) {
      return;
    }
    long now = clock.millis();
    try (AbstractPipeline pipeline = redis.pipelined()) {
      for (int i = 0; i < count; i++) {
        pipeline.lpush(key("queue"), "{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"demo\","
            + "\"payload\":{\"sleepMs\":200},\"enqueuedAt\":" + now + ",\"attempt\":0,\"maxAttempts\":3}");
      }
      pipeline.hincrBy(key("stats"), "enqueued", count);
      pipeline.sync();
    }
  }

  private String key(String part) {
    return "ebb:{" + queue + "}:" + part;
  }
}
