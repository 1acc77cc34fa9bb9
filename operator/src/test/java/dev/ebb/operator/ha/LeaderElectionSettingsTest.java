package dev.ebb.operator.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebb.operator.config.OperatorConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeaderElectionSettingsTest {

  @Test
  void defaultsAreJosdksAndExitOnALostLease() {
    OperatorConfig config = OperatorConfig.from(Map.of());

    assertThat(config.leaseDuration()).isEqualTo(Duration.ofSeconds(15));
    assertThat(config.renewDeadline()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.retryPeriod()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.exitOnLostLease()).isTrue();
    assertThat(config.unhealthyLimit()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void readsTheLeaseTimingsFromTheirVariables() {
    OperatorConfig config = OperatorConfig.from(Map.of("EBB_LEADER_ELECTION", "true", "EBB_LEASE_DURATION", "4s",
        "EBB_RENEW_DEADLINE", "3s", "EBB_RETRY_PERIOD", "1s", "EBB_EXIT_ON_LOST_LEASE", "false",
        "EBB_UNHEALTHY_LIMIT", "2m"));

    assertThat(config.leaseDuration()).isEqualTo(Duration.ofSeconds(4));
    assertThat(config.renewDeadline()).isEqualTo(Duration.ofSeconds(3));
    assertThat(config.retryPeriod()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.exitOnLostLease()).isFalse();
    assertThat(config.unhealthyLimit()).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void timingsThatCannotWorkAreRejectedWhenElecting() {
    assertThatThrownBy(() -> OperatorConfig.from(Map.of("EBB_LEADER_ELECTION", "true", "EBB_LEASE_DURATION", "5s",
        "EBB_RENEW_DEADLINE", "10s"))).hasMessageContaining("EBB_RENEW_DEADLINE");
  }
}
