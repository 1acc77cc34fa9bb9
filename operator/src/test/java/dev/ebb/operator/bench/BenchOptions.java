package dev.ebb.operator.bench;

import dev.ebb.api.v1alpha1.DurationFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The reaction benchmark's knobs, from its command line.
 *
 * @param pools the pool counts to run, one after the other, each with a fresh API server, Redis and operator
 * @param interval every pool's {@code scaling.pollingInterval}
 * @param changes queue changes in the steady phase of each run; empty: three per pool
 * @param roundSeconds how long one round (every pool changed once) is spread over in the steady phase
 * @param jobsPerChange envelopes pushed by one change (with {@code jobsPerReplica} 100: that many hundred replicas more)
 * @param timeout a change not seen on its Deployment within this is counted as missed
 * @param operatorJvm options of the operator's JVM (the heap bound)
 * @param operatorEnv extra {@code EBB_*} settings of the operator (e.g. {@code EBB_RECONCILE_THREADS=50}); none by
 *     default: the operator runs with its defaults
 * @param soak after the burst, how long to leave the operator polling the settled pools before a second heap
 *     census, to see what its heap keeps growing with
 * @param jfr record the operator with Java Flight Recorder into the run's directory
 * @param out where each run writes the operator's log, thread dumps and recordings
 * @param hostile counts of pools whose queue server never answers, run beside the measured pools
 * @param api {@code mock}: fabric8's mock server; {@code real}: a real control plane from {@code EBB_K8S_BIN}
 */
record BenchOptions(List<Integer> pools, Duration interval, OptionalInt changes, int roundSeconds, int jobsPerChange,
    Duration timeout, List<String> operatorJvm, Map<String, String> operatorEnv, Duration soak, boolean jfr, Path out,
    List<Integer> hostile, String api) {

  /** The operator's heap and OOM behaviour as manifests/operator/deployment.yaml ships it (60% of a 512Mi limit). */
  static final List<String> SHIPPED_JVM = List.of("-Xmx307m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError");


  static BenchOptions parse(String[] args) {
    List<Integer> pools = List.of(100, 1000);
    Duration interval = Duration.ofSeconds(1);
    OptionalInt changes = OptionalInt.empty();
    int roundSeconds = 20;
    int jobs = 200;
    Duration timeout = Duration.ofSeconds(30);
    List<String> jvm = null;
    String api = "mock";
    Map<String, String> env = new LinkedHashMap<>();
    Duration soak = Duration.ofSeconds(60);
    boolean jfr = false;
    List<Integer> hostile = List.of(0);
    Path out = Path.of("bench", "out");
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--pools" -> pools = Arrays.stream(value(args, ++i, arg).split(",")).map(String::trim)
            .map(Integer::parseInt).toList();
        case "--interval" -> interval = DurationFormat.parse(value(args, ++i, arg));
        case "--changes" -> changes = OptionalInt.of(Integer.parseInt(value(args, ++i, arg)));
        case "--round-seconds" -> roundSeconds = Integer.parseInt(value(args, ++i, arg));
        case "--jobs" -> jobs = Integer.parseInt(value(args, ++i, arg));
        case "--timeout" -> timeout = DurationFormat.parse(value(args, ++i, arg));
        case "--operator-jvm" -> jvm = Arrays.stream(value(args, ++i, arg).split(" ")).filter(s -> !s.isBlank())
            .toList();
        case "--operator-env" -> {
          String setting = value(args, ++i, arg);
          int eq = setting.indexOf('=');
          if (eq < 1 || !setting.startsWith("EBB_")) {
            throw new IllegalArgumentException("--operator-env takes EBB_NAME=value, got " + setting);
          }
          env.put(setting.substring(0, eq), setting.substring(eq + 1));
        }
        case "--soak" -> soak = DurationFormat.parse(value(args, ++i, arg));
        case "--jfr" -> jfr = true;
        case "--hostile" -> hostile = Arrays.stream(value(args, ++i, arg).split(",")).map(String::trim)
            .map(Integer::parseInt).toList();
        case "--out" -> out = Path.of(value(args, ++i, arg));
        case "--api" -> {
          api = value(args, ++i, arg);
          if (!api.equals("mock") && !api.equals("real")) {
            throw new IllegalArgumentException("--api takes mock or real, got " + api);
          }
        }
        default -> throw new IllegalArgumentException("unknown option " + arg
            + " (--pools 100,1000 --interval 1s --changes N --round-seconds 20 --jobs 200 --timeout 30s"
            + " --operator-jvm '-Xmx1g' --operator-env EBB_X=v --soak 60s --jfr --hostile 0,50 --api mock|real"
            + " --out bench/out)");
      }
    }
    if (jvm == null) {
      // the mock server's runs keep their earlier heap so that old and new figures compare; a real cluster's run
      // gives the operator what it ships with
      jvm = api.equals("real") ? SHIPPED_JVM : List.of("-Xmx1g");
    }
    return new BenchOptions(pools, interval, changes, roundSeconds, jobs, timeout, jvm, Map.copyOf(env), soak, jfr, out,
        hostile, api);
  }

  int steadyChanges(int poolCount) {
    return changes.orElse(3 * poolCount);
  }

  private static String value(String[] args, int index, String option) {
    if (index >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[index];
  }
}
