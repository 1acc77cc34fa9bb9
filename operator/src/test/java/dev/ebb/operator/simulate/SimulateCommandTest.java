package dev.ebb.operator.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SimulateCommandTest {

  static final String POOL = """
      apiVersion: ebb.dev/v1alpha1
      kind: WorkerPool
      metadata: {name: mailer}
      spec:
        replicas: {min: 1, max: 20}
        queue: {redis: {address: "redis://redis:6379/0", queue: mailer}}
        scaling: {maxQueueLatency: 20s, scaleDown: {stabilizationWindow: 2m}}
        workers: {concurrency: 8}
        template: {spec: {containers: [{name: worker, image: shop/mailer:1.0}]}}
      """;

  @TempDir
  Path dir;

  int run(StringWriter output, String... args) {
    CommandLine command = new CommandLine(new SimulateCommand());
    command.setOut(new PrintWriter(output));
    command.setErr(new PrintWriter(output));
    return command.execute(args);
  }

  @Test
  void runsThePoolsOwnSettingsAndWritesCsvAndHtml() throws Exception {
    Path pool = Files.writeString(dir.resolve("pool.yaml"), POOL);
    StringWriter output = new StringWriter();

    int exit = run(output, pool.toString(), "--workload", "spike", "--duration", "20m", "--seed", "3",
        "--out", dir.resolve("out").toString());

    assertThat(exit).as(output.toString()).isZero();
    assertThat(output.toString()).contains("replicas 1..20", "concurrency 8", "maxQueueLatency 20s",
        "scale-down window 2m", SummaryTable.HEADER, "spike    ebb", "spike    keda-llen", "spike    keda-tuned",
        "keda-llen: KEDA redis trigger, metric LLEN (waiting jobs only), listLength 457, useCachedMetrics false");
    List<String> csv = Files.readAllLines(dir.resolve("out/spike.csv"));
    assertThat(csv.get(0)).isEqualTo("time,policy,backlog,replicas,busy");
    assertThat(csv).hasSize(1 + 5 * 20 * 60);
    String html = Files.readString(dir.resolve("out/report.html"));
    assertThat(html).contains("<svg", "<polyline", "keda-tuned").doesNotContain("<script", "src=", "href=", "<link");
  }

  @Test
  void aSweepComparesThePoliciesAtMatchedCostAndChartsIt() throws Exception {
    StringWriter output = new StringWriter();

    int exit = run(output, "--sweep", "--seeds", "2", "--workload", "spike", "--duration", "20m",
        "--out", dir.resolve("out").toString());

    assertThat(exit).as(output.toString()).isZero();
    assertThat(output.toString()).contains("Matched cost", "seeds 1..2", MatchedCost.HEADER,
        MatchedCost.POINTS_HEADER, "maxQueueLatency 120s", "target 2000", SummaryTable.HEADER);
    List<String> csv = Files.readAllLines(dir.resolve("out/sweep.csv"));
    assertThat(csv).hasSize(1 + 3 * Sweep.LATENCIES.size() + 2 * Sweep.TARGETS.size());
    String html = Files.readString(dir.resolve("out/report.html"));
    assertThat(html).contains("<h2>Matched cost</h2>", "<circle", "oracle-floor").doesNotContain("<script");
  }

  @Test
  void replaysATraceForAsLongAsItLasts() throws Exception {
    StringBuilder csv = new StringBuilder("second,arrivals,processingMs\n");
    for (int second = 0; second < 600; second++) {
      csv.append(second).append(',').append(second >= 200 && second < 260 ? 200 : 10).append(",500\n");
    }
    Path trace = Files.writeString(dir.resolve("last-week.csv"), csv);
    StringWriter output = new StringWriter();

    int exit = run(output, "--trace", trace.toString(), "--out", dir.resolve("out").toString());

    assertThat(exit).as(output.toString()).isZero();
    assertThat(output.toString()).contains("run 10m", "mean 500ms", "replayed exactly", "last-week ebb",
        "last-week keda-tuned");
    assertThat(Files.readAllLines(dir.resolve("out/last-week.csv"))).hasSize(1 + 5 * 600);
  }

  @Test
  void aMissingTraceIsAShortError() {
    StringWriter output = new StringWriter();

    int exit = run(output, "--trace", dir.resolve("nope.csv").toString(), "--out", dir.toString());

    assertThat(exit).isNotZero();
    assertThat(output.toString()).startsWith("no such file: ").doesNotContain("at dev.ebb");
  }

  @Test
  void rejectsAnUnknownWorkload() {
    StringWriter output = new StringWriter();

    int exit = run(output, "--workload", "tsunami", "--duration", "1m", "--out", dir.toString());

    assertThat(exit).isNotZero();
    assertThat(output.toString()).contains("unknown workload 'tsunami'");
  }

  @Test
  void rejectsADurationWithoutAUnitWithAShortMessage() {
    StringWriter output = new StringWriter();

    int exit = run(output, "--duration", "5", "--out", dir.toString());

    assertThat(exit).isNotZero();
    assertThat(output.toString()).startsWith("'5' is not a duration").doesNotContain("at dev.ebb");
  }
}
