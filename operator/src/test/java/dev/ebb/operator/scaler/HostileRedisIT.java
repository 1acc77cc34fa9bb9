package dev.ebb.operator.scaler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebb.api.v1alpha1.QueueFormat;
import dev.ebb.api.v1alpha1.QueueSpec;
import dev.ebb.api.v1alpha1.RedisQueueSpec;
import dev.ebb.redis.RedisProcess;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.JedisPooled;

/**
 * A queue server chosen by a pool's author cannot exhaust the operator's heap or hold a measuring thread: whatever it
 * declares or however slowly it answers, a poll fails within the poll deadline as a named failure, and the operator
 * allocates no more than the reply limits.
 */
class HostileRedisIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private static final Duration DEADLINE = Duration.ofSeconds(5);

  @Timeout(60) // without the guard, DRIP would hold the poll for ever
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"HUGE_STRING, PROTOCOL", "HUGE_ARRAY, PROTOCOL", "DRIP, TIMEOUT", "SILENT, TIMEOUT"})
  void aHostileServerFailsThePollInTimeWithoutTakingTheHeap(HostileRedis.Behaviour behaviour,
      ScalerException.Kind kind) throws Exception {
    try (HostileRedis hostile = new HostileRedis(behaviour);
        RedisConnections connections = new RedisConnections(TIMEOUT, 2, ReplyLimits.standard(DEADLINE));
        ScalerRegistry registry = new ScalerRegistry(connections, Clock.systemUTC());
        QueueScaler scaler = registry.create(new QueueSpec(new RedisQueueSpec(hostile.uri(), "mailer")),
            Optional.empty())) {
      long heapBefore = usedHeap();
      long began = System.nanoTime();

      assertThatThrownBy(scaler::measure).isInstanceOfSatisfying(ScalerException.class, e -> {
        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.publicMessage()).endsWith("(" + kind.reason() + ")");
      });

      Duration took = Duration.ofNanos(System.nanoTime() - began);
      // one retry on a broken connection may follow a failed read; each is bounded by the deadline (the retry's
      // deadline is the same one, already running)
      assertThat(took).as("poll time").isLessThan(DEADLINE.plus(TIMEOUT).plusSeconds(1));
      assertThat(usedHeap() - heapBefore).as("heap the poll took").isLessThan(64L << 20);
    }
  }

  // formats sidekiq and rq: the same guard holds for their reads, and their caps bound what a tenant's data costs

  @Timeout(60)
  @ParameterizedTest(name = "{0}: {1} -> {2}")
  @CsvSource({"SIDEKIQ, HUGE_STRING, PROTOCOL", "SIDEKIQ, HUGE_ARRAY, PROTOCOL", "SIDEKIQ, DRIP, TIMEOUT",
      "RQ, HUGE_STRING, PROTOCOL", "RQ, HUGE_ARRAY, PROTOCOL", "RQ, SILENT, TIMEOUT"})
  void theSidekiqAndRqFormatsFailAHostilePollInTimeToo(QueueFormat format, HostileRedis.Behaviour behaviour,
      ScalerException.Kind kind) throws Exception {
    try (HostileRedis hostile = new HostileRedis(behaviour);
        RedisConnections connections = new RedisConnections(TIMEOUT, 2, ReplyLimits.standard(DEADLINE));
        ScalerRegistry registry = new ScalerRegistry(connections, Clock.systemUTC());
        QueueScaler scaler = registry.create(queue(hostile.uri(), format), Optional.empty())) {
      long heapBefore = usedHeap();
      long began = System.nanoTime();

      assertThatThrownBy(scaler::measure).isInstanceOfSatisfying(ScalerException.class,
          e -> assertThat(e.kind()).isEqualTo(kind));

      assertThat(Duration.ofNanos(System.nanoTime() - began)).as("poll time")
          .isLessThan(DEADLINE.plus(TIMEOUT).plusSeconds(1));
      assertThat(usedHeap() - heapBefore).as("heap the poll took").isLessThan(64L << 20);
    }
  }

  @Test
  void aSidekiqTenantsOversizedSetsAreReadOnlyUpToTheirCaps() throws Exception {
    try (RedisProcess redis = RedisProcess.startOnFreePort();
        JedisPooled jedis = new JedisPooled(redis.host(), redis.port());
        RedisConnections connections = new RedisConnections(TIMEOUT, 2, ReplyLimits.standard(DEADLINE));
        ScalerRegistry registry = new ScalerRegistry(connections, Clock.systemUTC());
        QueueScaler scaler = registry.create(queue(redis.uri(), QueueFormat.SIDEKIQ), Optional.empty())) {
      try (AbstractPipeline pipeline = jedis.pipelined()) {
        for (int i = 0; i < 20_000; i++) {
          pipeline.sadd("processes", "host-" + i + ":1:abc");
        }
        for (int i = 0; i < 5_000; i++) { // due long ago, every other one for the pool's queue
          pipeline.zadd("retry", i, "{\"queue\":\"" + (i % 2 == 0 ? "mailer" : "other") + "\",\"jid\":\"" + i
              + "\"}");
        }
        pipeline.sync();
      }

      QueueReading reading = scaler.measure();

      assertThat(reading.workers()).as("processes read").hasSize(SidekiqScaler.PROCESSES_READ);
      assertThat(reading.depth()).as("25 of the 50 due jobs read are the queue's: half of 5000").isEqualTo(2_500);
    }
  }

  @Test
  void anRqTenantsOversizedWorkerSetIsReadOnlyUpToItsCap() throws Exception {
    try (RedisProcess redis = RedisProcess.startOnFreePort();
        JedisPooled jedis = new JedisPooled(redis.host(), redis.port());
        RedisConnections connections = new RedisConnections(TIMEOUT, 2, ReplyLimits.standard(DEADLINE));
        ScalerRegistry registry = new ScalerRegistry(connections, Clock.systemUTC());
        QueueScaler scaler = registry.create(queue(redis.uri(), QueueFormat.RQ), Optional.empty())) {
      try (AbstractPipeline pipeline = jedis.pipelined()) {
        for (int i = 0; i < 20_000; i++) {
          pipeline.sadd("rq:workers:mailer", "rq:worker:w" + i);
        }
        pipeline.sync();
      }

      assertThat(scaler.measure().workers()).as("workers read").hasSize(RqScaler.WORKERS_READ);
    }
  }

  private static QueueSpec queue(String address, QueueFormat format) {
    RedisQueueSpec redis = new RedisQueueSpec(address, "mailer");
    redis.setFormat(format);
    return new QueueSpec(redis);
  }

  private static long usedHeap() {
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
