package dev.ebb.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.api.v1alpha1.WorkerPool;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

class SharedStringsTest {

  private static final KubernetesSerialization JSON = SharedStrings.serialization();

  @Test
  void twoObjectsReadApartShareTheirShortValues() {
    String json = """
        {"apiVersion": "v1", "kind": "Pod",
         "metadata": {"name": "mailer-1", "namespace": "shop", "labels": {"ebb.dev/pool": "mailer"},
                      "annotations": {"note": "%s"}},
         "status": {"phase": "Running", "conditions": [{"type": "Ready", "status": "True"}]}}
        """.formatted("x".repeat(SharedStrings.MAX_SHARED + 1));
    Pod one = JSON.unmarshal(json, Pod.class);
    Pod two = JSON.unmarshal(json, Pod.class);

    assertThat(one).isEqualTo(two);
    assertThat(one.getMetadata().getNamespace()).isSameAs(two.getMetadata().getNamespace());
    assertThat(one.getMetadata().getLabels().get("ebb.dev/pool")).isSameAs(two.getMetadata().getLabels().get(
        "ebb.dev/pool"));
    assertThat(one.getStatus().getConditions().get(0).getStatus())
        .isSameAs(two.getStatus().getConditions().get(0).getStatus());
    assertThat(one.getMetadata().getAnnotations().get("note")).as("long values are left alone")
        .isNotSameAs(two.getMetadata().getAnnotations().get("note"));
  }

  @Test
  void readsEbbsOwnResourcesAsTheDefaultSerializationDoes() {
    String json = """
        {"apiVersion": "ebb.dev/v1alpha1", "kind": "WorkerPool", "metadata": {"name": "mailer", "namespace": "shop"},
         "spec": {"replicas": {"min": 0, "max": 5}, "queue": {"redis": {"address": "redis://r:6379/0",
                  "queue": "mailer"}}, "scaling": {"pollingInterval": "1s"}},
         "status": {"desiredReplicas": 2, "lastScaleTime": "2026-12-02T10:00:00Z"}}
        """;

    WorkerPool plain = new KubernetesSerialization().unmarshal(json, WorkerPool.class);
    WorkerPool shared = JSON.unmarshal(json, WorkerPool.class);

    // compared as JSON: the spec's types compare by identity
    assertThat(JSON.asJson(shared)).isEqualTo(new KubernetesSerialization().asJson(plain));
    assertThat(shared.getStatus()).isEqualTo(plain.getStatus());
  }
}
