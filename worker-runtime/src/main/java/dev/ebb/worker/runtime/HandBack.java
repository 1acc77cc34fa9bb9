package dev.ebb.worker.runtime;

import dev.ebb.worker.protocol.QueueKeys;
import dev.ebb.worker.protocol.Scripts;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * The last step of a shutdown: every job still in this worker's in-flight list goes back to the front of the queue
 * in one {@code handback} script call. Retried with backoff for a short while; if Redis stays unreachable the jobs
 * stay in the list and another worker reclaims them once the heartbeat expired.
 */
final class HandBack {

  private static final Logger log = LoggerFactory.getLogger(HandBack.class);
  static final Duration PATIENCE = Duration.ofSeconds(2);

  private final UnifiedJedis redis;
  private final List<String> keys;

  HandBack(UnifiedJedis redis, QueueKeys queueKeys, String workerId) {
    this.redis = redis;
    this.keys = List.of(queueKeys.inflight(workerId), queueKeys.queueList());
  }

  /** The number of jobs handed back, or -1 when Redis stayed unreachable. */
  long run() {
    long giveUpAt = System.nanoTime() + PATIENCE.toNanos();
    Backoff backoff = new Backoff();
    while (true) {
      try {
        return (Long) Scripts.HANDBACK.run(redis, keys, List.of());
      } catch (RuntimeException e) {
        if (System.nanoTime() > giveUpAt || !backoff.pause()) {
          log.warn("Cannot hand back in-flight jobs ({}); they return to the queue when the heartbeat expires",
              e.getMessage());
          return -1;
        }
      }
    }
  }
}
