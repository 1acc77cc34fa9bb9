package dev.ebb.operator.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.operator.health.Leadership.Role;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LeadershipTest {

  private final AtomicInteger lost = new AtomicInteger();
  private final Leadership leadership = Leadership.electing("a", lost::incrementAndGet);
  private final LeaderCallbacks callbacks = leadership.callbacks();

  @Test
  void aCandidateLeadsOnceItHoldsTheLease() {
    assertThat(leadership.role()).isEqualTo(Role.CANDIDATE);
    callbacks.onNewLeader("a");
    callbacks.onStartLeading();

    assertThat(leadership.role()).isEqualTo(Role.LEADER);
    assertThat(leadership.leader()).contains("a");
  }

  @Test
  void losingTheLeaseRunsTheLossOnceEvenWhenFabric8ReportsItTwice() {
    callbacks.onStartLeading();
    callbacks.onNewLeader("b");
    callbacks.onStopLeading();
    callbacks.onStopLeading();

    assertThat(lost).hasValue(1);
    assertThat(leadership.role()).isEqualTo(Role.STOPPED_LEADING);
  }

  @Test
  void givingUpTheLeaseOnAStopIsNoLoss() {
    callbacks.onStartLeading();
    leadership.stopping();
    callbacks.onStopLeading();

    assertThat(lost).hasValue(0);
  }

  @Test
  void aStandbyThatNeverLedLosesNothing() {
    callbacks.onNewLeader("b");
    callbacks.onStopLeading();

    assertThat(lost).hasValue(0);
    assertThat(leadership.role()).isEqualTo(Role.CANDIDATE);
  }

  @Test
  void withoutLeaderElectionTheReplicaAlwaysActs() {
    assertThat(Leadership.notElecting().role()).isEqualTo(Role.NOT_ELECTING);
  }
}
