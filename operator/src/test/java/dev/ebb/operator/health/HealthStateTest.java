package dev.ebb.operator.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.operator.health.HealthState.Check;
import dev.ebb.operator.health.Leadership.Role;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HealthStateTest {

  private static final Duration LIMIT = Duration.ofSeconds(60);
  private static final Set<String> NONE = Set.of();
  private static final Set<String> BROKEN = Set.of("workerpool/deployments");

  @Test
  void startingIsNeitherLiveNorReadyAndSaysSo() {
    HealthState state = HealthState.of(false, NONE, Optional.empty(), LIMIT, Role.CANDIDATE, Optional.empty(), false);

    assertThat(state.live()).isEqualTo(new Check(false, "starting"));
    assertThat(state.ready()).isEqualTo(new Check(false, "starting"));
  }

  @Test
  void aStandbyIsLiveAndReady() {
    HealthState state = HealthState.of(true, NONE, Optional.empty(), LIMIT, Role.CANDIDATE, Optional.of("b"), false);

    assertThat(state.live().ok()).isTrue();
    assertThat(state.ready()).isEqualTo(new Check(true, "standby (leader: b)"));
  }

  @Test
  void theLeaderIsReadyWhileItsInformersAreHealthy() {
    assertThat(HealthState.of(true, NONE, Optional.empty(), LIMIT, Role.LEADER, Optional.of("a"), false).ready())
        .isEqualTo(new Check(true, "leader"));
    Check broken = HealthState.of(true, BROKEN, Optional.of(Duration.ofSeconds(5)), LIMIT, Role.LEADER,
        Optional.of("a"), false).ready();
    assertThat(broken.ok()).isFalse();
    assertThat(broken.detail()).contains("workerpool/deployments");
  }

  @Test
  void withoutLeaderElectionReadyFollowsTheInformers() {
    assertThat(HealthState.of(true, NONE, Optional.empty(), LIMIT, Role.NOT_ELECTING, Optional.empty(), false)
        .ready()).isEqualTo(new Check(true, "ok"));
    assertThat(HealthState.of(true, BROKEN, Optional.of(Duration.ZERO), LIMIT, Role.NOT_ELECTING, Optional.empty(),
        false).ready().ok()).isFalse();
  }

  @Test
  void anInformerUnhealthyForLessThanTheLimitKeepsTheOperatorLiveAndLongerDoesNot() {
    assertThat(HealthState.of(true, BROKEN, Optional.of(Duration.ofSeconds(59)), LIMIT, Role.LEADER,
        Optional.empty(), false).live().ok()).isTrue();
    Check dead = HealthState.of(true, BROKEN, Optional.of(Duration.ofSeconds(60)), LIMIT, Role.CANDIDATE,
        Optional.empty(), false).live();
    assertThat(dead.ok()).isFalse();
    assertThat(dead.detail()).contains("60s").contains("workerpool/deployments");
  }

  @Test
  void aReplicaThatLostItsLeaseIsNotReady() {
    assertThat(HealthState.of(true, NONE, Optional.empty(), LIMIT, Role.STOPPED_LEADING, Optional.of("b"), false)
        .ready().ok()).isFalse();
  }

  @Test
  void stoppingIsLiveButNotReady() {
    HealthState state = HealthState.of(true, NONE, Optional.empty(), LIMIT, Role.LEADER, Optional.empty(), true);

    assertThat(state.live().ok()).isTrue();
    assertThat(state.ready()).isEqualTo(new Check(false, "stopping"));
  }
}
