package dev.ebb.operator.bench;

import dev.ebb.operator.bench.ReactionRun.RunResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The autoscaling reaction benchmark: how long after a queue grows does the pool's Deployment ask for more workers,
 * at 100 and 1,000 pools. Run it with {@code bench/reaction.sh}; see {@code bench/README.md}.
 *
 * <p>The operator's classpath (its runtime classpath, without test code) comes in the system property
 * {@code ebb.bench.operatorClasspath}.
 */
public final class ReactionBenchmark {

  private ReactionBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    BenchOptions options = BenchOptions.parse(args);
    String classpath = System.getProperty("ebb.bench.operatorClasspath");
    if (classpath == null || classpath.isBlank()) {
      throw new IllegalArgumentException("set -Debb.bench.operatorClasspath to the operator's runtime classpath");
    }
    List<RunResult> results = new ArrayList<>();
    for (int pools : options.pools()) {
      for (int hostile : options.hostile()) {
        ReactionRun.log("=== %d pools, polling every %s, %d hostile pools beside them ===", pools,
            dev.ebb.api.v1alpha1.DurationFormat.format(options.interval()), hostile);
        RunResult result = new ReactionRun(pools, hostile, options, classpath).run();
        results.add(result);
        ResultReport.print(List.of(result), options, System.out);
      }
    }
    if (results.size() > 1) {
      ResultReport.print(results, options, System.out);
    }
    System.exit(0);
  }
}
