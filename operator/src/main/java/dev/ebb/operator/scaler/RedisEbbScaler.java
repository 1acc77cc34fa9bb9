package dev.ebb.operator.scaler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Response;
import redis.clients.jedis.resps.Tuple;

/**
 * Reads a queue of Ebb's own protocol in two pipelined round trips: depth, oldest job, counters, the worker registry
 * and the newest reclaimed workers; then each registered worker's heartbeat.
 */
public final class RedisEbbScaler implements QueueScaler {

  /** Reclaimed workers read per poll, newest first: as many as the reclaim script keeps. */
  static final int RECLAIMED_READ = 1_000;
  /** The most registered workers read per poll: the CRD's largest replicas.max, one worker per pod. */
  static final int WORKERS_READ = 10_000;
  /** Only the fields the operator uses are read, never a whole hash of a size the server chooses. */
  private static final String[] BEAT_FIELDS = {"pod", "state", "busy", "concurrency", "procMeanMs", "beat"};
  private static final String[] COUNTERS = {"enqueued", "completed"};

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
    Response<List<String>> stats;
    Response<List<Tuple>> registered;
    Response<List<Tuple>> reclaimed;
    try (AbstractPipeline pipeline = client.pipelined()) {
      depth = pipeline.llen(keys.waiting());
      oldest = pipeline.lindex(keys.waiting(), -1);
      stats = pipeline.hmget(keys.stats(), COUNTERS);
      registered = pipeline.zrangeWithScores(keys.workers(), 0, WORKERS_READ - 1);
      reclaimed = pipeline.zrevrangeWithScores(keys.reclaimed(), 0, RECLAIMED_READ - 1);
      pipeline.sync();
    }
    Instant now = clock.instant();
    List<WorkerHeartbeat> workers = workers(registered.get(), beats(client, registered.get()), reclaimed.get());
    Map<String, String> counters = HashReply.fields(COUNTERS, stats.get());
    return new QueueReading(depth.get(),
        depth.get() == 0 ? Optional.empty() : JobTimestamps.age(oldest.get(), "enqueuedAt", now),
        counter(counters, "enqueued"), counter(counters, "completed"), workers, now);
  }

  /** The heartbeat hashes of the registered workers, in their order; an expired one is empty. */
  private List<Map<String, String>> beats(JedisPooled redis, List<Tuple> registered) {
    if (registered.isEmpty()) {
      return List.of();
    }
    List<Response<List<String>>> beats = new ArrayList<>();
    try (AbstractPipeline pipeline = redis.pipelined()) {
      for (Tuple worker : registered) {
        beats.add(pipeline.hmget(keys.worker(worker.getElement()), BEAT_FIELDS));
      }
      pipeline.sync();
    }
    return beats.stream().map(beat -> HashReply.fields(BEAT_FIELDS, beat.get())).toList();
  }

  /**
   * The workers as the operator judges them: each registered one by its heartbeat hash (an expired hash leaves its id
   * and last beat), then each reclaimed one that is not registered again, as an expired heartbeat. A worker a peer
   * reclaimed stays visible, with its pod, however long it has been silent.
   */
  static List<WorkerHeartbeat> workers(List<Tuple> registered, List<Map<String, String>> beats,
      List<Tuple> reclaimed) {
    List<WorkerHeartbeat> workers = new ArrayList<>(registered.size() + reclaimed.size());
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < registered.size(); i++) {
      workers.add(heartbeat(registered.get(i), beats.get(i)));
      ids.add(registered.get(i).getElement());
    }
    for (Tuple worker : reclaimed) {
      if (!ids.contains(worker.getElement())) {
        workers.add(WorkerHeartbeat.ofExpired(worker.getElement(), Instant.ofEpochMilli((long) worker.getScore())));
      }
    }
    return workers;
  }

  private static WorkerHeartbeat heartbeat(Tuple registration, Map<String, String> beat) {
    String id = registration.getElement();
    if (beat.isEmpty()) {
      return WorkerHeartbeat.ofExpired(id, Instant.ofEpochMilli((long) registration.getScore()));
    }
    double mean = HashReply.number(beat.get("procMeanMs"), -1);
    long beatAt = (long) HashReply.number(beat.get("beat"), registration.getScore());
    String pod = beat.getOrDefault("pod", "");
    return new WorkerHeartbeat(id, pod.isEmpty() ? WorkerHeartbeat.podOf(id) : pod,
        beat.getOrDefault("state", "running"),
        (int) HashReply.number(beat.get("busy"), 0), (int) HashReply.number(beat.get("concurrency"), 0),
        mean > 0 ? OptionalDouble.of(mean) : OptionalDouble.empty(), Instant.ofEpochMilli(beatAt));
  }

  /** The protocol's counters start at nothing: a missing field (or stats hash) is a count of zero. */
  private static OptionalLong counter(Map<String, String> counters, String name) {
    return OptionalLong.of((long) HashReply.number(counters.get(name), 0));
  }

  @Override
  public void close() {
    redis.close();
  }
}
