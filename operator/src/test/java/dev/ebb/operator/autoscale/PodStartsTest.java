package dev.ebb.operator.autoscale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.operator.scaling.PodStart;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PodStartsTest {

  static final String CREATED = "2026-01-01T12:00:00Z";

  static Pod pod(String name, String created, String readyStatus, String readySince) {
    PodBuilder pod = new PodBuilder().withNewMetadata().withName(name).withCreationTimestamp(created).endMetadata();
    if (readyStatus == null) {
      return pod.build();
    }
    return pod.withNewStatus()
        .addNewCondition().withType("PodScheduled").withStatus("True").withLastTransitionTime(CREATED).endCondition()
        .addNewCondition().withType("Ready").withStatus(readyStatus).withLastTransitionTime(readySince).endCondition()
        .endStatus().build();
  }

  @Test
  void aReadyPodStartedFromItsCreationToItsReadyTransition() {
    assertThat(PodStarts.of(pod("w0", CREATED, "True", "2026-01-01T12:00:21Z"))).contains(new PodStart("w0",
        Instant.parse(CREATED), Instant.parse("2026-01-01T12:00:21Z")));
  }

  @Test
  void podsNotReadyOrWithoutTimesTeachNothing() {
    List<Pod> pods = List.of(
        pod("starting", CREATED, "False", "2026-01-01T12:00:01Z"),
        pod("no-status", CREATED, null, null),
        pod("no-creation", null, "True", "2026-01-01T12:00:21Z"),
        pod("unreadable", CREATED, "True", "yesterday"));

    assertThat(PodStarts.of(pods)).isEmpty();
    assertThat(PodStarts.of(pods.get(0))).isEqualTo(Optional.empty());
  }
}
