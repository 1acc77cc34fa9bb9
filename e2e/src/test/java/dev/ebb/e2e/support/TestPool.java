package dev.ebb.e2e.support;

import dev.ebb.api.v1alpha1.WorkerPool;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * A WorkerPool under test and what the operator made of it: the pool, its Deployment, pods and Events, read as the
 * admin. The YAML is the minimal pool of the README with the settings a test gives, and a worker container that
 * counts each job it completes in a Redis hash ({@code EBB_DEMO_COMPLETIONS_KEY}).
 */
public final class TestPool {

  public static final String COMPLETIONS_KEY = "e2e:completions";

  private final KubernetesClient client;
  private final String namespace;
  private final String name;

  public TestPool(KubernetesClient client, String namespace, String name) {
    this.client = client;
    this.namespace = namespace;
    this.name = name;
  }

  /**
   * The pool's YAML: {@code spec} holds the lines under {@code spec:} other than the template (indented two spaces),
   * and the worker container gets the test's completion counter and an ephemeral health port.
   */
  public static String yaml(String namespace, String name, String spec) {
    return """
        apiVersion: ebb.dev/v1alpha1
        kind: WorkerPool
        metadata: {name: %s, namespace: %s}
        spec:
        %s
          template:
            spec:
              terminationGracePeriodSeconds: 30
              containers:
                - name: worker
                  image: ghcr.io/ebb-dev/ebb-worker:0.1.0
                  env:
                    - {name: EBB_HTTP_PORT, value: "0"}
                    - {name: EBB_HEARTBEAT_INTERVAL, value: "5s"}
                    - {name: EBB_DEMO_COMPLETIONS_KEY, value: "%s"}
        """.formatted(name, namespace, spec.stripTrailing(), COMPLETIONS_KEY);
  }

  public TestPool create(String yaml) {
    client.resources(WorkerPool.class)
        .load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).create();
    return this;
  }

  public String namespace() {
    return namespace;
  }

  public String name() {
    return name;
  }

  /** The queue: every test pool's queue is named after it. */
  public String queue() {
    return name;
  }

  public Resource<WorkerPool> resource() {
    return client.resources(WorkerPool.class).inNamespace(namespace).withName(name);
  }

  public WorkerPool get() {
    return resource().get();
  }

  /** What a failed wait should print: the pool's status, whether its Deployment exists, and its Events. */
  public String explain() {
    WorkerPool pool = get();
    String status = pool == null ? "no pool" : String.valueOf(
        io.fabric8.kubernetes.client.utils.Serialization.asJson(pool.getStatus()));
    String events = events().stream().map(e -> e.getReason() + ": " + e.getMessage())
        .collect(java.util.stream.Collectors.joining("\n  "));
    return namespace + "/" + name + " status " + status + "\nDeployment "
        + deployment().map(d -> "with " + d.getSpec().getReplicas() + " replicas").orElse("absent")
        + "\nEvents:\n  " + events;
  }

  public Optional<Deployment> deployment() {
    return Optional.ofNullable(client.apps().deployments().inNamespace(namespace).withName(name).get());
  }

  /** The Deployment's {@code spec.replicas}, or -1 while there is none. */
  public int deploymentReplicas() {
    return deployment().map(d -> d.getSpec().getReplicas()).orElse(-1);
  }

  /** The Deployment's ready replicas, as its controller counts them. */
  public int readyReplicas() {
    return deployment().map(d -> d.getStatus() == null || d.getStatus().getReadyReplicas() == null ? 0
        : d.getStatus().getReadyReplicas()).orElse(0);
  }

  public List<Pod> pods() {
    return client.pods().inNamespace(namespace).withLabel("ebb.dev/pool", name).list().getItems();
  }

  public List<Pod> livePods() {
    return pods().stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
  }

  /** The Events about this pool, oldest first. */
  public List<Event> events() {
    return client.v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName())
            && "WorkerPool".equals(e.getInvolvedObject().getKind()))
        .sorted(java.util.Comparator.comparing(e -> e.getMetadata().getCreationTimestamp()))
        .toList();
  }

  public List<Event> events(String reason) {
    return events().stream().filter(e -> reason.equals(e.getReason())).toList();
  }

  /** A condition of the pool's status as "Status/Reason", or "absent". */
  public String condition(String type) {
    WorkerPool pool = get();
    if (pool == null || pool.getStatus() == null || pool.getStatus().getConditions() == null) {
      return "absent";
    }
    return pool.getStatus().getConditions().stream().filter(c -> type.equals(c.getType()))
        .map(c -> c.getStatus() + "/" + c.getReason()).findFirst().orElse("absent");
  }

  public Optional<io.fabric8.kubernetes.api.model.Condition> conditionDetail(String type) {
    WorkerPool pool = get();
    if (pool == null || pool.getStatus() == null || pool.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return pool.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
  }
}
