package dev.ebb.worker.runtime;

import dev.ebb.worker.ops.WorkerMetrics;
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
 * whole buffer) and failures (one {@code fail} script call: retry set or dead-letter list). Each carries its fetch's
 * token (the worker's epoch at the fetch): when a peer reclaimed the in-flight list since, the script changes nothing,
 * and the job, back in the queue, runs again. When Redis is unreachable it retries with backoff until it succeeds or
 * the worker has handed back its jobs; until then the job stays in the in-flight list, so it is never lost, at worst
 * run again.
 */
final class OutcomeRecorder {

  private static final Logger log = LoggerFactory.getLogger(OutcomeRecorder.class);
  private static final long RECLAIMED = -1;

  private final UnifiedJedis redis;
  private final OwnedJobs owned;
  private final Lifecycle lifecycle;
  private final WorkerActivity activity;
  private final WorkerMetrics metrics;
  private final byte[][] ackKeys;
  private final byte[][] failKeys;
  private final byte[] deadLetterCap;
  private final List<byte[]> pendingAcks = new ArrayList<>();
  private long pendingEpoch;
  private long firstPendingAt;

  OutcomeRecorder(UnifiedJedis redis, QueueKeys keys, String workerId, OwnedJobs owned, Lifecycle lifecycle,
      WorkerActivity activity, WorkerMetrics metrics, int deadLetterCap) {
    this.redis = redis;
    this.owned = owned;
    this.lifecycle = lifecycle;
    this.activity = activity;
    this.metrics = metrics;
    byte[] inflight = bytes(keys.inflight(workerId));
    byte[] epoch = bytes(keys.epoch(workerId));
    this.ackKeys = new byte[][] {inflight, bytes(keys.stats()), epoch};
    this.failKeys = new byte[][] {inflight, bytes(keys.stats()), bytes(keys.retry()), bytes(keys.dead()), epoch};
    this.deadLetterCap = bytes(Integer.toString(deadLetterCap));
  }

  /** Buffers an ack; flushes when {@code maxPending} are waiting or the oldest waited the batch budget. */
  void ack(byte[] element, long epoch, int maxPending, long nowMillis) {
    if (!pendingAcks.isEmpty() && epoch != pendingEpoch) {
      flush();
    }
    if (pendingAcks.isEmpty()) {
      firstPendingAt = nowMillis;
      pendingEpoch = epoch;
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
    List<byte[]> args = new ArrayList<>(pendingAcks.size() + 1);
    args.add(bytes(Long.toString(pendingEpoch)));
    args.addAll(pendingAcks);
    Object acked = persistently("ack " + pendingAcks.size() + " job(s)", () -> Scripts.ACK.run(redis, ackKeys, args));
    if (acked instanceof Long result && result == RECLAIMED) {
      reclaimed(pendingAcks.size());
    }
    pendingAcks.forEach(owned::remove);
    pendingAcks.clear();
  }

  void retry(byte[] element, long epoch, byte[] nextAttempt, long dueAt) {
    fail(element, List.of(element, bytes("retry"), nextAttempt, bytes(Long.toString(dueAt)), bytes("0"),
        bytes(Long.toString(epoch))), "schedule a retry");
  }

  /** Moves the element, exactly as fetched, out of the in-flight list and puts {@code deadLetter} in the dead list. */
  void deadLetter(byte[] element, long epoch, byte[] deadLetter) {
    fail(element, List.of(element, bytes("dead"), deadLetter, bytes("0"), deadLetterCap,
        bytes(Long.toString(epoch))), "dead-letter a job");
  }

  private void fail(byte[] element, List<byte[]> args, String what) {
    Object result = persistently(what, () -> Scripts.FAIL.run(redis, failKeys, args));
    if (result instanceof Long moved && moved == RECLAIMED) {
      reclaimed(1);
    }
    owned.remove(element);
  }

  /** Jobs whose fetch a peer's reclaim overtook: not an error (they are back in the queue), counted, logged once. */
  private void reclaimed(int jobs) {
    metrics.reclaimedWhileRunning(jobs);
    if (activity.reclaimedWhileRunning(jobs)) {
      log.warn("{} job(s) finished after a peer had reclaimed them (this worker hung past its heartbeat TTL): not "
          + "acknowledged, they run again. Logged once; ebb_jobs_reclaimed_while_running_total counts them", jobs);
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Runs a Redis call until it succeeds and returns its result, or gives up (null) once the jobs were handed back or
   * the thread interrupted.
   */
  private Object persistently(String what, Supplier<Object> call) {
    Backoff backoff = new Backoff();
    while (!lifecycle.handedBack()) {
      try {
        Object result = call.get();
        lifecycle.redisCall(true);
        if (backoff.failures() > 0) {
          log.info("Redis reachable again: could {} after {} failed tries", what, backoff.failures());
        }
        return result;
      } catch (JedisException e) {
        lifecycle.redisCall(false);
        if (backoff.failures() == 0) { // once per outage per processor: says which write waits
          log.warn("Cannot {} ({}); the job stays in flight, retrying with backoff up to {}", what, e.getMessage(),
              Backoff.CAP_MILLIS + " ms");
        }
        if (!backoff.pause()) {
          return null;
        }
      }
    }
    return null;
  }
}
