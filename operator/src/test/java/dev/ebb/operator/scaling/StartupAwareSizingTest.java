package dev.ebb.operator.scaling;

import static dev.ebb.operator.scaling.Observations.queue;
import static dev.ebb.operator.scaling.ScalingPolicyTest.FROM_ZERO;
import static dev.ebb.operator.scaling.ScalingPolicyTest.NOW;
import static dev.ebb.operator.scaling.ScalingPolicyTest.POOL;
import static dev.ebb.operator.scaling.ScalingPolicyTest.WATCHED;
import static dev.ebb.operator.scaling.ScalingPolicyTest.lastArrivalRate;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sizing for the backlog one start-up ahead. The pool: c 10, p 350 ms (28.6 jobs/s per replica), L 30 s, rho 0.8.
 * Each case gives the replicas with and without the start-up time.
 */
class StartupAwareSizingTest {

  record Case(String name, ScalingSettings settings, int current, QueueObservation observation,
      ScalingState previous, Duration startup, int withStartup, int withoutStartup, ScalingReason reason) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        // plain: 400 x 0.35 / 8 = 17.5 + 2000 x 0.35 / 300 = 2.33 -> 20; ahead: 2 replicas drain 57 jobs/s, so
        // 2000 + (400 - 57) x 20 = 8857 wait in 20 s -> 17.5 + 10.33 -> 28
        new Case("a pool falling behind sizes for the queue one start-up ahead", POOL, 2,
            queue(2000).oldestSeconds(5).arrivals(400).millisPerJob(350).busy(2, 20).build(), lastArrivalRate(400),
            Duration.ofSeconds(20), 28, 20, ScalingReason.SCALE_UP),
        // the same with a start-up of 60 s: 2000 + 343 x 60 = 22571 -> 17.5 + 26.33 -> 44
        new Case("a longer start-up projects further", POOL, 2,
            queue(2000).oldestSeconds(5).arrivals(400).millisPerJob(350).busy(2, 20).build(), lastArrivalRate(400),
            Duration.ofSeconds(60), 44, 20, ScalingReason.SCALE_UP),
        // 343 jobs/s short would leave 1714 waiting after one 5 s poll; 500 waiting shows 100 jobs/s of it:
        // 500 + 100 x 20 = 2500 -> 17.5 + 2.92 -> 21 (plain: 17.5 + 0.58 -> 19)
        new Case("the shortfall projected is at most what the queue shows", POOL, 2,
            queue(500).oldestSeconds(5).arrivals(400).millisPerJob(350).busy(2, 20).build(), lastArrivalRate(400),
            Duration.ofSeconds(20), 21, 19, ScalingReason.SCALE_UP),
        new Case("the projection is capped by max", POOL, 2,
            queue(20000).oldestSeconds(3).arrivals(400).millisPerJob(350).busy(2, 20).build(),
            lastArrivalRate(400), Duration.ofMinutes(2), 50, 41, ScalingReason.SCALE_UP),
        // the pods already asked for count as draining: 16 replicas drain 457 jobs/s > 400, nothing projected
        new Case("pods already asked for are not asked for twice", POOL, 16,
            queue(3000).oldestSeconds(3).arrivals(400).millisPerJob(350).busy(2, 20).build(), lastArrivalRate(400),
            Duration.ofSeconds(20), 21, 21, ScalingReason.SCALE_UP),
        // a batch inflates one poll's rate to 1000/s; the confirmed rate is 20/s, below 1 replica's drain
        new Case("a rise one poll has seen is not projected", POOL, 1,
            queue(5000).oldestSeconds(1).arrivals(1000).millisPerJob(350).busy(1, 10).build(), lastArrivalRate(20),
            Duration.ofSeconds(60), 7, 7, ScalingReason.SCALE_UP),
        new Case("a pool with headroom projects nothing", POOL, 5,
            queue(50).arrivals(100).millisPerJob(350).busy(5, 35).build(), lastArrivalRate(100),
            Duration.ofSeconds(60), 5, 5, ScalingReason.STEADY),
        new Case("a scale-down is neither deeper nor earlier", POOL.withScaleDownStabilization(Duration.ZERO), 20,
            queue(0).arrivals(100).millisPerJob(350).busy(5, 35).build(), WATCHED, Duration.ofSeconds(60), 5, 5,
            ScalingReason.SCALE_DOWN),
        // plain: 50 x 0.35 / 8 = 2.19 + 250 x 0.35 / 300 = 0.29 -> 3; ahead: 250 + 50 x 30 = 1750 -> 2.19 + 2.04 -> 5
        new Case("waking from zero sizes for the jobs that arrive while the first pods start", FROM_ZERO, 0,
            queue(250).oldestSeconds(5).arrivals(50).millisPerJob(350).build(), lastArrivalRate(50),
            Duration.ofSeconds(30), 5, 3, ScalingReason.ACTIVATION),
        new Case("an unknown processing time falls back to jobs per replica, as without a start-up time", POOL, 1,
            queue(1000).oldestSeconds(3).arrivals(400).build(), lastArrivalRate(400), Duration.ofSeconds(60), 10, 10,
            ScalingReason.SCALE_UP),
        new Case("an unknown arrival rate projects nothing", POOL, 1,
            queue(1000).oldestSeconds(3).arrivalsUnknown().millisPerJob(350).build(), ScalingState.initial(),
            Duration.ofSeconds(60), 2, 2, ScalingReason.SCALE_UP));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void decides(Case c) {
    ScalingPolicy policy = new ScalingPolicy();
    ScalingDecision with = policy.decide(c.settings(), c.current(), c.observation(), c.previous(), NOW,
        Optional.of(c.startup()));
    ScalingDecision without = policy.decide(c.settings(), c.current(), c.observation(), c.previous(), NOW,
        Optional.empty());

    assertThat(with.desiredReplicas()).as(with.message()).isEqualTo(c.withStartup());
    assertThat(without.desiredReplicas()).as(without.message()).isEqualTo(c.withoutStartup());
    assertThat(with.reason()).as(with.message()).isEqualTo(c.reason());
  }

  @Test
  void saysWhatTheScaleUpWasSizedFor() {
    ScalingDecision decision = new ScalingPolicy().decide(POOL, 2,
        queue(2000).oldestSeconds(5).arrivals(400).millisPerJob(350).busy(2, 20).build(), lastArrivalRate(400), NOW,
        Optional.of(Duration.ofSeconds(20)));

    assertThat(decision.message()).isEqualTo("queue 2000, oldest 5s, 350ms per job: 2 -> 28 replicas"
        + " (sized for 8857 jobs waiting in 20s, when new pods are ready)");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void withoutAStartupTimeDecidesExactlyAsBefore(Case c) {
    ScalingPolicy policy = new ScalingPolicy();
    ScalingDecision plain = policy.decide(c.settings(), c.current(), c.observation(), c.previous(), NOW);
    ScalingDecision empty = policy.decide(c.settings(), c.current(), c.observation(), c.previous(), NOW,
        Optional.empty());

    assertThat(empty).isEqualTo(plain);
  }
}
