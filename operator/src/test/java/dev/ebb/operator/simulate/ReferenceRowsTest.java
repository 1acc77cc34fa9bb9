package dev.ebb.operator.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.operator.scaling.ScalingSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The two reference rows are bounds: the oracle acts before the load comes, the reactive floor without lag. */
class ReferenceRowsTest {

  static final ProcessingTimes TIMES = new ProcessingTimes(Duration.ofMillis(350), 0.5);

  /** 100 jobs/s of 1 s jobs from second 300 to 600, nothing before or after. */
  static JobStream block() {
    int count = 300 * 100;
    double[] arrivals = new double[count];
    double[] processing = new double[count];
    for (int i = 0; i < count; i++) {
      arrivals[i] = 300 + i / 100.0;
      processing[i] = 1;
    }
    return JobStream.of(arrivals, processing);
  }

  @Test
  void theOracleHasItsPodsReadyWhenTheLoadArrives() {
    Simulation run = new Simulation(Duration.ofMinutes(15), 10, Duration.ofSeconds(20), 0);
    ForesightOracle oracle = new ForesightOracle(block(), 900, 0, 50, 10, 20, 30, 1.0);

    SimulationResult result = run.run("block", block(), oracle);

    int[] replicas = result.timeline().replicas();
    assertThat(replicas[249]).isZero(); // no work within L (30 s) of the next start-up period (20 s)
    assertThat(replicas[280]).isEqualTo(10); // 100 jobs/s x 1 s / 10 slots, ordered one start-up (20 s) ahead
    assertThat(result.p99Wait()).isLessThan(1.0);
    assertThat(replicas[899]).isZero(); // no hold: it lets go as soon as the load is over
  }

  @Test
  void theReactiveFloorScalesUpAtOnceAndHoldsForTheWindow() {
    Workload block = new Workload() {
      public String name() {
        return "block";
      }

      public String description() {
        return "100 jobs/s from 300 s to 600 s";
      }

      public double rate(long second, long duration) {
        return second >= 300 && second < 600 ? 100 : 0;
      }
    };
    Simulation run = new Simulation(Duration.ofMinutes(20), 10, Duration.ofSeconds(20), 0);
    ReactiveFloor floor = new ReactiveFloor(block, block(), 1200, 0, 50, 10, 30, 1.0, 300);

    int[] replicas = run.run("block", block(), floor).timeline().replicas();

    assertThat(replicas[299]).isZero();
    assertThat(replicas[300]).isGreaterThanOrEqualTo(10); // the rate is known the second it changes
    assertThat(replicas[880]).isGreaterThanOrEqualTo(10); // held for the 300 s window after the load
    assertThat(replicas[1199]).isZero();
  }

  @Test
  void everyRunHasTheTwoReferenceRowsAfterThePolicies() {
    Simulation hour = new Simulation(Duration.ofHours(1), 10, Duration.ofSeconds(20), 0);
    List<SimulationResult> results = new PolicyComparison(ScalingSettings.defaults(0, 50), hour, TIMES, 1)
        .run(Workloads.named("spike"));

    assertThat(results).extracting(SimulationResult::policy)
        .containsExactly("ebb", "keda-llen", "keda-tuned", "reactive-floor", "oracle-floor");
    SimulationResult oracle = results.get(4);
    for (SimulationResult policy : results.subList(0, 3)) {
      assertThat(oracle.p95Wait()).as(policy.policy()).isLessThan(policy.p95Wait());
    }
  }
}
