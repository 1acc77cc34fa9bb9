package dev.ebb.operator.simulate;

import dev.ebb.api.v1alpha1.DurationFormat;
import dev.ebb.api.v1alpha1.WorkerPool;
import dev.ebb.operator.scaling.ScalingSettings;
import dev.ebb.operator.scaling.WorkerPoolScalingSettings;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ebb simulate pool.yaml}: runs Ebb's sizing policy, two KEDA + HPA models and two reference rows against
 * synthetic workloads or a recorded trace, with the pool's own settings, and prints and writes the comparison; with
 * {@code --sweep}, at matched cost. See docs/simulator.md.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = "Compare Ebb's sizing policy with models of KEDA and two reference rows on synthetic workloads or "
        + "a recorded trace, in simulated time.")
public class SimulateCommand implements Callable<Integer> {

  @Parameters(index = "0", arity = "0..1", paramLabel = "POOL_YAML",
      description = "A WorkerPool manifest; without one: min 0, max 50 and the defaults of every other field.")
  Path poolFile;

  @Option(names = "--workload", defaultValue = "all", description = "step, spike, daily, poisson or all (default).")
  String workload;

  @Option(names = "--duration", defaultValue = "1h", description = "Simulated time per workload (default 1h).")
  String duration;

  @Option(names = "--proc-time-mean", defaultValue = "350ms",
      description = "Mean processing time of a job (default 350ms); times are log-normal around it.")
  String processingTimeMean;

  @Option(names = "--proc-time-sigma", defaultValue = "0.5",
      description = "Spread of the log-normal processing times (default 0.5).")
  double processingTimeSigma;

  @Option(names = "--startup-delay", defaultValue = "20s",
      description = "From pod creation to its first job (default 20s).")
  String startupDelay;

  @Option(names = "--seed", defaultValue = "1", description = "Random seed; same seed, same result (default 1).")
  long seed;

  @Option(names = "--keda-list-length", paramLabel = "N",
      description = "The KEDA rows' trigger target per replica (default c*L/p: what one replica drains within "
          + "maxQueueLatency).")
  Integer kedaListLength;

  @Option(names = "--keda-tuned-target", paramLabel = "N",
      description = "keda-tuned's target of waiting + running jobs per replica (default c*targetUtilization).")
  Integer kedaTunedTarget;

  @Option(names = "--keda-cached-metrics",
      description = "Model useCachedMetrics: true (the HPA reads KEDA's last poll). Default: false, KEDA's default "
          + "(a fresh read at each HPA sync).")
  boolean kedaCachedMetrics;

  @Option(names = "--trace", paramLabel = "FILE",
      description = "Replay a recorded arrival curve instead of the built-in workloads: CSV second,arrivals"
          + "[,processingMs]. The run lasts as long as the trace.")
  Path trace;

  @Option(names = "--sweep",
      description = "Run each policy over its main knob (Ebb over maxQueueLatency, KEDA over its target) on several "
          + "seeds and compare p95 waits at equal worker-seconds.")
  boolean sweep;

  @Option(names = "--seeds", defaultValue = "5",
      description = "With --sweep: how many seeds, from --seed on (default 5).")
  int seeds;

  @Option(names = "--budget",
      description = "Run the shared-budget scenario instead: three pools (goals 10s, 60s, 5m) on one database, a "
          + "burst on all three, without a budget and with --budget-share of the unconstrained peak of connections.")
  boolean budget;

  @Option(names = "--budget-share", defaultValue = "0.6",
      description = "With --budget: the budget as a share of the unconstrained peak (default 0.6).")
  double budgetShare;

  @Option(names = "--out", defaultValue = "simulation",
      description = "Directory for <workload>.csv and report.html (default ./simulation).")
  Path out;

  @Spec
  CommandSpec spec;

  public static void main(String[] args) {
    System.exit(new CommandLine(new SimulateCommand()).execute(args));
  }

  @Override
  public Integer call() throws IOException {
    try {
      return simulate();
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "no such file: " + e.getFile(), e);
    }
  }

  private int simulate() throws IOException {
    PrintWriter console = spec.commandLine().getOut();
    ScalingSettings settings = settings();
    TraceWorkload recorded = trace == null ? null : TraceWorkload.read(trace);
    Duration length = recorded == null ? DurationFormat.parse(duration) : Duration.ofSeconds(recorded.length());
    Duration startup = DurationFormat.parse(startupDelay);
    if (budget) {
      ProcessingTimes jobTimes = new ProcessingTimes(DurationFormat.parse(processingTimeMean), processingTimeSigma);
      BudgetScenario.Comparison runs = BudgetScenario.compare(new BudgetSimulation(length, startup, seed),
          BudgetScenario.threePools(jobTimes), budgetShare);
      console.println("shared budget: three pools of 1..40 workers, concurrency 10 and one connection per job slot,"
          + " 10 jobs/s each with a burst of 120 jobs/s on all three from 1/3 to 1/2 of the run; run "
          + DurationFormat.format(length) + ", pod start-up " + DurationFormat.format(startup) + ", processing time"
          + " log-normal mean " + DurationFormat.format(jobTimes.mean()) + " sigma " + jobTimes.sigma() + ", seed "
          + seed);
      console.print(runs.report());
      console.flush();
      return 0;
    }
    Simulation simulation = new Simulation(length, settings.concurrency(), startup, settings.min());
    Duration meanProcessing = recorded != null && recorded.meanProcessingSeconds().isPresent()
        ? Duration.ofNanos(Math.round(recorded.meanProcessingSeconds().getAsDouble() * 1e9))
        : DurationFormat.parse(processingTimeMean);
    ProcessingTimes times = new ProcessingTimes(meanProcessing, processingTimeSigma);
    PolicyComparison.KedaOptions keda = new PolicyComparison.KedaOptions(kedaListLength != null ? kedaListLength
        : PolicyComparison.KedaOptions.listLengthFor(settings, times), kedaTunedTarget != null ? kedaTunedTarget
        : PolicyComparison.KedaOptions.workTargetFor(settings), kedaCachedMetrics);
    PolicyComparison comparison = new PolicyComparison(settings, simulation, times, seed, keda);
    List<Workload> workloads = recorded != null ? List.of(recorded)
        : "all".equalsIgnoreCase(workload) ? Workloads.all() : List.of(Workloads.named(workload));

    Files.createDirectories(out);
    List<Sweep.Point> points = sweep ? sweep(settings, simulation, times, workloads, keda.cachedMetrics())
        : List.of();
    List<List<SimulationResult>> byWorkload = new ArrayList<>();
    List<SimulationResult> all = new ArrayList<>();
    for (Workload each : workloads) {
      List<SimulationResult> results = comparison.run(each);
      byWorkload.add(results);
      all.addAll(results);
      CsvReport.write(out, each.name(), results);
    }
    String summary = describe(settings, length, startup, times, seed) + "\n"
        + (recorded != null ? recorded.description() + "\n" : "") + describePolicies(comparison);
    Path html = HtmlReport.write(out, summary, workloads, byWorkload, points);
    console.println(summary);
    if (sweep) {
      List<String> names = workloads.stream().map(Workload::name).toList();
      console.println();
      console.println(matchedCostTitle());
      console.print(MatchedCost.table(points, names));
      console.println();
      console.println("Every point of the sweep (means of " + seeds + " seeds):");
      console.print(MatchedCost.points(points));
      console.println();
      console.println("Each policy at the pool's own settings (seed " + seed + "):");
      Files.writeString(out.resolve("sweep.csv"), SweepCsv.format(points));
    }
    console.print(SummaryTable.format(all));
    console.println("CSV and " + html.getFileName() + " written to " + out.toAbsolutePath());
    console.flush();
    return 0;
  }

  String matchedCostTitle() {
    return "Matched cost: p95 wait at Ebb's worker-seconds, on each policy's cost/p95 curve (lower envelope, "
        + "linear between points; means of seeds " + seed + ".." + (seed + seeds - 1) + "; '-': that curve does not "
        + "reach so low a cost). EBB/TUNED-1: Ebb's p95 against keda-tuned's at the same cost.";
  }

  private List<Sweep.Point> sweep(ScalingSettings settings, Simulation simulation, ProcessingTimes times,
                                  List<Workload> workloads, boolean cachedMetrics) {
    if (seeds < 1) {
      throw new IllegalArgumentException("--seeds must be at least 1");
    }
    List<Long> seedList = java.util.stream.LongStream.range(seed, seed + seeds).boxed().toList();
    Sweep runs = new Sweep(settings, simulation, times, seedList, cachedMetrics);
    java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newFixedThreadPool(
        Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())));
    try {
      List<Sweep.Point> points = new ArrayList<>();
      for (Workload each : workloads) {
        points.addAll(runs.run(each, executor));
      }
      return points;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      executor.shutdownNow();
    }
  }

  private ScalingSettings settings() throws IOException {
    if (poolFile == null) {
      return ScalingSettings.defaults(0, 50);
    }
    try (InputStream in = Files.newInputStream(poolFile)) {
      WorkerPool pool = Serialization.unmarshal(in, WorkerPool.class);
      if (pool == null || pool.getSpec() == null) {
        throw new CommandLine.ParameterException(spec.commandLine(), poolFile + " holds no WorkerPool spec");
      }
      return WorkerPoolScalingSettings.from(pool.getSpec());
    }
  }

  static String describePolicies(PolicyComparison comparison) {
    ScalingSettings s = comparison.settings();
    StringBuilder lines = new StringBuilder("ebb: Ebb's ScalingPolicy with the pool's settings, polled every "
        + DurationFormat.format(s.pollingInterval()) + " at +" + comparison.ebbPhase() + "s");
    for (KedaConfig keda : comparison.kedaConfigs()) {
      lines.append('\n').append(keda.describe()).append("; KEDA polls at +").append(keda.pollPhase())
          .append("s, the HPA syncs at +").append(keda.syncPhase()).append('s');
    }
    String latency = DurationFormat.format(s.maxQueueLatency());
    lines.append("\nreactive-floor (a reference, not a policy): Ebb's rule λ·p/(c·ρ) + B·p/(c·L) every second with the"
        + " workload's true current rate and mean processing time, no lag, Ebb's scale-down hold (steady part "
        + DurationFormat.format(s.scaleDownStabilization()) + ", backlog part " + latency + ")");
    lines.append("\noracle-floor (a reference, not a policy): knows every job in advance; each second it runs the pods"
        + " the next start-up period needs to finish the work arriving within L (" + latency + ") at utilization "
        + s.targetUtilization() + ", plus the backlog; no hold");
    return lines.toString();
  }

  static String describe(ScalingSettings s, Duration length, Duration startup, ProcessingTimes times, long seed) {
    return "pool: replicas " + s.min() + ".." + s.max() + ", concurrency " + s.concurrency()
        + ", polling " + DurationFormat.format(s.pollingInterval())
        + ", maxQueueLatency " + DurationFormat.format(s.maxQueueLatency())
        + ", targetUtilization " + s.targetUtilization()
        + ", jobsPerReplica " + s.jobsPerReplica()
        + ", scale-up window " + DurationFormat.format(s.scaleUpStabilization())
        + ", scale-down window " + DurationFormat.format(s.scaleDownStabilization())
        + ", scaleToZeroAfter " + DurationFormat.format(s.scaleToZeroAfter())
        + "; run " + DurationFormat.format(length)
        + ", pod start-up " + DurationFormat.format(startup)
        + ", processing time log-normal mean " + DurationFormat.format(times.mean()) + " sigma " + times.sigma()
        + ", seed " + seed;
  }
}
