package dev.ebb.worker.runtime;

import dev.ebb.worker.protocol.QueueKeys;
import dev.ebb.worker.protocol.Scripts;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Publishes this worker's heartbeat: the hash {@code ebb:{Q}:worker:<id>} (with a TTL of three intervals) and its
 * score in {@code ebb:{Q}:workers}. The fields are listed in docs/protocol.md ("What the operator reads").
 */
public final class HeartbeatPublisher {

  private static final Logger log = LoggerFactory.getLogger(HeartbeatPublisher.class);

  private final UnifiedJedis redis;
  private final QueueKeys keys;
  private final WorkerIdentity identity;
  private final int concurrency;
  private final Duration ttl;
  private final WorkerActivity activity;
  private final Lifecycle lifecycle;
  private final Clock clock;
  private boolean failing;

  public HeartbeatPublisher(UnifiedJedis redis, QueueKeys keys, WorkerIdentity identity, int concurrency,
      Duration ttl, WorkerActivity activity, Lifecycle lifecycle, Clock clock) {
    this.redis = redis;
    this.keys = keys;
    this.identity = identity;
    this.concurrency = concurrency;
    this.ttl = ttl;
    this.activity = activity;
    this.lifecycle = lifecycle;
    this.clock = clock;
  }

  /** Writes one heartbeat; returns false (and logs once per outage) when Redis is unreachable. */
  public synchronized boolean beat() {
    long now = clock.millis();
    List<String> args = new ArrayList<>(List.of(identity.id(), Long.toString(now), Long.toString(ttl.toMillis())));
    fields(now).forEach((field, value) -> {
      args.add(field);
      args.add(value);
    });
    try {
      Object epoch = Scripts.HEARTBEAT.run(redis, List.of(keys.worker(identity.id()), keys.workers(),
          keys.reclaimed(), keys.epoch(identity.id())), args);
      long previous = lifecycle.epoch();
      lifecycle.beatPublished(now, (Long) epoch);
      if ((Long) epoch != previous) {
        log.warn("A peer reclaimed this worker's in-flight jobs while its heartbeat was expired (epoch {} -> {}); "
            + "jobs it fetched before will not be acknowledged and run again", previous, epoch);
      }
      lifecycle.redisCall(true);
      if (failing) {
        log.info("Heartbeat published again after a Redis outage");
        failing = false;
      }
      return true;
    } catch (JedisException e) {
      lifecycle.redisCall(false);
      if (!failing) {
        log.warn("Cannot publish heartbeat ({}); it expires after {} if Redis stays unreachable, and processors "
            + "stop fetching two intervals after the last one", e.getMessage(), ttl);
        failing = true;
      }
      return false;
    }
  }

  /** Removes the heartbeat after a clean shutdown (the in-flight list is empty by then). */
  public void retire() {
    Scripts.RETIRE.run(redis, List.of(keys.worker(identity.id()), keys.workers(), keys.epoch(identity.id())),
        List.of(identity.id()));
  }

  Map<String, String> fields(long now) {
    List<ProcessorStatus.Snapshot> processors = activity.snapshots();
    long busy = processors.stream().filter(ProcessorStatus.Snapshot::busy).count();
    long oldestStart = processors.stream().filter(ProcessorStatus.Snapshot::busy)
        .mapToLong(ProcessorStatus.Snapshot::runningSince).min().orElse(now);
    long lastProgress = processors.stream().mapToLong(ProcessorStatus.Snapshot::lastProgress).max().orElse(now);
    double meanMicros = activity.times().meanMicros();
    long p95Micros = activity.times().p95Micros();
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("id", identity.id());
    fields.put("pod", identity.pod());
    fields.put("pool", identity.pool());
    fields.put("state", lifecycle.state().label());
    fields.put("busy", Long.toString(busy));
    fields.put("concurrency", Integer.toString(concurrency));
    fields.put("done", Long.toString(activity.done()));
    fields.put("failed", Long.toString(activity.failed()));
    fields.put("procMeanMs", meanMicros < 0 ? "" : String.format(java.util.Locale.ROOT, "%.3f", meanMicros / 1000));
    fields.put("procP95Ms", p95Micros < 0 ? "" : String.format(java.util.Locale.ROOT, "%.3f", p95Micros / 1000.0));
    fields.put("oldestRunningMs", Long.toString(now - oldestStart));
    fields.put("lastProgress", Long.toString(lastProgress));
    fields.put("startedAt", Long.toString(identity.startedAt()));
    fields.put("beat", Long.toString(now));
    return fields;
  }
}
