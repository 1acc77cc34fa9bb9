package dev.ebb.worker.runtime;

import dev.ebb.worker.protocol.QueueKeys;
import dev.ebb.worker.protocol.Scripts;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.args.ListDirection;

/**
 * Reliable fetch: jobs move from the consuming end of the queue into this worker's in-flight list in one atomic step
 * ({@code LMOVE}), so a job is always in exactly one place. Up to {@code max} jobs in one round trip with the
 * {@code fetch} script when the queue has them; when it is empty, a {@code BLMOVE} that blocks at most
 * {@code blockTimeout}, so a processor notices a shutdown within that time. Elements are read as the bytes Redis
 * stores: acks and failures match them byte for byte, whatever they hold.
 */
public final class Fetcher {

  private final UnifiedJedis redis;
  private final byte[][] keys;
  private final byte[] queue;
  private final byte[] inflight;
  private final double blockSeconds;

  public Fetcher(UnifiedJedis redis, QueueKeys queueKeys, String workerId, Duration blockTimeout) {
    this.redis = redis;
    this.queue = queueKeys.queueList().getBytes(StandardCharsets.UTF_8);
    this.inflight = queueKeys.inflight(workerId).getBytes(StandardCharsets.UTF_8);
    this.keys = new byte[][] {queue, inflight};
    this.blockSeconds = blockTimeout.toMillis() / 1000.0;
  }

  /** Up to {@code max} elements, oldest first, now owned by this worker; empty after a block timeout. */
  @SuppressWarnings("unchecked")
  public List<byte[]> fetch(int max) {
    if (max > 1) {
      List<byte[]> batch = (List<byte[]>) Scripts.FETCH.run(redis, keys,
          List.of(Integer.toString(max).getBytes(StandardCharsets.US_ASCII)));
      if (!batch.isEmpty()) {
        return batch;
      }
    }
    byte[] job = redis.blmove(queue, inflight, ListDirection.RIGHT, ListDirection.LEFT, blockSeconds);
    return job == null ? List.of() : List.of(job);
  }
}
