package dev.ebb.operator.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PartitionCapTest {

  private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

  static Stream<Arguments> caps() {
    // min, max, useful replicas (0: no limit), replicas now -> max the policy decides with, whether the cap binds
    return Stream.of(
        Arguments.of(1, 20, 0, 20, 20, false),
        Arguments.of(1, 20, 4, 4, 4, true),
        Arguments.of(1, 20, 4, 3, 4, false),
        Arguments.of(1, 20, 20, 20, 20, false),
        Arguments.of(1, 20, 32, 20, 20, false),
        Arguments.of(0, 20, 1, 1, 1, true),
        Arguments.of(6, 20, 4, 6, 6, true),
        Arguments.of(1, 3, 4, 3, 3, false));
  }

  @ParameterizedTest(name = "min {0} max {1} partitions {2} at {3}: decides within max {4}, binds {5}")
  @MethodSource("caps")
  void aQueueWithFewerPartitionsThanMaxLowersTheMaxTheDecisionUses(int min, int max, int useful, int replicas,
      int expectedMax, boolean binds) {
    ScalingSettings settings = ScalingSettings.defaults(min, max);
    OptionalInt cap = useful == 0 ? OptionalInt.empty() : OptionalInt.of(useful);

    assertThat(PartitionCap.apply(settings, cap).max()).isEqualTo(expectedMax);
    assertThat(PartitionCap.apply(settings, cap).min()).isEqualTo(min);
    assertThat(PartitionCap.binds(settings, cap, replicas)).isEqualTo(binds);
  }

  static Stream<Arguments> decisions() {
    // depth, replicas now, partitions -> the policy's replicas (jobsPerReplica 100, max 20)
    return Stream.of(
        Arguments.of(5000, 1, 8, 8),
        Arguments.of(5000, 1, 0, 20),
        Arguments.of(300, 1, 8, 3),
        Arguments.of(5000, 12, 8, 8),
        Arguments.of(0, 8, 8, 8));
  }

  @ParameterizedTest(name = "depth {0} at {1} replicas, {2} partitions -> {3}")
  @MethodSource("decisions")
  void thePolicyNeverAsksForMoreReplicasThanPartitions(long depth, int current, int partitions, int expected) {
    ScalingSettings settings = PartitionCap.apply(ScalingSettings.defaults(1, 20),
        partitions == 0 ? OptionalInt.empty() : OptionalInt.of(partitions));
    QueueObservation burst = new QueueObservation(depth, Duration.ofSeconds(10), OptionalDouble.empty(),
        OptionalDouble.empty(), 0, 0, OptionalInt.empty(), Optional.empty());

    ScalingDecision decision = new ScalingPolicy().decide(settings, current, burst, ScalingState.initial(), NOW);

    assertThat(decision.desiredReplicas()).isEqualTo(expected);
  }
}
