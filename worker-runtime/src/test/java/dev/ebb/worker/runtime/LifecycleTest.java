package dev.ebb.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LifecycleTest {

  @ParameterizedTest(name = "beat {0} ms ago: fetch {1}")
  @CsvSource({"0, true", "5000, true", "10000, true", "10001, false", "60000, false"})
  void processorsFetchOnlyWhileTheHeartbeatIsFresh(long beatAge, boolean fresh) {
    Lifecycle lifecycle = new Lifecycle(Duration.ofSeconds(10)); // TTL 15 s minus one 5 s interval
    lifecycle.beatPublished(100_000, 0);
    assertThat(lifecycle.heartbeatFresh(100_000 + beatAge)).isEqualTo(fresh);
  }

  @Test
  void noHeartbeatYetMeansNoFetching() {
    assertThat(new Lifecycle(Duration.ofSeconds(10)).heartbeatFresh(1_795_000_000_000L)).isFalse();
  }

  @Test
  void quietIsOneWayAndOnlyTheFlipIsReported() {
    Lifecycle lifecycle = new Lifecycle(Duration.ofSeconds(10));
    assertThat(lifecycle.redisCall(true)).isTrue();
    assertThat(lifecycle.redisCall(true)).isFalse();
    assertThat(lifecycle.redisCall(false)).isTrue();
    lifecycle.quiet();
    assertThat(lifecycle.fetching()).isFalse();
    lifecycle.stopping();
    lifecycle.quiet();
    assertThat(lifecycle.state()).isEqualTo(WorkerState.STOPPING);
  }

  @Test
  void theShutdownWaitsForFetchesUnderWayOnlyUntilTheyEnd() throws InterruptedException {
    Lifecycle lifecycle = new Lifecycle(Duration.ofSeconds(10));
    assertThat(lifecycle.awaitNoFetch(System.nanoTime())).isTrue();
    lifecycle.fetchStarted();
    assertThat(lifecycle.awaitNoFetch(System.nanoTime() + 20_000_000)).as("a BLMOVE still pending").isFalse();
    lifecycle.fetchEnded();
    assertThat(lifecycle.awaitNoFetch(System.nanoTime())).isTrue();
  }
}
