package dev.ebb.e2e.cluster;

import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Test code standing in for a kubelet, as Kubernetes' kubemark "hollow node" does: it registers a Node and keeps its
 * {@code Ready} condition and Lease fresh, binds every Pending pod that carries {@code ebb.dev/pool}, runs a real
 * worker JVM for it with the environment its container spec gives (downward-API fields and Secret keys resolved),
 * reports it Running and Ready, restarts a container that exits, and on graceful deletion sends SIGTERM, waits for
 * the exit (SIGKILL when the grace period ends) and only then removes the pod with grace period 0.
 */
public final class HollowNode implements AutoCloseable {

  public static final String NAME = "hollow-node-1";
  /**
   * A container with this image runs its own {@code command} and {@code args} on this machine, under the pod's name as
   * hostname, instead of the worker JVM: a queue library's worker (an {@code rq worker}) installed here.
   */
  public static final String HOST_COMMAND_IMAGE = "e2e.ebb.dev/host-command";
  private static final String POOL_LABEL = "ebb.dev/pool";
  private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT;

  private final KubernetesClient client;
  private final Path workerJar;
  private final Path logs;
  private final Map<String, Container> containers = new ConcurrentHashMap<>();
  private final Map<String, Termination> terminations = new ConcurrentHashMap<>();
  private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(daemon("node-beat"));
  private final ExecutorService kubelet = Executors.newCachedThreadPool(daemon("kubelet"));
  private SharedIndexInformer<Pod> informer;

  public HollowNode(KubernetesClient client, Path workerJar, Path logs) {
    this.client = client;
    this.workerJar = workerJar;
    this.logs = logs;
  }

  /** Registers the node, keeps it alive, and starts serving pods. */
  public void start() throws IOException {
    Files.createDirectories(logs);
    client.nodes().resource(new NodeBuilder().withNewMetadata().withName(NAME)
        .addToLabels("kubernetes.io/hostname", NAME).endMetadata().build()).create();
    beat();
    heartbeat.scheduleWithFixedDelay(this::beatQuietly, 10, 10, TimeUnit.SECONDS);
    informer = client.pods().inAnyNamespace().withLabel(POOL_LABEL).inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Pod pod) {
        kubelet.execute(() -> sync(pod));
      }

      @Override
      public void onUpdate(Pod before, Pod pod) {
        kubelet.execute(() -> sync(pod));
      }

      @Override
      public void onDelete(Pod pod, boolean unknownFinalState) {
        Container gone = containers.remove(key(pod));
        if (gone != null) {
          gone.process.kill();
        }
      }
    }, 5_000);
  }

  /** Freezes a pod's worker (SIGSTOP): alive to the kernel, silent to everyone else. */
  public void pause(String namespace, String pod) {
    container(namespace, pod).process.signal("STOP");
  }

  /** Lets a frozen worker go on (SIGCONT). */
  public void resume(String namespace, String pod) {
    container(namespace, pod).process.signal("CONT");
  }

  /** The pods whose worker process runs now, by name. */
  public List<String> runningPods(String namespace) {
    return containers.entrySet().stream()
        .filter(e -> e.getKey().startsWith(namespace + "/") && e.getValue().process.isAlive())
        .map(e -> e.getKey().substring(namespace.length() + 1)).sorted().toList();
  }

  /** How each terminated pod's worker ended: exit code and SIGTERM-to-exit time. */
  public Map<String, Termination> terminations(String namespace) {
    Map<String, Termination> result = new LinkedHashMap<>();
    terminations.forEach((key, t) -> {
      if (key.startsWith(namespace + "/")) {
        result.put(key.substring(namespace.length() + 1), t);
      }
    });
    return result;
  }

  private Container container(String namespace, String pod) {
    Container container = containers.get(namespace + "/" + pod);
    if (container == null) {
      throw new IllegalArgumentException("no worker runs for pod " + namespace + "/" + pod);
    }
    return container;
  }

  private synchronized void sync(Pod seen) {
    String key = key(seen);
    Pod pod = client.pods().inNamespace(seen.getMetadata().getNamespace()).withName(seen.getMetadata().getName())
        .get();
    if (pod == null) {
      return;
    }
    if (pod.getMetadata().getDeletionTimestamp() != null) {
      Container container = containers.get(key);
      if (container != null && !container.terminating) {
        container.terminating = true;
        long grace = Optional.ofNullable(pod.getMetadata().getDeletionGracePeriodSeconds()).orElse(30L);
        kubelet.execute(() -> terminate(pod, container, Duration.ofSeconds(grace)));
      } else if (container == null && NAME.equals(pod.getSpec().getNodeName())) {
        removeNow(pod);
      }
      return;
    }
    if (pod.getSpec().getNodeName() == null) {
      bind(pod);
      return;
    }
    if (!NAME.equals(pod.getSpec().getNodeName()) || containers.containsKey(key)) {
      return;
    }
    Optional<Map<String, String>> env = environment(pod);
    if (env.isEmpty()) {
      return;
    }
    try {
      Path log = logs.resolve(pod.getMetadata().getNamespace() + "_" + pod.getMetadata().getName() + ".log");
      Container container = new Container(launch(pod, env.get(), log), env.get(), log, 0);
      containers.put(key, container);
      watchExit(pod, container);
      markRunning(pod, container);
    } catch (IOException e) {
      System.err.println("hollow node: cannot start the worker of " + key + ": " + e);
    }
  }

  /** The pod's worker: the container's own command for {@link #HOST_COMMAND_IMAGE}, the worker JVM otherwise. */
  private WorkerProcess launch(Pod pod, Map<String, String> env, Path log) throws IOException {
    io.fabric8.kubernetes.api.model.Container spec = pod.getSpec().getContainers().get(0);
    if (!HOST_COMMAND_IMAGE.equals(spec.getImage())) {
      return WorkerProcess.start(workerJar, env, log);
    }
    List<String> command = new ArrayList<>(Optional.ofNullable(spec.getCommand()).orElse(List.of()));
    command.addAll(Optional.ofNullable(spec.getArgs()).orElse(List.of()));
    return WorkerProcess.startCommand(pod.getMetadata().getName(), command, env, log);
  }

  /** A container that exits while its pod is not being deleted is restarted, as restartPolicy Always says. */
  private void watchExit(Pod pod, Container container) {
    container.process.process().onExit().thenRunAsync(() -> {
      String key = key(pod);
      if (container.terminating || containers.get(key) != container) {
        return;
      }
      try {
        Container restarted = new Container(launch(pod, container.env, container.log),
            container.env, container.log, container.restarts + 1);
        if (containers.replace(key, container, restarted)) {
          watchExit(pod, restarted);
          markRunning(pod, restarted);
        } else {
          restarted.process.kill();
        }
      } catch (IOException | KubernetesClientException e) {
        System.err.println("hollow node: cannot restart the worker of " + key + ": " + e);
      }
    }, kubelet);
  }

  private void terminate(Pod pod, Container container, Duration grace) {
    try {
      int exit = container.process.terminate(grace);
      Duration took = Duration.between(container.process.terminationRequested(), Instant.now());
      terminations.put(key(pod), new Termination(exit, took, container.process.terminationRequested()));
    } catch (InterruptedException e) {
      container.process.kill();
      Thread.currentThread().interrupt();
    }
    containers.remove(key(pod), container);
    removeNow(pod);
  }

  private void removeNow(Pod pod) {
    try {
      client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
          .withGracePeriod(0).delete();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }

  private void bind(Pod pod) {
    try {
      client.bindings().inNamespace(pod.getMetadata().getNamespace()).resource(new BindingBuilder()
          .withNewMetadata().withName(pod.getMetadata().getName()).endMetadata()
          .withNewTarget().withKind("Node").withApiVersion("v1").withName(NAME).endTarget()
          .build()).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409 && e.getCode() != 404) {
        throw e;
      }
    }
  }

  private void markRunning(Pod pod, Container container) {
    String now = TIME.format(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    List<PodCondition> conditions = new ArrayList<>();
    for (String type : List.of("PodScheduled", "Initialized", "ContainersReady", "Ready")) {
      conditions.add(new PodConditionBuilder().withType(type).withStatus("True").withLastTransitionTime(now).build());
    }
    var containerSpec = pod.getSpec().getContainers().get(0);
    for (int attempt = 0; attempt < 5; attempt++) {
      Pod fresh = client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
          .get();
      if (fresh == null || fresh.getMetadata().getDeletionTimestamp() != null) {
        return;
      }
      fresh.setStatus(new PodStatusBuilder().withPhase("Running").withHostIP("127.0.0.1").withPodIP("127.0.0.1")
          .withStartTime(now).withConditions(conditions)
          .withContainerStatuses(new ContainerStatusBuilder().withName(containerSpec.getName())
              .withImage(containerSpec.getImage()).withImageID(containerSpec.getImage())
              .withContainerID("hollow://" + container.process.pid())
              .withReady(true).withStarted(true).withRestartCount(container.restarts)
              .withNewState().withNewRunning().withStartedAt(now).endRunning().endState().build())
          .build());
      try {
        client.pods().resource(fresh).updateStatus();
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) {
          throw e;
        }
      }
    }
  }

  /** The container's environment as a kubelet resolves it; empty while a referenced Secret is missing. */
  private Optional<Map<String, String>> environment(Pod pod) {
    Map<String, String> env = new LinkedHashMap<>();
    List<EnvVar> vars = Optional.ofNullable(pod.getSpec().getContainers().get(0).getEnv()).orElse(List.of());
    for (EnvVar var : vars) {
      if (var.getValueFrom() == null) {
        env.put(var.getName(), Optional.ofNullable(var.getValue()).orElse(""));
      } else if (var.getValueFrom().getFieldRef() != null) {
        env.put(var.getName(), field(pod, var.getValueFrom().getFieldRef().getFieldPath()));
      } else if (var.getValueFrom().getSecretKeyRef() != null) {
        var ref = var.getValueFrom().getSecretKeyRef();
        Secret secret = client.secrets().inNamespace(pod.getMetadata().getNamespace()).withName(ref.getName()).get();
        String encoded = secret == null || secret.getData() == null ? null : secret.getData().get(ref.getKey());
        if (encoded == null) {
          return Optional.empty();
        }
        env.put(var.getName(), new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8));
      }
    }
    return Optional.of(env);
  }

  private static String field(Pod pod, String path) {
    return switch (path) {
      case "metadata.name" -> pod.getMetadata().getName();
      case "metadata.namespace" -> pod.getMetadata().getNamespace();
      case "spec.nodeName" -> NAME;
      case "status.podIP", "status.hostIP" -> "127.0.0.1";
      default -> throw new IllegalArgumentException("the hollow node does not resolve fieldRef " + path);
    };
  }

  private void beatQuietly() {
    try {
      beat();
    } catch (RuntimeException e) {
      System.err.println("hollow node: heartbeat failed: " + e);
    }
  }

  /** The node's Ready condition and its Lease, as a kubelet renews them. */
  private void beat() {
    // the node controller writes a new node too (its taints): a conflict means read it again and retry
    for (int attempt = 1; ; attempt++) {
      try {
        writeStatus();
        break;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 5) {
          throw e;
        }
      }
    }
    Lease lease = new LeaseBuilder().withNewMetadata().withName(NAME).withNamespace("kube-node-lease").endMetadata()
        .withNewSpec().withHolderIdentity(NAME).withLeaseDurationSeconds(40)
        .withRenewTime(java.time.ZonedDateTime.now(ZoneOffset.UTC)).endSpec().build();
    client.resources(Lease.class).resource(lease).createOr(existing -> existing.edit(l -> {
      l.getSpec().setRenewTime(lease.getSpec().getRenewTime());
      return l;
    }));
  }

  private void writeStatus() {
    String now = TIME.format(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    Node node = client.nodes().withName(NAME).get();
    NodeCondition ready = new NodeConditionBuilder().withType("Ready").withStatus("True").withReason("KubeletReady")
        .withMessage("hollow node for the end-to-end suite").withLastHeartbeatTime(now).withLastTransitionTime(
            node.getStatus() == null || node.getStatus().getConditions() == null
                || node.getStatus().getConditions().isEmpty() ? now
                : node.getStatus().getConditions().get(0).getLastTransitionTime())
        .build();
    Map<String, Quantity> capacity = Map.of("cpu", new Quantity("64"), "memory", new Quantity("256Gi"),
        "pods", new Quantity("500"));
    node.setStatus(new io.fabric8.kubernetes.api.model.NodeStatusBuilder().withConditions(ready)
        .withCapacity(capacity).withAllocatable(capacity)
        .addNewAddress().withType("InternalIP").withAddress("127.0.0.1").endAddress()
        .withNewNodeInfo().withKubeletVersion("v1.28.0").withOperatingSystem("linux").withArchitecture("amd64")
        .withContainerRuntimeVersion("hollow://1").withKernelVersion("").withOsImage("").withMachineID("")
        .withSystemUUID("").withBootID("").withKubeProxyVersion("").endNodeInfo()
        .build());
    client.nodes().resource(node).updateStatus();
  }

  @Override
  public void close() {
    heartbeat.shutdownNow();
    if (informer != null) {
      informer.close();
    }
    containers.values().forEach(c -> c.process.kill());
    containers.clear();
    kubelet.shutdownNow();
  }

  private static String key(Pod pod) {
    return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  /** How a worker ended after SIGTERM. */
  public record Termination(int exitCode, Duration sigtermToExit, Instant sigtermAt) {
  }

  private static final class Container {
    final WorkerProcess process;
    final Map<String, String> env;
    final Path log;
    final int restarts;
    volatile boolean terminating;

    Container(WorkerProcess process, Map<String, String> env, Path log, int restarts) {
      this.process = process;
      this.env = env;
      this.log = log;
      this.restarts = restarts;
    }
  }
}
