package dev.ebb.operator.validation;

import dev.ebb.api.v1alpha1.QueueSpec;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Map;

/** How many backend blocks a {@code spec.queue} holds, whichever backends the API has: its fields that are set. */
final class QueueBackendCount {

  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private QueueBackendCount() {
  }

  static int of(QueueSpec queue) {
    Map<?, ?> fields = JSON.convertValue(queue, Map.class);
    return (int) fields.values().stream().filter(value -> value != null).count();
  }
}
