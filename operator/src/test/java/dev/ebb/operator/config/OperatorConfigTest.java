package dev.ebb.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OperatorConfigTest {

  @Test
  void defaultsWatchAllNamespacesWithoutLeaderElection() {
    OperatorConfig config = OperatorConfig.from(Map.of());

    assertThat(config.watchNamespaces()).isEmpty();
    assertThat(config.httpPort()).isEqualTo(8080);
    assertThat(config.leaderElection()).isFalse();
    assertThat(config.leaseName()).isEqualTo("ebb-operator");
    assertThat(config.invalidSpecRetry()).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.secretLabelRequired()).as("only labelled Secrets by default").isTrue();
  }

  @Test
  void readsEverySettingFromItsVariable() {
    OperatorConfig config = OperatorConfig.from(Map.of(
        "EBB_WATCH_NAMESPACES", "shop, billing",
        "EBB_HTTP_PORT", "9000",
        "EBB_LEADER_ELECTION", "true",
        "EBB_LEASE_NAMESPACE", "ebb-system",
        "EBB_POD_NAME", "ebb-operator-0",
        "EBB_RECONCILE_THREADS", "4",
        "EBB_INVALID_SPEC_RETRY", "30s",
        "EBB_SECRET_LABEL_REQUIRED", "false"));

    assertThat(config.watchNamespaces()).isEqualTo(Set.of("shop", "billing"));
    assertThat(config.httpPort()).isEqualTo(9000);
    assertThat(config.leaderElection()).isTrue();
    assertThat(config.leaseNamespace()).contains("ebb-system");
    assertThat(config.identity()).isEqualTo("ebb-operator-0");
    assertThat(config.reconcileThreads()).isEqualTo(4);
    assertThat(config.invalidSpecRetry()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.secretLabelRequired()).isFalse();
  }

  @Test
  void aBadValueNamesItsVariable() {
    assertThatThrownBy(() -> OperatorConfig.from(Map.of("EBB_HTTP_PORT", "eighty")))
        .hasMessageContaining("EBB_HTTP_PORT");
    assertThatThrownBy(() -> OperatorConfig.from(Map.of("EBB_LEADER_ELECTION", "maybe")))
        .hasMessageContaining("EBB_LEADER_ELECTION");
  }
}
