package dev.ebb.operator.autoscale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.api.v1alpha1.QueueFormat;
import dev.ebb.api.v1alpha1.QueueSpec;
import dev.ebb.api.v1alpha1.RedisQueueSpec;
import dev.ebb.operator.scaler.Credentials;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MonitorTargetTest {

  @Test
  void anEqualQueueBlockKeepsTheScaler() {
    assertThat(target(listQueue(null), Optional.empty()).needsNewScaler(target(listQueue(null), Optional.empty())))
        .isFalse();
  }

  @Test
  void anyChangedOptionOfTheQueueBlockOrThePasswordNeedsANewScaler() {
    MonitorTarget before = target(listQueue(null), Optional.empty());

    assertThat(before.needsNewScaler(target(listQueue("enqueued_at"), Optional.empty()))).as("a format option").isTrue();
    assertThat(before.needsNewScaler(target(listQueue(null), Optional.of("s3cret")))).as("the password").isTrue();
    QueueSpec ebb = listQueue(null);
    ebb.getRedis().setFormat(QueueFormat.EBB);
    assertThat(before.needsNewScaler(target(ebb, Optional.empty()))).as("the format").isTrue();
  }

  private static QueueSpec listQueue(String enqueuedAtField) {
    RedisQueueSpec redis = new RedisQueueSpec("redis://redis.shop:6379/0", "mail");
    redis.setFormat(QueueFormat.LIST);
    redis.setEnqueuedAtField(enqueuedAtField);
    return new QueueSpec(redis);
  }

  private static MonitorTarget target(QueueSpec queue, Optional<String> password) {
    return new MonitorTarget(queue, password.map(p -> Credentials.of(Map.of("passwordFrom", p)))
        .orElse(Credentials.none()), Duration.ofSeconds(1), Duration.ofSeconds(60));
  }
}
