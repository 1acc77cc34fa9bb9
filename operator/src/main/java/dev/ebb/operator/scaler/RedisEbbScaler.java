package dev.ebb.operator.scaler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Response;
import redis.clients.jedis.resps.Tuple;

/**
 * Reads a queue of Ebb's own protocol in two pipelined round trips: depth, oldest job, counters and the worker
 * registry; then each registered worker's heartbeat.
 */
public final class RedisEbbScaler implements QueueScaler {

  private final RedisReader redis;
  private final EbbKeys keys;
  private final Clock clock;

  RedisEbbScaler(RedisReader redis, String queue, Clock clock) {
    this.redis = redis;
    this.keys = new EbbKeys(queue);
    this.clock = clock;
  }

  @Override
  public QueueReading measure() throws ScalerException {
    return redis.read(this::read);
  }

  private QueueReading read(JedisPooled client) {
    Response<Long> depth;
    Response<String> oldest;
    Response<Map<String, String>> stats;
    Response<List<Tuple>> registered;
    try (AbstractPipeline pipeline = client.pipelined()) {
      depth = pipeline.llen(keys.waiting());
      oldest = pipeline.lindex(keys.waiting(), -1);
      stats = pipeline.hgetAll(keys.stats());
      registered = pipeline.zrangeWithScores(keys.workers(), 0, -1);
      pipeline.sync();
    }
    Instant now = clock.instant();
    List<WorkerHeartbeat> workers = heartbeats(client, registered.get());
    Map<String, String> counters = stats.get();
    return new QueueReading(depth.get(),
        depth.get() == 0 ? Optional.empty() : JobTimestamps.age(oldest.get(), "enqueuedAt", now),
        counter(counters, "enqueued"), counter(counters, "completed"), workers, now);
  }

  private List<WorkerHeartbeat> heartbeats(JedisPooled redis, List<Tuple> registered) {
    if (registered.isEmpty()) {
      return List.of();
    }
    List<Response<Map<String, String>>> beats = new ArrayList<>();
    try (AbstractPipeline pipeline = redis.pipelined()) {
      for (Tuple worker : registered) {
        beats.add(pipeline.hgetAll(keys.worker(worker.getElement())));
      }
      pipeline.sync();
    }
    List<WorkerHeartbeat> workers = new ArrayList<>(registered.size());
    for (int i = 0; i < registered.size(); i++) {
      workers.add(heartbeat(registered.get(i), beats.get(i).get()));
    }
    return workers;
  }

  private static WorkerHeartbeat heartbeat(Tuple registration, Map<String, String> beat) {
    String id = registration.getElement();
    Instant registeredBeat = Instant.ofEpochMilli((long) registration.getScore());
    if (beat.isEmpty()) {
      return new WorkerHeartbeat(id, "", WorkerHeartbeat.EXPIRED, 0, 0, OptionalDouble.empty(), registeredBeat);
    }
    double mean = number(beat.get("procMeanMs"), -1);
    long beatAt = (long) number(beat.get("beat"), registration.getScore());
    return new WorkerHeartbeat(id, beat.getOrDefault("pod", ""), beat.getOrDefault("state", "running"),
        (int) number(beat.get("busy"), 0), (int) number(beat.get("concurrency"), 0),
        mean > 0 ? OptionalDouble.of(mean) : OptionalDouble.empty(), Instant.ofEpochMilli(beatAt));
  }

  /** The protocol's counters start at nothing: a missing field (or stats hash) is a count of zero. */
  private static OptionalLong counter(Map<String, String> counters, String name) {
    return OptionalLong.of((long) number(counters.get(name), 0));
  }

  private static double number(String text, double fallback) {
    if (text == null || text.isEmpty()) {
      return fallback;
    }
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  @Override
  public void close() {
    redis.close();
  }
}
