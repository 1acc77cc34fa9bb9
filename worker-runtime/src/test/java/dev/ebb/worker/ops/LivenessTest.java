package dev.ebb.worker.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.worker.runtime.ProcessorStatus.Snapshot;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LivenessTest {

  private static final long NOW = 1_000_000;
  private static final Duration STALL_AFTER = Duration.ofSeconds(60);

  @ParameterizedTest(name = "{4}")
  @CsvSource({
      // lastProgress age, running for (-1 idle), timeout, live?, case
      "1000,   -1,     0,     true,  idle loop iterated a second ago",
      "59000,  -1,     0,     true,  idle loop iterated just within the limit",
      "61000,  -1,     0,     false, fetch loop wedged for 61 s",
      "0,      5000,   10000, true,  job within its timeout",
      "0,      69000,  10000, true,  job past its timeout but within the grace",
      "0,      71000,  10000, false, job past timeout plus grace: the timeout did not free the processor",
      "0,      600000, 0,     true,  a job without timeout may run for long",
  })
  void stalledProcessorsMakeTheWorkerNotLive(long progressAge, long runningFor, long timeoutMs, boolean live,
      String description) {
    long runningSince = runningFor < 0 ? 0 : NOW - runningFor;
    Snapshot processor = new Snapshot(NOW - progressAge - Math.max(runningFor, 0), runningSince, timeoutMs);
    Snapshot healthy = new Snapshot(NOW - 10, 0, 0);
    List<String> problems = Liveness.problems(NOW, List.of(healthy, processor), STALL_AFTER, 0);
    assertThat(problems.isEmpty()).as(description + ": " + problems).isEqualTo(live);
    if (!live) {
      assertThat(problems).singleElement().asString().startsWith("processor 1 ");
    }
  }

  @ParameterizedTest(name = "{0} abandoned thread(s), {1} processors: live {2}")
  @CsvSource({"0, 2, true", "1, 2, true", "2, 2, false", "5, 2, false", "1, 1, false"})
  void abandonedJobThreadsAsManyAsProcessorsMakeTheWorkerNotLive(int abandoned, int processors, boolean live) {
    List<Snapshot> idle = java.util.Collections.nCopies(processors, new Snapshot(NOW - 10, 0, 0));
    assertThat(Liveness.problems(NOW, idle, STALL_AFTER, abandoned).isEmpty()).isEqualTo(live);
  }
}
