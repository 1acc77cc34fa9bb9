package dev.ebb.operator.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceWorkloadTest {

  static final ProcessingTimes TIMES = new ProcessingTimes(Duration.ofMillis(350), 0.5);

  @TempDir
  Path dir;

  @Test
  void aTraceOfWholeCountsPerSecondIsReplayedExactly() throws Exception {
    Path file = Files.writeString(dir.resolve("mailer.csv"), "second,arrivals\n100,3\n101,0\n102,5\n");

    TraceWorkload trace = TraceWorkload.read(file);
    JobStream jobs = JobStream.generate(trace, trace.length(), TIMES, 1);

    assertThat(trace.name()).isEqualTo("mailer");
    assertThat(trace.length()).isEqualTo(3); // shifted to start at 0
    assertThat(jobs.size()).isEqualTo(8);
    assertThat(jobs.arrival(3)).isBetween(2.0, 3.0); // the fourth job arrives in second 2
  }

  @Test
  void rowsWithAStepHoldTheirRateUntilTheNextRowAndCarryTheirProcessingTime() throws Exception {
    // a Prometheus export with a 15 s step: rates in jobs/s, processing time in ms
    Path file = Files.writeString(dir.resolve("rates.csv"), "# from Prometheus\n0,2.5,100\n15,40.0,2000\n");

    TraceWorkload trace = TraceWorkload.read(file);

    assertThat(trace.length()).isEqualTo(30);
    assertThat(trace.rate(14, 30)).isEqualTo(2.5);
    assertThat(trace.rate(29, 30)).isEqualTo(40.0);
    assertThat(trace.meanProcessingSeconds(20).getAsDouble()).isEqualTo(2.0);
    // weighted by arrivals: (2.5 x 15 x 0.1 + 40 x 15 x 2) / (2.5 x 15 + 40 x 15)
    assertThat(trace.meanProcessingSeconds().getAsDouble()).isCloseTo(1203.75 / 637.5, within(1e-9));
    JobStream jobs = JobStream.generate(trace, trace.length(), TIMES, 7);
    double late = 0;
    int lateJobs = 0;
    for (int i = 0; i < jobs.size(); i++) {
      if (jobs.arrival(i) >= 15) {
        late += jobs.processing(i);
        lateJobs++;
      }
    }
    assertThat(lateJobs).isBetween(450, 750);
    assertThat(late / lateJobs).isCloseTo(2.0, within(0.2));
    assertThat(trace.arrivals(30, 30, new Random(1))).isZero();
  }

  @Test
  void aBadRowIsReportedWithItsLine() throws Exception {
    Path file = Files.writeString(dir.resolve("bad.csv"), "second,arrivals\n0,4\n1,-3\n");

    assertThatThrownBy(() -> TraceWorkload.read(file)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad.csv line 3").hasMessageContaining("'1,-3'");
  }

  @Test
  void everyRowHasTheSameColumns() throws Exception {
    Path file = Files.writeString(dir.resolve("mixed.csv"), "0,4,300\n1,3\n");

    assertThatThrownBy(() -> TraceWorkload.read(file)).hasMessageContaining("mixed.csv line 2");
  }
}
