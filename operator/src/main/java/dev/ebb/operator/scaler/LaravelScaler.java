package dev.ebb.operator.scaler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Response;
import redis.clients.jedis.resps.Tuple;

/**
 * Reads a Laravel Redis queue (Illuminate/Queue/RedisQueue.php and LuaScripts.php) in one pipelined round trip: the
 * length of {@code <prefix>queues:<queue>} (RPUSH by producers, LPOP by workers: the oldest job is the first), the
 * delayed jobs already due in {@code :delayed} (scored by the epoch second they become available), the jobs workers
 * hold in {@code :reserved}, the first waiting job's payload and the earliest due delayed job.
 *
 * <p>Laravel's own payload carries no enqueue time; Horizon adds {@code pushedAt} (epoch seconds as a string). Plain
 * {@code queue:work} keeps no heartbeats and no completion records in Redis.
 */
public final class LaravelScaler implements QueueScaler {

  /** The payload field Horizon's JobPayload::prepare sets to microtime(true) when a job is pushed. */
  static final String PUSHED_AT = "pushedAt";

  private final RedisReader redis;
  private final String queueKey;
  private final Clock clock;

  LaravelScaler(RedisReader redis, String prefix, String queue, Clock clock) {
    this.redis = redis;
    this.queueKey = prefix + "queues:" + queue;
    this.clock = clock;
  }

  @Override
  public QueueReading measure() throws ScalerException {
    return redis.read(this::read);
  }

  private QueueReading read(JedisPooled client) {
    Instant now = clock.instant();
    // a delayed job is due when its score (epoch seconds) is at or before now, as migrateExpiredJobs moves them
    double nowSeconds = now.getEpochSecond();
    Response<Long> waiting;
    Response<Long> due;
    Response<Long> reserved;
    Response<String> first;
    Response<List<Tuple>> earliestDue;
    try (AbstractPipeline pipeline = client.pipelined()) {
      waiting = pipeline.llen(queueKey);
      due = pipeline.zcount(queueKey + ":delayed", Double.NEGATIVE_INFINITY, nowSeconds);
      reserved = pipeline.zcard(queueKey + ":reserved");
      first = pipeline.lindex(queueKey, 0);
      earliestDue = pipeline.zrangeByScoreWithScores(queueKey + ":delayed", Double.NEGATIVE_INFINITY, nowSeconds, 0,
          1);
      pipeline.sync();
    }
    long depth = waiting.get() + due.get();
    Optional<Duration> oldest = longest(JobTimestamps.age(first.get(), PUSHED_AT, now),
        earliestDue.get().stream().findFirst().map(job -> sinceEpochSecond(job.getScore(), now)));
    return new QueueReading(depth, depth == 0 ? Optional.empty() : oldest, OptionalLong.empty(),
        OptionalLong.empty(), List.of(), OptionalInt.of((int) Math.min(Integer.MAX_VALUE, reserved.get())),
        Optional.empty(), QueueReading.Heartbeats.NOT_KEPT, now);
  }

  private static Duration sinceEpochSecond(double seconds, Instant now) {
    Duration age = Duration.between(Instant.ofEpochMilli(Math.round(seconds * 1000)), now);
    return age.isNegative() ? Duration.ZERO : age;
  }

  private static Optional<Duration> longest(Optional<Duration> a, Optional<Duration> b) {
    if (a.isEmpty()) {
      return b;
    }
    return b.isEmpty() || a.get().compareTo(b.get()) >= 0 ? a : b;
  }

  @Override
  public void close() {
    redis.close();
  }
}
