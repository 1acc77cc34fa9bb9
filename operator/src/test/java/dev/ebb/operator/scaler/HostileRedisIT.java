package dev.ebb.operator.scaler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebb.api.v1alpha1.QueueSpec;
import dev.ebb.api.v1alpha1.RedisQueueSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

  private static long usedHeap() {
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
