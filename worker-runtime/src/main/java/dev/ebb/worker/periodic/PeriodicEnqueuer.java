package dev.ebb.worker.periodic;

import dev.ebb.worker.protocol.Envelope;
import dev.ebb.worker.protocol.QueueKeys;
import dev.ebb.worker.protocol.Scripts;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Enqueues periodic jobs. Every worker polls (with the retry poller's interval); for each schedule it reads the last
 * tick from {@code ebb:{Q}:periodic} and, when a later tick is due, runs the {@code periodic} script, which records
 * the tick and enqueues the job only if no other worker recorded it first: each tick is enqueued once across all
 * replicas. Ticks missed between two polls (or while no worker ran) collapse into the latest one; a new schedule
 * starts from now (no backfill). The job's id is {@code <name>@<tick, ISO 8601>}, the same on every worker.
 */
public final class PeriodicEnqueuer {

  private static final Logger log = LoggerFactory.getLogger(PeriodicEnqueuer.class);

  private final UnifiedJedis redis;
  private final QueueKeys keys;
  private final List<PeriodicSchedule> schedules;
  private final Clock clock;
  private final long startedAt;

  public PeriodicEnqueuer(UnifiedJedis redis, QueueKeys keys, List<PeriodicSchedule> schedules, Clock clock) {
    this.redis = redis;
    this.keys = keys;
    this.schedules = schedules;
    this.clock = clock;
    this.startedAt = clock.millis();
  }

  /** One pass over the schedules; returns how many jobs this worker enqueued (0 when Redis is unreachable). */
  public int poll() {
    int enqueued = 0;
    try {
      for (PeriodicSchedule schedule : schedules) {
        enqueued += poll(schedule, clock.millis());
      }
    } catch (JedisException e) {
      log.debug("Periodic poll skipped: {}", e.getMessage());
    }
    return enqueued;
  }

  private int poll(PeriodicSchedule schedule, long now) {
    String last = redis.hget(keys.periodic(), schedule.name());
    if (last == null) {
      redis.hsetnx(keys.periodic(), schedule.name(), Long.toString(now));
      return 0;
    }
    CronSchedule cron = schedule.schedule();
    Instant tick = cron.next(Instant.ofEpochMilli(Long.parseLong(last)));
    if (tick == null || tick.toEpochMilli() > now) {
      return 0;
    }
    for (Instant later = cron.next(tick); later != null && later.toEpochMilli() <= now; later = cron.next(later)) {
      tick = later; // ticks nobody enqueued collapse into the latest
    }
    boolean passBy = !schedule.catchUp() && tick.toEpochMilli() < startedAt;
    String id = schedule.name() + "@" + tick;
    byte[] envelope = passBy ? new byte[0] : new Envelope(id, schedule.type(), schedule.payload(), tick.toEpochMilli(),
        now, 1, Envelope.DEFAULT_MAX_ATTEMPTS, null, null, null, null).toBytes();
    long done = (Long) Scripts.PERIODIC.run(redis, new byte[][] {bytes(keys.periodic()), bytes(keys.queueList()),
        bytes(keys.stats())}, List.of(bytes(schedule.name()), bytes(Long.toString(tick.toEpochMilli())), envelope));
    if (done == 1) {
      log.info("Enqueued periodic job {} ({}, {})", id, schedule.type(), schedule.cron());
    }
    return (int) done;
  }

  /** Publishes the schedules in {@code ebb:{Q}:schedules}, where {@code ebb-worker queues} shows them. */
  public void declare() {
    for (PeriodicSchedule schedule : schedules) {
      redis.hset(keys.schedules(), schedule.name(), json(schedule));
    }
  }

  private static String json(PeriodicSchedule schedule) {
    return Envelope.json().valueToTree(schedule).toString();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
