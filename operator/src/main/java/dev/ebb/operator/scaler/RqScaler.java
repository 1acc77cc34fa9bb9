package dev.ebb.operator.scaler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
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
 * Reads an RQ queue (the layout of rq 1.13; see docs/formats.md) in two pipelined round trips: the queue list, the
 * started and scheduled registries and the queue's worker set; then the oldest job's {@code enqueued_at} and each
 * worker's hash.
 *
 * <p>RQ keeps per-worker totals since the worker started ({@code total_working_time}, {@code successful_job_count},
 * {@code failed_job_count}); this scaler turns them into a completion counter and a processing time over the last
 * polling interval by remembering each worker's totals from the previous poll. A pool's scaler is polled by one thread
 * at a time.
 */
public final class RqScaler implements QueueScaler {

  /** The most workers read per poll: the CRD's largest replicas.max, one worker per pod. */
  static final int WORKERS_READ = 10_000;
  /** A worker hash lives at least 60 s after its last heartbeat ({@code worker_ttl + 60}, or the job's + 60). */
  static final Duration HASH_TTL = Duration.ofSeconds(60);
  private static final String[] WORKER_FIELDS = {"state", "last_heartbeat", "hostname", "successful_job_count",
      "failed_job_count", "total_working_time", "shutdown_requested_date"};
  private static final String WORKER_KEY_PREFIX = "rq:worker:";

  private final RedisReader redis;
  private final String queue;
  private final Clock clock;
  /** Each worker's totals at the previous poll; null before the first. */
  private Map<String, Totals> previous;
  private long completed;

  RqScaler(RedisReader redis, String queue, Clock clock) {
    this.redis = redis;
    this.queue = queue;
    this.clock = clock;
  }

  @Override
  public synchronized QueueReading measure() throws ScalerException {
    return redis.read(this::read);
  }

  private QueueReading read(JedisPooled client) {
    Instant now = clock.instant();
    String nowScore = Double.toString(now.toEpochMilli() / 1000.0);
    Response<Long> depth;
    Response<String> oldestId;
    Response<Long> started;
    Response<Long> due;
    Response<List<Tuple>> oldestDue;
    Response<List<String>> workerKeys;
    try (AbstractPipeline pipeline = client.pipelined()) {
      depth = pipeline.llen("rq:queue:" + queue);
      oldestId = pipeline.lindex("rq:queue:" + queue, 0); // RPUSH to enqueue, LPOP to dequeue: the oldest is first
      started = pipeline.zcount("rq:wip:" + queue, nowScore, "+inf"); // scored by expiry: past ones are abandoned
      due = pipeline.zcount("rq:scheduled:" + queue, "-inf", nowScore);
      oldestDue = pipeline.zrangeByScoreWithScores("rq:scheduled:" + queue, "-inf", nowScore, 0, 1);
      workerKeys = pipeline.srandmember("rq:workers:" + queue, WORKERS_READ);
      pipeline.sync();
    }
    List<String> keys = workerKeys.get() == null ? List.of() : workerKeys.get();
    Response<String> enqueuedAt = null;
    List<Response<List<String>>> hashes = new ArrayList<>();
    if (oldestId.get() != null || !keys.isEmpty()) {
      try (AbstractPipeline pipeline = client.pipelined()) {
        if (oldestId.get() != null) {
          enqueuedAt = pipeline.hget("rq:job:" + oldestId.get(), "enqueued_at");
        }
        for (String key : keys) {
          hashes.add(pipeline.hmget(key, WORKER_FIELDS));
        }
        pipeline.sync();
      }
    }
    Optional<Duration> listAge = enqueuedAt == null ? Optional.empty() : age(enqueuedAt.get(), now);
    Optional<Duration> dueAge = oldestDue.get().isEmpty() ? Optional.empty()
        : Optional.of(nonNegative(Duration.between(
            Instant.ofEpochMilli(Math.round(oldestDue.get().get(0).getScore() * 1000)), now)));
    Map<String, Totals> totals = new HashMap<>();
    List<WorkerHeartbeat> workers = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      Map<String, String> hash = HashReply.fields(WORKER_FIELDS, hashes.get(i).get());
      String key = keys.get(i);
      if (hash.isEmpty()) {
        Totals last = previous == null ? null : previous.get(key);
        workers.add(new WorkerHeartbeat(name(key), last == null ? "" : last.pod(), WorkerHeartbeat.EXPIRED, 0, 0,
            OptionalDouble.empty(), last == null ? now.minus(HASH_TTL) : last.lastBeat()));
        if (last != null) {
          totals.put(key, last); // a worker that went silent keeps its pod while its key is listed
        }
        continue;
      }
      WorkerHeartbeat heartbeat = heartbeat(key, hash, now);
      workers.add(heartbeat);
      totals.put(key, new Totals(heartbeat.pod(), heartbeat.lastBeat(),
          (long) HashReply.number(hash.get("successful_job_count"), 0)
              + (long) HashReply.number(hash.get("failed_job_count"), 0),
          HashReply.number(hash.get("total_working_time"), 0)));
    }
    Optional<Duration> processingTime = processingTime(previous, totals);
    previous = totals;
    return new QueueReading(depth.get() + due.get(), oldestOf(listAge, dueAge), OptionalLong.empty(),
        OptionalLong.of(completed), workers, OptionalInt.of((int) Math.min(Integer.MAX_VALUE, started.get())),
        processingTime, QueueReading.Heartbeats.KEPT, now);
  }

  /**
   * The mean time of the jobs finished since the previous poll, and adds them to {@link #completed}. Without
   * completions since, the mean of all jobs of the live workers; empty when they have done none.
   */
  private Optional<Duration> processingTime(Map<String, Totals> before, Map<String, Totals> now) {
    long jobs = 0;
    double seconds = 0;
    long allJobs = 0;
    double allSeconds = 0;
    for (Map.Entry<String, Totals> worker : now.entrySet()) {
      Totals current = worker.getValue();
      allJobs += current.jobs();
      allSeconds += current.workingSeconds();
      if (before == null) {
        continue; // the first poll only learns the totals: jobs done before Ebb looked are not a rate
      }
      Totals last = before.get(worker.getKey());
      if (last == null) {
        jobs += current.jobs(); // a worker started since the last poll: all its jobs are new
        seconds += current.workingSeconds();
      } else if (current.jobs() >= last.jobs()) {
        jobs += current.jobs() - last.jobs();
        seconds += Math.max(0, current.workingSeconds() - last.workingSeconds());
      }
    }
    completed += jobs;
    if (jobs > 0) {
      return Optional.of(Duration.ofNanos(Math.round(seconds / jobs * 1e9)));
    }
    return allJobs > 0 ? Optional.of(Duration.ofNanos(Math.round(allSeconds / allJobs * 1e9))) : Optional.empty();
  }

  /**
   * One worker from its hash: the pod is its {@code hostname} ({@code socket.gethostname()}, the pod name on
   * Kubernetes); one job at a time (RQ forks a work horse per job).
   */
  static WorkerHeartbeat heartbeat(String key, Map<String, String> hash, Instant now) {
    String state = hash.getOrDefault("state", "");
    String shown = hash.containsKey("shutdown_requested_date") ? "stopping"
        : "suspended".equals(state) ? "quiet" : "running";
    Instant beat = instant(hash.get("last_heartbeat")).orElse(now.minus(HASH_TTL));
    return new WorkerHeartbeat(name(key), hash.getOrDefault("hostname", ""), shown, "busy".equals(state) ? 1 : 0, 1,
        OptionalDouble.empty(), beat);
  }

  private static String name(String key) {
    return key.startsWith(WORKER_KEY_PREFIX) ? key.substring(WORKER_KEY_PREFIX.length()) : key;
  }

  /** RQ writes times as {@code utcformat}: {@code 2026-12-02T06:10:00.123456Z}. */
  private static Optional<Instant> instant(String text) {
    if (text == null || text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Optional<Duration> age(String enqueuedAt, Instant now) {
    return instant(enqueuedAt).map(at -> nonNegative(Duration.between(at, now)));
  }

  private static Duration nonNegative(Duration age) {
    return age.isNegative() ? Duration.ZERO : age;
  }

  private static Optional<Duration> oldestOf(Optional<Duration> a, Optional<Duration> b) {
    if (a.isEmpty()) {
      return b;
    }
    return b.isEmpty() || a.get().compareTo(b.get()) >= 0 ? a : b;
  }

  /** What a worker had done by a poll, and its pod and last beat for when its hash expires. */
  private record Totals(String pod, Instant lastBeat, long jobs, double workingSeconds) {
  }

  @Override
  public void close() {
    redis.close();
  }
}
