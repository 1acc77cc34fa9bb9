package dev.ebb.operator.scaler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Response;
import redis.clients.jedis.resps.Tuple;

/**
 * Reads a Sidekiq queue (the layout of Sidekiq 6.4, unchanged in 7; see docs/formats.md) in two pipelined round trips:
 * the queue list, the due jobs of the {@code schedule} and {@code retry} sets, {@code stat:processed} and the
 * {@code processes} set; then each process's heartbeat hash. Sidekiq records no processing time, so the reading has
 * none: the control loop estimates it by Little's law from the busy count and {@code stat:processed}.
 */
public final class SidekiqScaler implements QueueScaler {

  /** Due jobs read per sorted set and poll: their payloads say which queue they go to. */
  static final int DUE_READ = 50;
  /** The most processes read per poll: the CRD's largest replicas.max, one process per pod. */
  static final int PROCESSES_READ = 10_000;
  /** A process hash lives 60 s after its last beat ({@code launcher.rb}): an expired one beat at least that long ago. */
  static final Duration HASH_TTL = Duration.ofSeconds(60);
  private static final String[] SCHEDULED_SETS = {"schedule", "retry"};
  private static final String[] PROCESS_FIELDS = {"info", "busy", "beat", "quiet"};
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RedisReader redis;
  private final String queue;
  private final String prefix;
  private final Clock clock;

  /**
   * @param namespace the redis-namespace prefix the app's Sidekiq uses, if any: keys are {@code <namespace>:<key>}
   */
  SidekiqScaler(RedisReader redis, String queue, Optional<String> namespace, Clock clock) {
    this.redis = redis;
    this.queue = queue;
    this.prefix = namespace.map(n -> n + ":").orElse("");
    this.clock = clock;
  }

  @Override
  public QueueReading measure() throws ScalerException {
    return redis.read(this::read);
  }

  private QueueReading read(JedisPooled client) {
    Instant now = clock.instant();
    String nowScore = Double.toString(now.toEpochMilli() / 1000.0);
    Response<Long> depth;
    Response<String> oldest;
    List<Response<List<Tuple>>> due = new ArrayList<>();
    List<Response<Long>> dueTotals = new ArrayList<>();
    Response<String> processed;
    Response<List<String>> processes;
    try (AbstractPipeline pipeline = client.pipelined()) {
      depth = pipeline.llen(prefix + "queue:" + queue);
      oldest = pipeline.lindex(prefix + "queue:" + queue, -1);
      for (String set : SCHEDULED_SETS) {
        due.add(pipeline.zrangeByScoreWithScores(prefix + set, "-inf", nowScore, 0, DUE_READ));
        dueTotals.add(pipeline.zcount(prefix + set, "-inf", nowScore));
      }
      processed = pipeline.get(prefix + "stat:processed");
      processes = pipeline.srandmember(prefix + "processes", PROCESSES_READ);
      pipeline.sync();
    }
    List<String> identities = processes.get() == null ? List.of() : processes.get();
    List<Map<String, String>> beats = beats(client, identities);
    Due waiting = Due.NONE;
    for (int i = 0; i < due.size(); i++) {
      waiting = waiting.plus(due(due.get(i).get(), dueTotals.get(i).get(), queue));
    }
    Optional<Duration> listAge = depth.get() == 0 ? Optional.empty()
        : JobTimestamps.age(oldest.get(), "enqueued_at", now);
    Optional<Duration> dueAge = waiting.oldestScore().isEmpty() ? Optional.empty()
        : Optional.of(max(Duration.ZERO, Duration.between(epochSeconds(waiting.oldestScore().getAsDouble()), now)));
    List<WorkerHeartbeat> workers = new ArrayList<>();
    int running = 0;
    for (int i = 0; i < identities.size(); i++) {
      Optional<Process> process = process(identities.get(i), beats.get(i), now);
      if (process.isPresent() && process.get().serves(queue)) {
        workers.add(process.get().heartbeat());
        running += process.get().heartbeat().busy();
      } else if (process.isEmpty()) {
        workers.add(WorkerHeartbeat.ofExpired(identities.get(i), now.minus(HASH_TTL)));
      }
    }
    return new QueueReading(depth.get() + waiting.count(), oldestOf(listAge, dueAge), OptionalLong.empty(),
        OptionalLong.of((long) HashReply.number(processed.get(), 0)), workers, OptionalInt.of(running),
        Optional.empty(), QueueReading.Heartbeats.KEPT, now);
  }

  private List<Map<String, String>> beats(JedisPooled client, List<String> identities) {
    if (identities.isEmpty()) {
      return List.of();
    }
    List<Response<List<String>>> replies = new ArrayList<>();
    try (AbstractPipeline pipeline = client.pipelined()) {
      for (String identity : identities) {
        replies.add(pipeline.hmget(prefix + identity, PROCESS_FIELDS));
      }
      pipeline.sync();
    }
    return replies.stream().map(r -> HashReply.fields(PROCESS_FIELDS, r.get())).toList();
  }

  /**
   * How many due jobs go to {@code queue}, and the score (due time) of the oldest of them. The jobs read are the
   * {@link #DUE_READ} oldest of {@code total} due in the set: beyond them, the queue's share is assumed the same as
   * among them (a retry storm is seen as one, without reading every payload).
   */
  static Due due(List<Tuple> jobs, long total, String queue) {
    long count = 0;
    OptionalDouble oldest = OptionalDouble.empty();
    for (Tuple job : jobs) {
      if (queue.equals(field(job.getElement(), "queue"))) {
        count++;
        if (oldest.isEmpty() || job.getScore() < oldest.getAsDouble()) {
          oldest = OptionalDouble.of(job.getScore());
        }
      }
    }
    if (jobs.isEmpty() || total <= jobs.size()) {
      return new Due(count, oldest);
    }
    return new Due(Math.round((double) count * total / jobs.size()), oldest);
  }

  /**
   * A live process from its hash, or empty when the hash has expired (no beat for 60 s: the process died, hangs, or
   * is stopped). The pod is {@code info.hostname}: {@code ENV["DYNO"] || Socket.gethostname}, the pod name on
   * Kubernetes.
   */
  static Optional<Process> process(String identity, Map<String, String> beat, Instant now) {
    if (!beat.containsKey("beat") && !beat.containsKey("info")) {
      return Optional.empty();
    }
    JsonNode info = json(beat.get("info"));
    String host = info.path("hostname").asText("");
    List<String> queues = new ArrayList<>();
    info.path("queues").forEach(q -> queues.add(q.asText()));
    double beatAt = HashReply.number(beat.get("beat"), -1);
    WorkerHeartbeat heartbeat = new WorkerHeartbeat(identity, host.isEmpty() ? WorkerHeartbeat.podOf(identity) : host,
        "true".equals(beat.get("quiet")) ? "quiet" : "running",
        (int) Math.max(0, HashReply.number(beat.get("busy"), 0)),
        info.path("concurrency").asInt(0), OptionalDouble.empty(),
        beatAt < 0 ? now.minus(HASH_TTL) : epochSeconds(beatAt));
    return Optional.of(new Process(heartbeat, queues));
  }

  private static String field(String json, String name) {
    JsonNode value = json(json).get(name);
    return value == null ? null : value.asText();
  }

  private static JsonNode json(String text) {
    if (text == null) {
      return JSON.missingNode();
    }
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return JSON.missingNode();
    }
  }

  private static Instant epochSeconds(double seconds) {
    return Instant.ofEpochMilli(Math.round(seconds * 1000));
  }

  private static Optional<Duration> oldestOf(Optional<Duration> a, Optional<Duration> b) {
    if (a.isEmpty()) {
      return b;
    }
    return b.isEmpty() ? a : Optional.of(max(a.get(), b.get()));
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** Due jobs of one queue: how many, and the due time (epoch seconds) of the oldest. */
  record Due(long count, OptionalDouble oldestScore) {

    static final Due NONE = new Due(0, OptionalDouble.empty());

    Due plus(Due other) {
      OptionalDouble oldest = oldestScore.isEmpty() ? other.oldestScore
          : other.oldestScore.isEmpty() ? oldestScore
          : OptionalDouble.of(Math.min(oldestScore.getAsDouble(), other.oldestScore.getAsDouble()));
      return new Due(count + other.count, oldest);
    }
  }

  /** A live Sidekiq process: its heartbeat and the queues it fetches from. */
  record Process(WorkerHeartbeat heartbeat, List<String> queues) {

    boolean serves(String queue) {
      return queues.contains(queue);
    }
  }

  @Override
  public void close() {
    redis.close();
  }
}
