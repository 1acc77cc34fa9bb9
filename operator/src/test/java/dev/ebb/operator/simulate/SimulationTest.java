package dev.ebb.operator.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ebb.operator.scaling.ScalingSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulationTest {

  static final ScalingSettings POOL = ScalingSettings.defaults(0, 50);
  static final Simulation ONE_HOUR = new Simulation(Duration.ofHours(1), 10, Duration.ofSeconds(20), 0);
  static final ProcessingTimes TIMES = new ProcessingTimes(Duration.ofMillis(350), 0.5);

  /** Always asks for the same replicas. */
  record Fixed(int replicas) implements Autoscaler {
    public String name() {
      return "fixed";
    }

    public int onSecond(long second, PoolView pool) {
      return replicas;
    }
  }

  @Test
  void theSameSeedGivesTheSameRun() {
    PolicyComparison comparison = new PolicyComparison(POOL, ONE_HOUR, TIMES, 42);

    List<SimulationResult> first = comparison.run(Workloads.named("poisson"));
    List<SimulationResult> second = comparison.run(Workloads.named("poisson"));

    for (int i = 0; i < first.size(); i++) {
      assertThat(second.get(i).workerSeconds()).isEqualTo(first.get(i).workerSeconds());
      assertThat(second.get(i).p99Wait()).isEqualTo(first.get(i).p99Wait());
      assertThat(second.get(i).timeline().replicas()).isEqualTo(first.get(i).timeline().replicas());
      assertThat(second.get(i).timeline().backlog()).isEqualTo(first.get(i).timeline().backlog());
    }
    SimulationResult otherSeed = new PolicyComparison(POOL, ONE_HOUR, TIMES, 43).run(Workloads.named("poisson"))
        .get(0);
    assertThat(otherSeed.timeline().backlog()).isNotEqualTo(first.get(0).timeline().backlog());
  }

  @Test
  void ebbDrainsTheBacklogOfAStep() {
    SimulationResult ebb = new PolicyComparison(POOL, ONE_HOUR, TIMES, 1).run(Workloads.named("step")).get(0);
    int[] backlog = ebb.timeline().backlog();

    // the step to 150 jobs/s starts at 10m: once the new workers are up, the queue is back near zero and stays
    for (int second = 600 + 120; second < 3600; second++) {
      assertThat(backlog[second]).as("backlog at %ds", second).isLessThan(300);
    }
    assertThat(backlog[3599]).isZero();
    assertThat(ebb.p95Wait()).isLessThan(Duration.ofSeconds(30).toSeconds());
  }

  @Test
  void ebbLearnsThePodsStartUpFromTheSimulatedPods() {
    Simulation slowPods = new Simulation(Duration.ofMinutes(10), 10, Duration.ofSeconds(45), 0);
    EbbAutoscaler ebb = new EbbAutoscaler(POOL, 0);

    assertThat(ebb.startupTime()).isEmpty();
    slowPods.run("spike", JobStream.generate(Workloads.named("spike"), 600, TIMES, 1), ebb);

    assertThat(ebb.startupTime()).contains(Duration.ofSeconds(45));
  }

  @Test
  void onTheSpikeSizingForTheBacklogOneStartUpAheadWaitsLessForAboutTheSameCost() {
    JobStream jobs = JobStream.generate(Workloads.named("spike"), 3600, TIMES, 1);
    SimulationResult aware = ONE_HOUR.run("spike", jobs, new EbbAutoscaler(POOL, 4, true));
    SimulationResult unaware = ONE_HOUR.run("spike", jobs, new EbbAutoscaler(POOL, 4, false));

    assertThat(aware.p95Wait()).as("p95 wait, s").isLessThan(unaware.p95Wait());
    assertThat(aware.workerSeconds()).isCloseTo(unaware.workerSeconds(), within(unaware.workerSeconds() * 0.02));
  }

  @Test
  void constantReplicasCostReplicasTimesDuration() {
    JobStream jobs = JobStream.generate(Workloads.named("step"), 600, TIMES, 1);
    Simulation tenMinutes = new Simulation(Duration.ofMinutes(10), 10, Duration.ofSeconds(20), 7);

    SimulationResult result = tenMinutes.run("step", jobs, new Fixed(7));

    assertThat(result.workerSeconds()).isCloseTo(7 * 600.0, within(1e-6));
    assertThat(result.scalingChanges()).isZero();
  }

  @Test
  void podsArePaidFromCreationIncludingTheirStartUp() {
    JobStream none = JobStream.of(new double[0], new double[0]);
    Simulation tenMinutes = new Simulation(Duration.ofMinutes(10), 10, Duration.ofSeconds(20), 2);
    Autoscaler stepUpAt100 = new Autoscaler() {
      public String name() {
        return "step-up";
      }

      public int onSecond(long second, PoolView pool) {
        return second < 100 ? 2 : 5;
      }
    };

    SimulationResult result = tenMinutes.run("none", none, stepUpAt100);

    assertThat(result.workerSeconds()).isCloseTo(2 * 600.0 + 3 * 500.0, within(1e-6));
    assertThat(result.scalingChanges()).isEqualTo(1);
  }

  @Test
  void waitsAreMeasuredFromEnqueueToStart() {
    // three jobs at t=0 on one worker with one slot, 1 s each: they start at 0, 1 and 2
    JobStream jobs = JobStream.of(new double[] {0, 0, 0}, new double[] {1, 1, 1});
    Simulation oneWorker = new Simulation(Duration.ofSeconds(10), 1, Duration.ZERO, 1);

    SimulationResult result = oneWorker.run("three", jobs, new Fixed(1));

    assertThat(result.p50Wait()).isEqualTo(1.0);
    assertThat(result.p99Wait()).isEqualTo(2.0);
    assertThat(result.jobs()).isEqualTo(3);
  }

  @Test
  void aRemovedBusyWorkerFinishesItsJobBeforeItStopsCosting() {
    // one 30 s job on each of two workers; at t=5 the pool shrinks to one: the drained pod exits at t=30
    JobStream jobs = JobStream.of(new double[] {0, 0}, new double[] {30, 30});
    Simulation oneMinute = new Simulation(Duration.ofMinutes(1), 1, Duration.ZERO, 2);
    Autoscaler shrink = new Autoscaler() {
      public String name() {
        return "shrink";
      }

      public int onSecond(long second, PoolView pool) {
        return second < 5 ? 2 : 1;
      }
    };

    SimulationResult result = oneMinute.run("two", jobs, shrink);

    assertThat(result.workerSeconds()).isCloseTo(60 + 30, within(1e-6));
  }
}
