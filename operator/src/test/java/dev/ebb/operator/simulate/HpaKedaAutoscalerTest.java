package dev.ebb.operator.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.operator.scaling.ScalingSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The baseline must behave like the HPA and KEDA defaults: the comparison is only as honest as this model. */
class HpaKedaAutoscalerTest {

  static final ProcessingTimes TIMES = new ProcessingTimes(Duration.ofMillis(350), 0.5);

  /** A pool whose figures the test sets by hand. */
  static final class FakePool implements PoolView {
    int replicas;
    long depth;
    int running;

    public int replicas() {
      return replicas;
    }

    public int readyWorkers() {
      return replicas;
    }

    public int busyWorkers() {
      return 0;
    }

    public int runningJobs() {
      return running;
    }

    public int concurrency() {
      return 10;
    }

    public long depth() {
      return depth;
    }

    public double oldestWait() {
      return 0;
    }

    public long arrived() {
      return 0;
    }

    public long completed() {
      return 0;
    }

    public double processedSeconds() {
      return 0;
    }
  }

  /** The Redis list scaler's defaults, KEDA polling at 0 s and the HPA syncing at 7 s of their periods. */
  static HpaKedaAutoscaler llen(int min, int target, boolean cached) {
    return new HpaKedaAutoscaler(KedaConfig.redisListDefaults(min, 50, target, 300, cached).withPhases(0, 7));
  }

  static SimulationResult baselineOn(String workload, int min) {
    ScalingSettings pool = ScalingSettings.defaults(min, 50);
    Simulation hour = new Simulation(Duration.ofHours(1), 10, Duration.ofSeconds(20), min);
    return new PolicyComparison(pool, hour, TIMES, 1).run(Workloads.named(workload)).get(1);
  }

  @Test
  void neverGrowsFasterThanDoubleOrFourPodsPerFifteenSeconds() {
    for (String workload : Workloads.NAMES) {
      int[] replicas = baselineOn(workload, 1).timeline().replicas();
      for (int t = 15; t < replicas.length; t++) {
        int before = replicas[t - 15];
        assertThat(replicas[t]).as("%s at %ds", workload, t).isLessThanOrEqualTo(Math.max(2 * before, before + 4));
      }
    }
  }

  @Test
  void growthIsLimitedWithinOnePeriodOnAFakePool() {
    HpaKedaAutoscaler hpa = llen(1, 100, false);
    FakePool pool = new FakePool();
    pool.replicas = 3;
    pool.depth = 100_000;
    hpa.onSecond(0, pool); // KEDA reads the depth

    int first = hpa.onSecond(7, pool);
    pool.replicas = first;
    int second = hpa.onSecond(22, pool);

    assertThat(first).isEqualTo(7); // max(2 x 3, 3 + 4)
    assertThat(second).isEqualTo(14); // the period starting at 7 began with 7
  }

  @Test
  void holdsTheHighestRecommendationForThreeHundredSeconds() {
    HpaKedaAutoscaler hpa = llen(1, 100, false);
    FakePool pool = new FakePool();
    pool.replicas = 20;
    pool.depth = 2_000;
    hpa.onSecond(0, pool);
    assertThat(hpa.onSecond(7, pool)).isEqualTo(20);

    pool.depth = 0;
    for (long second = 30; second <= 307; second++) {
      assertThat(hpa.onSecond(second, pool)).as("at %ds", second).isEqualTo(20);
    }
    assertThat(hpa.onSecond(322, pool)).isEqualTo(1);
  }

  @Test
  void ignoresChangesWithinTenPercent() {
    HpaKedaAutoscaler hpa = llen(1, 100, false);
    FakePool pool = new FakePool();
    pool.replicas = 10;
    pool.depth = 1_090; // ratio 1.09: within tolerance, although ceil(1090 / 100) = 11
    hpa.onSecond(0, pool);

    assertThat(hpa.onSecond(7, pool)).isEqualTo(10);
  }

  @Test
  void byDefaultEachHpaSyncReadsTheDepthAfresh() {
    // useCachedMetrics: false (KEDA's default): the metrics server runs LLEN on every request of the HPA
    HpaKedaAutoscaler hpa = llen(1, 100, false);
    FakePool pool = new FakePool();
    pool.replicas = 1;
    hpa.onSecond(0, pool); // KEDA's poll reads 0
    pool.depth = 10_000;

    assertThat(hpa.onSecond(7, pool)).isEqualTo(5); // max(2 x 1, 1 + 4): the fresh 10,000 asks for 100
  }

  @Test
  void withCachedMetricsTheHpaSeesTheDepthOfKedasLastPoll() {
    HpaKedaAutoscaler hpa = llen(1, 100, true);
    FakePool pool = new FakePool();
    pool.replicas = 1;
    hpa.onSecond(0, pool); // KEDA reads 0
    pool.depth = 10_000;

    assertThat(hpa.onSecond(7, pool)).isEqualTo(1);
    assertThat(hpa.onSecond(22, pool)).isEqualTo(1);
    hpa.onSecond(30, pool); // KEDA reads 10,000
    assertThat(hpa.onSecond(37, pool)).isEqualTo(5);
  }

  @Test
  void theListLengthCountsWaitingJobsOnlyAndTheTunedMetricAddsRunningOnes() {
    FakePool pool = new FakePool();
    pool.replicas = 10;
    pool.depth = 0;
    pool.running = 100; // ten busy workers, an empty list
    HpaKedaAutoscaler llen = llen(1, 10, false);
    HpaKedaAutoscaler tuned = new HpaKedaAutoscaler(KedaConfig.tuned(1, 50, 10, 300, false).withPhases(0, 7));

    for (long second = 7; second <= 322; second += 15) {
      assertThat(tuned.onSecond(second, pool)).as("at %ds", second).isEqualTo(10); // 100 / 10: the pods at work
      assertThat(llen.onSecond(second, pool)).as("at %ds", second).isEqualTo(1); // an empty list asks for none
    }
  }

  @Test
  void theTunedScaleUpPolicyReachesTheRecommendationInOneSync() {
    HpaKedaAutoscaler tuned = new HpaKedaAutoscaler(KedaConfig.tuned(1, 50, 100, 300, false).withPhases(0, 7));
    FakePool pool = new FakePool();
    pool.replicas = 1;
    pool.depth = 4_000;

    assertThat(tuned.onSecond(7, pool)).isEqualTo(40);
  }

  @Test
  void thePhasesOfKedaAndTheHpaChangeWithTheSeed() {
    ScalingSettings pool = ScalingSettings.defaults(0, 50);
    Simulation hour = new Simulation(Duration.ofHours(1), 10, Duration.ofSeconds(20), 0);
    java.util.Set<String> phases = new java.util.HashSet<>();
    for (long seed = 1; seed <= 5; seed++) {
      KedaConfig keda = new PolicyComparison(pool, hour, TIMES, seed).kedaConfigs().get(0);
      phases.add(keda.pollPhase() + "/" + keda.syncPhase());
    }
    assertThat(phases).hasSizeGreaterThan(1);
  }

  @Test
  void theDefaultTargetsAreWhatOneReplicaDrainsWithinTheGoalAndItsShareOfWork() {
    PolicyComparison.KedaOptions defaults = PolicyComparison.KedaOptions.defaults(ScalingSettings.defaults(0, 50),
        TIMES);

    assertThat(defaults.listLength()).isEqualTo(857); // c = 10, L = 30 s, p = 350 ms: 10 x 30 / 0.35
    assertThat(defaults.workTarget()).isEqualTo(8); // c x targetUtilization = 10 x 0.8
    assertThat(defaults.cachedMetrics()).isFalse();
  }

  @Test
  void kedaActivatesFromZeroAtItsPollAndScalesToZeroAfterTheCooldown() {
    HpaKedaAutoscaler hpa = llen(0, 100, false);
    FakePool pool = new FakePool();
    pool.replicas = 0;
    pool.depth = 5;

    assertThat(hpa.onSecond(1, pool)).isZero(); // between polls nothing happens
    assertThat(hpa.onSecond(30, pool)).isEqualTo(1);
    pool.replicas = 1;
    pool.depth = 0;
    assertThat(hpa.onSecond(300, pool)).isEqualTo(1); // last active at 30: cooldown runs to 330
    assertThat(hpa.onSecond(330, pool)).isZero();
  }

  @Test
  void activationFromZeroInARunHappensAtKedaPolls() {
    int[] replicas = baselineOn("poisson", 0).timeline().replicas();
    ScalingSettings pool = ScalingSettings.defaults(0, 50);
    Simulation hour = new Simulation(Duration.ofHours(1), 10, Duration.ofSeconds(20), 0);
    int phase = new PolicyComparison(pool, hour, TIMES, 1).kedaConfigs().get(0).pollPhase();
    for (int t = 1; t < replicas.length; t++) {
      if (replicas[t - 1] == 0 && replicas[t] > 0) {
        assertThat(t % KedaConfig.DEFAULT_POLLING_SECONDS).as("activation at %ds", t).isEqualTo(phase);
        assertThat(replicas[t]).isEqualTo(1);
      }
    }
  }
}
