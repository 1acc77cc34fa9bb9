package dev.ebb.operator.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebb.api.v1alpha1.RedisQueueSpec;
import dev.ebb.operator.scaler.QueueBlock;
import dev.ebb.operator.scaler.RedisBackend;
import dev.ebb.operator.scaler.RedisConnections;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueueAddressPolicyTest {

  private static final QueueAddressPolicy POLICY = QueueAddressPolicy.of(
      List.of("10.0.0.0/8", "192.168.7.5", " *.svc.cluster.local", "redis.shop.svc", "fd00::/8"));

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
      "10.1.2.3, true",
      "10.255.255.255, true",
      "11.0.0.1, false",
      "192.168.7.5, true",
      "192.168.7.6, false",
      "169.254.169.254, false",
      "127.0.0.1, false",
      "redis.shop.svc.cluster.local, true",
      "a.b.svc.cluster.local, true",
      "svc.cluster.local, false",
      "evil-svc.cluster.local, false",
      "redis.shop.svc, true",
      "redis.shop.svc.evil.example, false",
      "REDIS.SHOP.SVC, true",
      "metadata.google.internal, false"})
  void allowsWhatItsRulesName(String host, boolean allowed) {
    assertThat(POLICY.allows(host.toLowerCase(java.util.Locale.ROOT))).isEqualTo(allowed);
  }

  @ParameterizedTest
  @CsvSource({"10.0.0.0/33", "not a host!", "10.0.0/8x"})
  void aBadRuleIsRefusedByName(String rule) {
    assertThatThrownBy(() -> QueueAddressPolicy.of(List.of(rule))).hasMessageContaining(rule)
        .hasMessageContaining("EBB_ALLOWED_QUEUE_ADDRESSES");
  }

  @org.junit.jupiter.api.Test
  void noRulesAllowEverything() {
    assertThat(QueueAddressPolicy.of(List.of()).allowsEverything()).isTrue();
  }

  @Test
  void aQueueBlockIsJudgedByTheHostItsBackendWillContact() {
    try (RedisBackend redis = new RedisBackend(new RedisConnections(Duration.ofSeconds(1), 1), Clock.systemUTC())) {
      QueueBlock<RedisQueueSpec> allowed = new QueueBlock<>("redis", redis,
          new RedisQueueSpec("redis://redis.shop.svc:6379/0", "mail"));
      QueueBlock<RedisQueueSpec> outside = new QueueBlock<>("redis", redis,
          new RedisQueueSpec("rediss://169.254.169.254:6379", "mail"));

      assertThat(POLICY.check(allowed)).isEmpty();
      assertThat(POLICY.check(outside)).hasValueSatisfying(problem -> {
        assertThat(problem.reason()).isEqualTo("AddressNotAllowed");
        assertThat(problem.message()).contains("queue.redis host 169.254.169.254");
      });
      assertThat(QueueAddressPolicy.of(List.of()).check(outside)).as("no rules: everything").isEmpty();
    }
  }
}
