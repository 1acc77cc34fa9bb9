package dev.ebb.operator.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ebb.operator.EbbQueueWriter;
import dev.ebb.operator.local.LocalCommand;
import dev.ebb.redis.RedisProcess;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ebb local}'s dashboard in a real browser: real worker processes and a private Redis, a burst of jobs. The page
 * at the URL {@code ebb local} prints shows the pool, the burst in the queue chart and the scale-up in the decision
 * log, as Chromium rendered it.
 */
class LocalDashboardBrowserIT {

  private static final Path WORKER_JAR = Path.of("../worker-runtime/target/ebb-worker.jar");
  private static final Pattern URL = Pattern.compile("dashboard: (http://\\S+/)");
  private static final int BURST = 400;

  @TempDir
  Path dir;

  @Test
  void thePrintedUrlShowsThePoolTheBurstAndTheScaleUp() throws Exception {
    assumeTrue(Files.isRegularFile(WORKER_JAR), "the worker jar is built by the full reactor build: " + WORKER_JAR);
    Chromium chromium = Chromium.require();
    Path pool = dir.resolve("pool.yaml");
    Files.writeString(pool, """
        apiVersion: ebb.dev/v1alpha1
        kind: WorkerPool
        metadata: {name: burst}
        spec:
          replicas: {min: 0, max: 4}
          queue: {redis: {address: "redis://ignored:6379/0", queue: jobs}}
          scaling: {pollingInterval: 1s, jobsPerReplica: 50, scaleDown: {stabilizationWindow: 2s}, scaleToZeroAfter: 5s}
          workers: {concurrency: 4, shutdownGracePeriod: 10s}
          template: {spec: {containers: [{name: worker, image: unused}]}}
        """);
    try (RedisProcess redis = RedisProcess.startOnFreePort();
         EbbQueueWriter queue = new EbbQueueWriter(redis.host(), redis.port())) {
      StringWriter output = new StringWriter();
      CommandLine command = new CommandLine(new LocalCommand()).setOut(new PrintWriter(output, true));
      CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> command.execute(pool.toString(),
          "--redis", redis.uri(), "--duration", "30s", "--worker-command", "java -Xmx96m -jar " + WORKER_JAR));
      String url = await().atMost(Duration.ofSeconds(20)).until(() -> {
        Matcher m = URL.matcher(output.toString());
        return m.find() ? m.group(1) : null;
      }, found -> found != null);

      Document list = chromium.dom(url, 1000);
      Element row = list.selectFirst("tr[data-pool=local/burst]");
      assertThat(row).as("the pool's row").isNotNull();
      assertThat(row.select("td").eachText().subList(0, 2)).containsExactly("local", "burst");
      assertThat(row.selectFirst("a").attr("href")).isEqualTo("/pools/local/burst");

      queue.enqueue("jobs", BURST, Instant.now());
      String poolUrl = url + "pools/local/burst";
      Document page = await().atMost(Duration.ofSeconds(25)).pollInterval(Duration.ofSeconds(1))
          .until(() -> chromium.dom(poolUrl, 1000), p -> !p.select("ol.decisions li[data-reason=Activation]").isEmpty()
              && queue.depth("jobs") < BURST / 2
              // a line needs two ten-second buckets: a pool younger than that is a dot
              && !p.select("svg[aria-label=waiting jobs] polyline[data-series=queue]").isEmpty());

      // from zero the policy activates straight to what the backlog needs (here max 4)
      assertThat(page.select("ol.decisions li[data-reason=Activation]").last().text())
          .matches("\\d\\d:\\d\\d:\\d\\d Activation queue [1-9]\\d*, oldest .*: 0 -> [2-4] replicas.*");
      Element depth = page.selectFirst("svg[aria-label=waiting jobs]");
      double top = Double.parseDouble(depth.attr("data-top"));
      assertThat(top).as("the chart's top is the burst").isGreaterThan(BURST / 2.0).isLessThanOrEqualTo(BURST);
      assertThat(depth.select("text").eachText()).as("and its axis says so").contains(depth.attr("data-top"));
      assertThat(depth.select("polyline[data-series=queue]").eachAttr("points")).as("a point of the line at the top")
          .anySatisfy(points -> assertThat(Arrays.stream(points.split(" ")).map(p -> p.split(",")[1]))
              .contains("20.0"));
      assertThat(page.select("table.workers tr[data-pod]")).as("the workers' heartbeats").isNotEmpty();
      assertThat(run.get(60, TimeUnit.SECONDS)).isZero();
    }
  }
}
