package dev.ebb.worker.runtime;

import dev.ebb.worker.protocol.QueueKeys;
import dev.ebb.worker.protocol.Scripts;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Writes the end of each attempt to Redis for one processor: acks (buffered, then one {@code ack} script call for the
 * whole buffer) and failures (one {@code fail} script call: retry set or dead-letter list). When Redis is unreachable
 * it retries with backoff until it succeeds or the worker has handed back its jobs; until then the job stays in the
 * in-flight list, so it is never lost, at worst run again.
 */
final class OutcomeRecorder {

  private static final Logger log = LoggerFactory.getLogger(OutcomeRecorder.class);

  private final UnifiedJedis redis;
  private final QueueKeys keys;
  private final byte[][] ackKeys;
  private final byte[][] failKeys;
  private final OwnedJobs owned;
  private final Lifecycle lifecycle;
  private final int deadLetterCap;
  private final List<byte[]> pendingAcks = new ArrayList<>();
  private long firstPendingAt;

  OutcomeRecorder(UnifiedJedis redis, QueueKeys keys, String workerId, OwnedJobs owned, Lifecycle lifecycle,
      int deadLetterCap) {
    this.redis = redis;
    this.keys = keys;
    byte[] inflight = bytes(keys.inflight(workerId));
    this.ackKeys = new byte[][] {inflight, bytes(keys.stats())};
    this.failKeys = new byte[][] {inflight, bytes(keys.stats()), bytes(keys.retry()), bytes(keys.dead())};
    this.owned = owned;
    this.lifecycle = lifecycle;
    this.deadLetterCap = deadLetterCap;
  }

  /** Buffers an ack; flushes when {@code maxPending} are waiting or the oldest waited the batch budget. */
  void ack(byte[] element, int maxPending, long nowMillis) {
    if (pendingAcks.isEmpty()) {
      firstPendingAt = nowMillis;
    }
    pendingAcks.add(element);
    if (pendingAcks.size() >= maxPending || nowMillis - firstPendingAt >= FetchBatchSize.BUDGET_MICROS / 1000) {
      flush();
    }
  }

  void flush() {
    if (pendingAcks.isEmpty()) {
      return;
    }
    List<byte[]> acks = List.copyOf(pendingAcks);
    persistently("ack " + acks.size() + " job(s)", () -> Scripts.ACK.run(redis, ackKeys, acks));
    acks.forEach(owned::remove);
    pendingAcks.clear();
  }

  void retry(byte[] element, byte[] nextAttempt, long dueAt) {
    persistently("schedule a retry", () -> Scripts.FAIL.run(redis, failKeys,
        List.of(element, bytes("retry"), nextAttempt, bytes(Long.toString(dueAt)), bytes("0"))));
    owned.remove(element);
  }

  /** Moves the element, exactly as fetched, out of the in-flight list and puts {@code deadLetter} in the dead list. */
  void deadLetter(byte[] element, byte[] deadLetter) {
    persistently("dead-letter a job", () -> Scripts.FAIL.run(redis, failKeys,
        List.of(element, bytes("dead"), deadLetter, bytes("0"), bytes(Integer.toString(deadLetterCap)))));
    owned.remove(element);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Runs a Redis call until it succeeds, or gives up once the jobs were handed back or the thread interrupted. */
  private void persistently(String what, Supplier<Object> call) {
    Backoff backoff = new Backoff();
    while (!lifecycle.handedBack()) {
      try {
        call.get();
        lifecycle.redisCall(true);
        if (backoff.failures() > 0) {
          log.info("Redis reachable again: could {} after {} failed tries", what, backoff.failures());
        }
        return;
      } catch (JedisException e) {
        lifecycle.redisCall(false);
        if (backoff.failures() == 0) { // once per outage per processor: says which write waits
          log.warn("Cannot {} ({}); the job stays in flight, retrying with backoff up to {}", what, e.getMessage(),
              Backoff.CAP_MILLIS + " ms");
        }
        if (!backoff.pause()) {
          return;
        }
      }
    }
  }
}
