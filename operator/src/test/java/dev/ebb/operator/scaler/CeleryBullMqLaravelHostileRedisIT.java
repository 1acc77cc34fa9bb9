package dev.ebb.operator.scaler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebb.api.v1alpha1.QueueFormat;
import dev.ebb.api.v1alpha1.QueueSpec;
import dev.ebb.api.v1alpha1.RedisQueueSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The reads of formats celery, bullmq and laravel stay bounded on a hostile server as Ebb's own do
 * ({@link HostileRedisIT}): whatever it declares or however slowly it answers, a poll fails within the poll deadline
 * as a named failure, without taking the heap.
 */
class CeleryBullMqLaravelHostileRedisIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private static final Duration DEADLINE = Duration.ofSeconds(5);

  @Timeout(60)
  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
      "CELERY, HUGE_STRING, PROTOCOL", "CELERY, HUGE_ARRAY, PROTOCOL", "CELERY, DRIP, TIMEOUT",
      "CELERY, SILENT, TIMEOUT",
      "BULLMQ, HUGE_STRING, PROTOCOL", "BULLMQ, HUGE_ARRAY, PROTOCOL", "BULLMQ, DRIP, TIMEOUT",
      "BULLMQ, SILENT, TIMEOUT",
      "LARAVEL, HUGE_STRING, PROTOCOL", "LARAVEL, HUGE_ARRAY, PROTOCOL", "LARAVEL, DRIP, TIMEOUT",
      "LARAVEL, SILENT, TIMEOUT"})
  void aHostileServerFailsThePollInTimeWithoutTakingTheHeap(QueueFormat format, HostileRedis.Behaviour behaviour,
      ScalerException.Kind kind) throws Exception {
    RedisQueueSpec spec;
    try (HostileRedis hostile = new HostileRedis(behaviour)) {
      spec = new RedisQueueSpec(hostile.uri(), "mailer");
      spec.setFormat(format);
      try (RedisConnections connections = new RedisConnections(TIMEOUT, 2, ReplyLimits.standard(DEADLINE));
          ScalerRegistry registry = new ScalerRegistry(connections, Clock.systemUTC());
          QueueScaler scaler = registry.create(new QueueSpec(spec), Optional.empty())) {
        long heapBefore = usedHeap();
        long began = System.nanoTime();

        assertThatThrownBy(scaler::measure).isInstanceOfSatisfying(ScalerException.class,
            e -> assertThat(e.kind()).isEqualTo(kind));

        assertThat(Duration.ofNanos(System.nanoTime() - began)).as("poll time")
            .isLessThan(DEADLINE.plus(TIMEOUT).plusSeconds(1));
        assertThat(usedHeap() - heapBefore).as("heap the poll took").isLessThan(64L << 20);
      }
    }
  }

  private static long usedHeap() {
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
