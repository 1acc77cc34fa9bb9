package dev.ebb.operator.event;

import dev.ebb.api.v1alpha1.WorkerPool;
import dev.ebb.operator.status.MessageLength;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records what Ebb does to a pool as Kubernetes Events (shown by {@code kubectl describe wp}) and logs it with the
 * pool's namespace/name. Events are written by one background thread, so a reconcile never waits on them; an Event
 * that cannot be written (or does not fit the bounded backlog during a storm) is logged and dropped. Each namespace
 * gets a burst of {@value #BURST} Events, then one every {@code 10s} ({@link EventRateLimit}); what is over is logged,
 * not written. Messages are cut to {@link MessageLength#MAX} characters.
 */
public class PoolEvents {

  private static final Logger LOG = LoggerFactory.getLogger(PoolEvents.class);
  private static final String COMPONENT = "ebb-operator";

  private static final int BACKLOG = 10_000;
  private static final int BURST = 25;
  private static final Duration REFILL = Duration.ofSeconds(10);

  private final KubernetesClient client;
  private final Clock clock;
  private final EventRateLimit limit;
  private final ThreadPoolExecutor writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
      new ArrayBlockingQueue<>(BACKLOG), runnable -> {
        Thread thread = new Thread(runnable, "ebb-events");
        thread.setDaemon(true);
        return thread;
      }, (dropped, executor) -> LOG.warn("event backlog full ({}): an Event was dropped", BACKLOG));

  public PoolEvents(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
    this.limit = new EventRateLimit(clock, BURST, REFILL);
  }

  /** Writes what is queued, within the timeout, then stops. */
  public void close(Duration timeout) {
    writer.shutdown();
    try {
      writer.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
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
    if (!limit.tryAcquire(namespace(pool))) {
      LOG.info("{}/{}: event {} not written: the namespace's Event rate limit is reached", namespace(pool),
          name(pool), reason);
      return;
    }
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
        .withMessage(MessageLength.bounded(message))
        .withFirstTimestamp(now)
        .withLastTimestamp(now)
        .withCount(1)
        .withNewSource().withComponent(COMPONENT).endSource()
        .withReportingComponent(COMPONENT)
        .build();
    writer.execute(() -> {
      try {
        client.v1().events().inNamespace(namespace(pool)).resource(event).create();
      } catch (KubernetesClientException e) {
        LOG.warn("{}/{}: could not record event {}: {}", namespace(pool), name(pool), reason, e.getMessage());
      }
    });
  }

  private static String namespace(WorkerPool pool) {
    return pool.getMetadata().getNamespace();
  }

  private static String name(WorkerPool pool) {
    return pool.getMetadata().getName();
  }
}
