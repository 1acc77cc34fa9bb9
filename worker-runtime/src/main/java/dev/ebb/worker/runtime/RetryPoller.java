package dev.ebb.worker.runtime;

import dev.ebb.worker.protocol.QueueKeys;
import dev.ebb.worker.protocol.Scripts;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Moves due jobs from the retry and scheduled sets into the queue with the {@code promote} script, up to
 * {@value #LIMIT} per call and call after call while there are more. Every worker polls; the script makes each due job
 * move exactly once.
 */
public final class RetryPoller {

  private static final Logger log = LoggerFactory.getLogger(RetryPoller.class);
  static final int LIMIT = 1000;

  private final UnifiedJedis redis;
  private final QueueKeys keys;
  private final Clock clock;

  public RetryPoller(UnifiedJedis redis, QueueKeys keys, Clock clock) {
    this.redis = redis;
    this.keys = keys;
    this.clock = clock;
  }

  /** One poll of both sets; returns how many jobs became runnable (0 when Redis is unreachable). */
  public long poll() {
    try {
      return promote(keys.retry()) + promote(keys.scheduled());
    } catch (JedisException e) {
      log.debug("Retry poll skipped: {}", e.getMessage());
      return 0;
    }
  }

  private long promote(String set) {
    long total = 0;
    long moved;
    do {
      moved = (Long) Scripts.PROMOTE.run(redis, List.of(set, keys.queueList()),
          List.of(Long.toString(clock.millis()), Integer.toString(LIMIT)));
      total += moved;
    } while (moved == LIMIT);
    return total;
  }
}
