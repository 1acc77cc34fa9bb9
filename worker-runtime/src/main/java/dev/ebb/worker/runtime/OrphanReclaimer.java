package dev.ebb.worker.runtime;

import dev.ebb.worker.protocol.QueueKeys;
import dev.ebb.worker.protocol.Scripts;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Brings jobs back to the queue that no live worker will finish. For every other worker in {@code ebb:{Q}:workers},
 * the {@code reclaim} script checks that its heartbeat hash is gone and moves its in-flight list back, atomically, so
 * when several workers notice at once the jobs come back exactly once; the dead worker moves to
 * {@code ebb:{Q}:reclaimed}, where the operator still sees it. It also audits this worker's own in-flight list for
 * entries the process does not hold (see {@link OrphanedEntries}).
 */
public final class OrphanReclaimer {

  private static final Logger log = LoggerFactory.getLogger(OrphanReclaimer.class);

  private final UnifiedJedis redis;
  private final QueueKeys keys;
  private final String workerId;
  private final OwnedJobs owned;
  private final Duration heartbeatTtl;
  private final Clock clock;
  private Set<ByteBuffer> suspects = Set.of();

  public OrphanReclaimer(UnifiedJedis redis, QueueKeys keys, String workerId, OwnedJobs owned, Duration heartbeatTtl,
      Clock clock) {
    this.redis = redis;
    this.keys = keys;
    this.workerId = workerId;
    this.owned = owned;
    this.heartbeatTtl = heartbeatTtl;
    this.clock = clock;
  }

  /** One pass; returns how many jobs went back to the queue. */
  public synchronized long reclaim() {
    try {
      return reclaimDeadWorkers() + reclaimLateFetches() + auditOwnList();
    } catch (JedisException e) {
      log.debug("Reclaim pass skipped: {}", e.getMessage());
      return 0;
    }
  }

  /**
   * Only workers whose last beat (by their clock) is older than the TTL are checked: a cheap prefilter so that a pool
   * of W workers does not run W scripts per worker per interval. The script's check of the hash (expired by Redis)
   * decides; clock skew can only delay a reclaim, never cause an early one.
   */
  private long reclaimDeadWorkers() {
    long total = 0;
    long millis = clock.millis();
    String now = Long.toString(millis);
    String cutoff = Long.toString(millis - heartbeatTtl.toMillis());
    for (String other : redis.zrangeByScore(keys.workers(), "-inf", cutoff)) {
      if (other.equals(workerId)) {
        continue;
      }
      long moved = (Long) Scripts.RECLAIM.run(redis, List.of(keys.worker(other), keys.inflight(other),
          keys.queueList(), keys.workers(), keys.stats(), keys.reclaimed(), keys.epoch(other)), List.of(other, now));
      if (moved >= 0) {
        log.info("Worker {} stopped heartbeating: handed its {} in-flight job(s) back to queue {}", other, moved,
            keys.queue());
        total += moved;
      }
    }
    return total;
  }

  /**
   * A worker that hung with a {@code BLMOVE} waiting at the server (SIGSTOP, a frozen node) still receives jobs after
   * a peer reclaimed it: the server serves the waiting fetch. Should it never run again, those jobs sit in the list of a
   * worker that is no longer in {@code workers}; so the lists of reclaimed workers are checked too (one pipelined
   * {@code LLEN} each, at most 1,000) and, when not empty and the heartbeat is still gone, reclaimed again.
   */
  private long reclaimLateFetches() {
    List<String> reclaimed = redis.zrange(keys.reclaimed(), 0, -1);
    if (reclaimed.isEmpty()) {
      return 0;
    }
    List<Response<Long>> lengths = new ArrayList<>(reclaimed.size());
    try (AbstractPipeline pipeline = redis.pipelined()) {
      reclaimed.forEach(other -> lengths.add(pipeline.llen(keys.inflight(other))));
      pipeline.sync();
    }
    long total = 0;
    String now = Long.toString(clock.millis());
    for (int i = 0; i < reclaimed.size(); i++) {
      String other = reclaimed.get(i);
      if (lengths.get(i).get() == 0 || other.equals(workerId)) {
        continue;
      }
      long moved = (Long) Scripts.RECLAIM.run(redis, List.of(keys.worker(other), keys.inflight(other),
          keys.queueList(), keys.workers(), keys.stats(), keys.reclaimed(), keys.epoch(other)), List.of(other, now));
      if (moved > 0) {
        log.info("Worker {} received {} job(s) after it was reclaimed (a fetch waiting while it hung): handed them "
            + "back to queue {}", other, moved, keys.queue());
        total += moved;
      }
    }
    return total;
  }

  private long auditOwnList() {
    byte[] inflightKey = keys.inflight(workerId).getBytes(StandardCharsets.UTF_8);
    List<ByteBuffer> inflight = redis.lrange(inflightKey, 0, -1).stream().map(ByteBuffer::wrap).toList();
    Set<ByteBuffer> unheld = OrphanedEntries.unheld(inflight, owned::contains);
    Set<ByteBuffer> handBack = OrphanedEntries.toHandBack(unheld, suspects);
    suspects = unheld;
    if (handBack.isEmpty()) {
      return 0;
    }
    List<byte[]> newestFirst = new ArrayList<>(); // LRANGE order: the list's head holds the newest
    handBack.forEach(entry -> newestFirst.add(entry.array()));
    long moved = (Long) Scripts.HANDBACK_SOME.run(redis,
        new byte[][] {inflightKey, keys.queueList().getBytes(StandardCharsets.UTF_8)}, newestFirst);
    log.warn("Handed back {} job(s) found in this worker's in-flight list that it does not hold "
        + "(a fetch reply lost with the connection, or Redis restored from a snapshot)", moved);
    return moved;
  }
}
