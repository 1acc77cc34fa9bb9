package dev.ebb.operator.event;

import dev.ebb.api.v1alpha1.WorkerPool;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records what Ebb does to a pool as Kubernetes Events (shown by {@code kubectl describe wp}) and logs it with the
 * pool's namespace/name. An Event that cannot be written is logged and dropped: it never fails a reconcile.
 */
public class PoolEvents {

  private static final Logger LOG = LoggerFactory.getLogger(PoolEvents.class);
  private static final String COMPONENT = "ebb-operator";

  private final KubernetesClient client;
  private final Clock clock;

  public PoolEvents(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  public void normal(WorkerPool pool, String reason, String message) {
    LOG.info("{}/{}: {}: {}", namespace(pool), name(pool), reason, message);
    record(pool, "Normal", reason, message);
  }

  public void warning(WorkerPool pool, String reason, String message) {
    LOG.warn("{}/{}: {}: {}", namespace(pool), name(pool), reason, message);
    record(pool, "Warning", reason, message);
  }

  private void record(WorkerPool pool, String type, String reason, String message) {
    String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    Event event = new EventBuilder()
        .withNewMetadata()
          .withName(name(pool) + "." + UUID.randomUUID().toString().replace("-", "").substring(0, 16))
          .withNamespace(namespace(pool))
        .endMetadata()
        .withInvolvedObject(new ObjectReferenceBuilder()
            .withApiVersion(pool.getApiVersion())
            .withKind(pool.getKind())
            .withName(name(pool))
            .withNamespace(namespace(pool))
            .withUid(pool.getMetadata().getUid())
            .withResourceVersion(pool.getMetadata().getResourceVersion())
            .build())
        .withType(type)
        .withReason(reason)
        .withMessage(message)
        .withFirstTimestamp(now)
        .withLastTimestamp(now)
        .withCount(1)
        .withNewSource().withComponent(COMPONENT).endSource()
        .withReportingComponent(COMPONENT)
        .build();
    try {
      client.v1().events().inNamespace(namespace(pool)).resource(event).create();
    } catch (KubernetesClientException e) {
      LOG.warn("{}/{}: could not record event {}: {}", namespace(pool), name(pool), reason, e.getMessage());
    }
  }

  private static String namespace(WorkerPool pool) {
    return pool.getMetadata().getNamespace();
  }

  private static String name(WorkerPool pool) {
    return pool.getMetadata().getName();
  }
}
