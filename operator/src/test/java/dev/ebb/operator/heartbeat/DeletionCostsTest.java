package dev.ebb.operator.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.operator.scaler.WorkerHeartbeat;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class DeletionCostsTest {

  @Test
  void idleWorkersCostLessThanBusyOnesSoTheyGoFirst() {
    List<WorkerPod> pods = List.of(new WorkerPod("idle", false), new WorkerPod("busy", false),
        new WorkerPod("starting", false), new WorkerPod("leaving", true));
    List<WorkerHeartbeat> beats = List.of(beat("idle", 0), beat("busy", 7), beat("leaving", 3));

    Map<String, String> costs = DeletionCosts.of(pods, beats);

    assertThat(costs).containsExactlyInAnyOrderEntriesOf(Map.of("idle", "0", "busy", "7"));
  }

  private static WorkerHeartbeat beat(String pod, int busy) {
    return new WorkerHeartbeat(pod + ":1", pod, "running", busy, 10, OptionalDouble.empty(), Instant.now());
  }
}
