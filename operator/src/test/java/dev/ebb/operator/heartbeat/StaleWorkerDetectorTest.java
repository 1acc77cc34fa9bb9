package dev.ebb.operator.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.operator.scaler.WorkerHeartbeat;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StaleWorkerDetectorTest {

  private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
  private static final RestartPolicy DEFAULTS = new RestartPolicy(Duration.ofSeconds(60), 5, 0.5);

  /** A pool of {@code size} pods w0..w(size-1); {@code staleAges} are the ages of w0, w1, ... heartbeats (s). */
  private static Case pool(String name, int size, int... staleAges) {
    List<WorkerPod> pods = IntStream.range(0, size).mapToObj(i -> new WorkerPod("w" + i, false)).toList();
    List<WorkerHeartbeat> beats = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      int age = i < staleAges.length ? staleAges[i] : 2;
      beats.add(beat("w" + i, NOW.minusSeconds(age)));
    }
    return new Case(name, pods, beats, DEFAULTS, List.of());
  }

  static Stream<Arguments> cases() {
    Case expiredHeartbeat = pool("an expired heartbeat is stale", 4);
    expiredHeartbeat.beats.set(0, new WorkerHeartbeat("old", "w0", WorkerHeartbeat.EXPIRED, 0, 0,
        OptionalDouble.empty(), NOW.minusSeconds(5)));
    Case newerBeatWins = pool("a pod's newest heartbeat counts (a restarted container)", 4, 300);
    newerBeatWins.beats.add(beat("w0", NOW.minusSeconds(1)));
    Case noBeat = pool("a pod without any heartbeat is not judged", 4);
    noBeat.beats.remove(0);
    Case reclaimed = pool("a worker a peer reclaimed is stale well inside staleAfter: its pod comes from its id", 4);
    reclaimed.beats.set(0, WorkerHeartbeat.ofExpired("w0:7:0badf00d", NOW.minusSeconds(20)));
    Case restartedContainer = pool("a restarted container's fresh beat wins over its reclaimed predecessor", 4);
    restartedContainer.beats.add(WorkerHeartbeat.ofExpired("w0:7:0badf00d", NOW.minusSeconds(300)));
    Case allHung = pool("every worker of the pool hung (expired, one reclaimed): restarts are withheld", 3);
    allHung.beats.set(0, WorkerHeartbeat.ofExpired("w0:7:0badf00d", NOW.minusSeconds(90)));
    allHung.beats.set(1, WorkerHeartbeat.ofExpired("w1:7:0badf00d", NOW.minusSeconds(80)));
    allHung.beats.set(2, WorkerHeartbeat.ofExpired("w2:7:0badf00d", NOW.minusSeconds(70)));
    Case noPodInId = pool("an expired beat whose id names no pod is not judged", 4);
    noPodInId.beats.add(WorkerHeartbeat.ofExpired("w0", NOW.minusSeconds(300)));
    Case terminating = new Case("terminating pods are not judged",
        List.of(new WorkerPod("w0", true), new WorkerPod("w1", false), new WorkerPod("w2", false)),
        List.of(beat("w0", NOW.minusSeconds(300)), beat("w1", NOW), beat("w2", NOW)), DEFAULTS, List.of());
    return Stream.of(
        row(pool("all fresh", 4), List.of(), List.of(), false),
        row(pool("one stale of four is restarted", 4, 90), List.of("w0"), List.of("w0"), false),
        row(pool("just inside staleAfter is fresh", 4, 59), List.of(), List.of(), false),
        row(pool("two of four is the most the default fraction allows", 4, 90, 120), List.of("w1", "w0"),
            List.of("w1", "w0"), false),
        row(pool("three of four at once: the heartbeat source is suspect", 4, 90, 90, 90),
            List.of("w0", "w1", "w2"), List.of(), true),
        row(pool("a single-worker pool can still restart its worker", 1, 90), List.of("w0"), List.of("w0"), false),
        row(pool("all of a two-worker pool at once is withheld", 2, 90, 95), List.of("w1", "w0"), List.of(), true),
        row(pool("the stalest goes first", 10, 70, 300, 100), List.of("w1", "w2", "w0"), List.of("w1", "w2", "w0"),
            false),
        row(pool("the per-minute budget caps restarts", 10, 70, 300, 100)
                .with(new RestartPolicy(Duration.ofSeconds(60), 2, 0.5), List.of(NOW.minusSeconds(30))),
            List.of("w1", "w2", "w0"), List.of("w1"), false),
        row(pool("restarts older than a minute do not count", 10, 70)
                .with(DEFAULTS, List.of(NOW.minusSeconds(61), NOW.minusSeconds(90), NOW.minusSeconds(120),
                    NOW.minusSeconds(150), NOW.minusSeconds(180))),
            List.of("w0"), List.of("w0"), false),
        row(pool("perMinute 0 never restarts", 4, 90).with(new RestartPolicy(Duration.ofSeconds(60), 0, 0.5),
            List.of()), List.of("w0"), List.of(), false),
        row(pool("maxStaleFraction 0 withholds every restart", 4, 90)
            .with(new RestartPolicy(Duration.ofSeconds(60), 5, 0), List.of()), List.of("w0"), List.of(), true),
        row(expiredHeartbeat, List.of("w0"), List.of("w0"), false),
        row(newerBeatWins, List.of(), List.of(), false),
        row(noBeat, List.of(), List.of(), false),
        row(reclaimed, List.of("w0"), List.of("w0"), false),
        row(restartedContainer, List.of(), List.of(), false),
        row(allHung, List.of("w0", "w1", "w2"), List.of(), true),
        row(noPodInId, List.of(), List.of(), false),
        row(terminating, List.of(), List.of(), false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void decidesWhichStaleWorkersToRestart(Case c, List<String> stale, List<String> restart, boolean withheld) {
    StaleVerdict verdict = StaleWorkerDetector.judge(c.pods, c.beats, c.policy, c.recent, NOW);

    assertThat(verdict.stale()).containsExactlyElementsOf(stale);
    assertThat(verdict.restart()).containsExactlyElementsOf(restart);
    assertThat(verdict.withheld()).isEqualTo(withheld);
  }

  private static Arguments row(Case c, List<String> stale, List<String> restart, boolean withheld) {
    return Arguments.of(Named.of(c.name, c), stale, restart, withheld);
  }

  private static WorkerHeartbeat beat(String pod, Instant at) {
    return new WorkerHeartbeat(pod + ":1", pod, "running", 0, 10, OptionalDouble.empty(), at);
  }

  private record Case(String name, List<WorkerPod> pods, List<WorkerHeartbeat> beats, RestartPolicy policy,
      List<Instant> recent) {

    Case {
      beats = new ArrayList<>(beats);
    }

    Case with(RestartPolicy newPolicy, List<Instant> newRecent) {
      return new Case(name, pods, beats, newPolicy, newRecent);
    }
  }
}
