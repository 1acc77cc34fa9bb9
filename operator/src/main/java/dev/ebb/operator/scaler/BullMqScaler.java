package dev.ebb.operator.scaler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Response;
import redis.clients.jedis.resps.Tuple;

/**
 * Reads a BullMQ queue ({@code <prefix>:<queue>:*}, BullMQ's QueueKeys and Lua scripts) in two pipelined round trips:
 * the waiting, paused, prioritized, due delayed and active counts, the next waiting and prioritized job ids, the
 * earliest due delayed job, the newest completions and the completion counter; then the enqueue time of the two next
 * jobs and the start and finish times of those completions, each an HMGET of known fields.
 */
public final class BullMqScaler implements QueueScaler {

  /** Completions whose processing time is averaged, newest first. */
  static final int COMPLETIONS_READ = 50;
  /** BullMQ keeps a delayed job's due time in the score's high bits: score = due ms * 0x1000 + a counter. */
  static final long DELAY_SCORE_FACTOR = 0x1000;
  private static final String[] ENQUEUED = {"timestamp", "delay"};
  private static final String[] TIMES = {"processedOn", "finishedOn"};

  private final RedisReader redis;
  private final String keyPrefix;
  private final Clock clock;

  BullMqScaler(RedisReader redis, String prefix, String queue, Clock clock) {
    this.redis = redis;
    this.keyPrefix = prefix + ":" + queue + ":";
    this.clock = clock;
  }

  @Override
  public QueueReading measure() throws ScalerException {
    return redis.read(this::read);
  }

  private QueueReading read(JedisPooled client) {
    Instant now = clock.instant();
    // due: every delayed job whose due time is at or before now (BullMQ's promoteDelayedJobs bound)
    double dueMax = (now.toEpochMilli() + 1) * DELAY_SCORE_FACTOR - 1;
    Response<Long> waiting;
    Response<Long> paused;
    Response<Long> prioritized;
    Response<Long> due;
    Response<Long> active;
    Response<String> nextWaiting;
    Response<List<String>> nextPrioritized;
    Response<List<Tuple>> earliestDue;
    Response<List<String>> completions;
    Response<String> completedCount;
    try (AbstractPipeline pipeline = client.pipelined()) {
      waiting = pipeline.llen(key("wait"));
      paused = pipeline.llen(key("paused"));
      prioritized = pipeline.zcard(key("prioritized"));
      due = pipeline.zcount(key("delayed"), 0, dueMax);
      active = pipeline.llen(key("active"));
      nextWaiting = pipeline.lindex(key("wait"), -1);
      nextPrioritized = pipeline.zrange(key("prioritized"), 0, 0);
      earliestDue = pipeline.zrangeByScoreWithScores(key("delayed"), 0, dueMax, 0, 1);
      completions = pipeline.zrevrange(key("completed"), 0, COMPLETIONS_READ - 1);
      completedCount = pipeline.hget(key("metrics:completed"), "count");
      pipeline.sync();
    }
    List<String> nextJobs = new ArrayList<>(2);
    if (isJobId(nextWaiting.get())) {
      nextJobs.add(nextWaiting.get());
    }
    nextPrioritized.get().stream().filter(BullMqScaler::isJobId).forEach(nextJobs::add);

    List<Response<List<String>>> enqueued = new ArrayList<>();
    List<Response<List<String>>> times = new ArrayList<>();
    if (!nextJobs.isEmpty() || !completions.get().isEmpty()) {
      try (AbstractPipeline pipeline = client.pipelined()) {
        nextJobs.forEach(id -> enqueued.add(pipeline.hmget(key(id), ENQUEUED)));
        completions.get().forEach(id -> times.add(pipeline.hmget(key(id), TIMES)));
        pipeline.sync();
      }
    }
    Optional<Duration> oldest = oldest(enqueued.stream().map(Response::get).toList(),
        earliestDue.get().stream().map(Tuple::getScore).toList(), now);
    long depth = waiting.get() + paused.get() + prioritized.get() + due.get();
    return new QueueReading(depth, depth == 0 ? Optional.empty() : oldest, OptionalLong.empty(),
        count(completedCount.get()), List.of(), OptionalInt.of((int) Math.min(Integer.MAX_VALUE, active.get())),
        meanProcessingTime(times.stream().map(Response::get).toList()), QueueReading.Heartbeats.NOT_KEPT, now);
  }

  private String key(String suffix) {
    return keyPrefix + suffix;
  }

  /** A job id, not one of the {@code 0:<ms>} markers BullMQ 4 and earlier put in the wait list. */
  private static boolean isJobId(String id) {
    return id != null && !id.startsWith("0:");
  }

  /**
   * The longest any of the next jobs has waited: a waiting or prioritized job since it was added plus its delay
   * ({@code timestamp} + {@code delay}, ms), a due delayed job since its due time (its score's high bits).
   */
  static Optional<Duration> oldest(List<List<String>> enqueued, List<Double> dueScores, Instant now) {
    OptionalLong earliest = OptionalLong.empty();
    for (List<String> job : enqueued) {
      OptionalLong added = count(job.get(0));
      if (added.isPresent()) {
        long ready = added.getAsLong() + count(job.get(1)).orElse(0);
        earliest = OptionalLong.of(Math.min(ready, earliest.orElse(Long.MAX_VALUE)));
      }
    }
    for (double score : dueScores) {
      long ready = (long) Math.floor(score / DELAY_SCORE_FACTOR);
      earliest = OptionalLong.of(Math.min(ready, earliest.orElse(Long.MAX_VALUE)));
    }
    if (earliest.isEmpty()) {
      return Optional.empty();
    }
    Duration age = Duration.between(Instant.ofEpochMilli(earliest.getAsLong()), now);
    return Optional.of(age.isNegative() ? Duration.ZERO : age);
  }

  /** The mean of {@code finishedOn - processedOn} over the completions that have both (ms). */
  static Optional<Duration> meanProcessingTime(List<List<String>> completions) {
    long sum = 0;
    int counted = 0;
    for (List<String> times : completions) {
      OptionalLong processedOn = count(times.get(0));
      OptionalLong finishedOn = count(times.get(1));
      if (processedOn.isPresent() && finishedOn.isPresent() && finishedOn.getAsLong() >= processedOn.getAsLong()) {
        sum += finishedOn.getAsLong() - processedOn.getAsLong();
        counted++;
      }
    }
    return counted == 0 ? Optional.empty() : Optional.of(Duration.ofMillis(Math.round((double) sum / counted)));
  }

  private static OptionalLong count(String text) {
    if (text == null || text.isEmpty()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(text));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  @Override
  public void close() {
    redis.close();
  }
}
