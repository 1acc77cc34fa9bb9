package dev.ebb.e2e.cluster;

import dev.ebb.controlplane.ControlPlane;
import dev.ebb.controlplane.ControlPlaneBinaries;
import dev.ebb.controlplane.Kubectl;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * The cluster every end-to-end test shares, started once per test JVM: the control plane, Ebb installed from the
 * rendered {@code manifests/} ({@code kubectl kustomize manifests | kubectl apply -f -}), a TokenRequest token of the
 * {@code ebb-operator} ServiceAccount, and a {@link HollowNode} running real worker JVMs. Each test class works in
 * namespaces of its own and starts the operator processes it needs; everything stops when the JVM exits.
 */
public final class EndToEnd {

  private static EndToEnd shared;
  private static String unavailable;

  private final ControlPlane controlPlane;
  private final KubernetesClient admin;
  private final Kubectl kubectl;
  private final HollowNode node;
  private final Path operatorKubeconfig;
  private final String installOutput;
  private final Duration startup;
  private final List<OperatorProcess> operators = new ArrayList<>();

  private EndToEnd(ControlPlane controlPlane, KubernetesClient admin, Kubectl kubectl, HollowNode node,
      Path operatorKubeconfig, String installOutput, Duration startup) {
    this.controlPlane = controlPlane;
    this.admin = admin;
    this.kubectl = kubectl;
    this.node = node;
    this.operatorKubeconfig = operatorKubeconfig;
    this.installOutput = installOutput;
    this.startup = startup;
  }

  /**
   * The shared cluster, started on first use. Skips the calling test when the binaries are missing, or fails it
   * under {@code CI=true}.
   */
  public static synchronized EndToEnd cluster() {
    if (shared != null) {
      return shared;
    }
    if (unavailable == null) {
      ControlPlaneBinaries.Lookup lookup = ControlPlaneBinaries.find();
      if (lookup.binaries().isEmpty()) {
        unavailable = lookup.missing();
      } else {
        shared = start(lookup.binaries().get());
        return shared;
      }
    }
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException("CI=true and the real control plane cannot start: " + unavailable);
    }
    System.out.println("[e2e] skipped: " + unavailable);
    Assumptions.abort("skipped: " + unavailable);
    return null;
  }

  private static EndToEnd start(ControlPlaneBinaries binaries) {
    Instant begin = Instant.now();
    Path work = Path.of(System.getProperty("ebb.workDir", "target/e2e"));
    try {
      Path dir = Files.createDirectories(work.resolve("run-" + System.currentTimeMillis())).toAbsolutePath();
      ControlPlane plane = ControlPlane.start(binaries, dir.resolve("cluster"));
      try {
        return install(plane, binaries, dir, begin);
      } catch (Exception e) {
        plane.close(); // a failed start must not leave etcd and the API server running after the JVM
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static EndToEnd install(ControlPlane plane, ControlPlaneBinaries binaries, Path dir, Instant begin)
      throws IOException, InterruptedException {
    KubernetesClient admin = plane.adminClient();
    Kubectl kubectl = new Kubectl(binaries.kubectl(), plane.kubeconfig());
    String rendered = kubectl.run(null, "kustomize", property("ebb.manifests"));
    String installed = kubectl.run(rendered, "apply", "-f", "-");
    String token = admin.serviceAccounts().inNamespace("ebb-system").withName("ebb-operator")
        .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(4 * 3600L).endSpec().build())
        .getStatus().getToken();
    Path operatorKubeconfig = dir.resolve("operator.kubeconfig");
    plane.writeKubeconfig(operatorKubeconfig, token);
    HollowNode node = new HollowNode(admin, Path.of(property("ebb.workerJar")), dir.resolve("workers"));
    try {
      node.start();
    } catch (IOException | RuntimeException e) {
      node.close();
      throw e;
    }
    EndToEnd cluster = new EndToEnd(plane, admin, kubectl, node, operatorKubeconfig, installed,
        Duration.between(begin, Instant.now()));
    Runtime.getRuntime().addShutdownHook(new Thread(cluster::stop, "e2e-cluster-stop"));
    System.out.println("[e2e] control plane and Ebb installed in " + cluster.startup.toMillis() + " ms: " + dir);
    return cluster;
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    if (value == null) {
      throw new IllegalStateException("system property " + name + " is not set (e2e/pom.xml sets it)");
    }
    return value;
  }

  public KubernetesClient admin() {
    return admin;
  }

  public Kubectl kubectl() {
    return kubectl;
  }

  public HollowNode node() {
    return node;
  }

  public ControlPlane controlPlane() {
    return controlPlane;
  }

  /** Creates a namespace for a test, or finds it; returns its name. */
  public String namespace(String name) {
    if (admin.namespaces().withName(name).get() == null) {
      admin.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
          .withName(name).endMetadata().build()).create();
    }
    return name;
  }

  /** What {@code kubectl apply} printed for the rendered manifests. */
  public String installOutput() {
    return installOutput;
  }

  /**
   * Starts an operator replica as the ServiceAccount, with leader election on; {@code settings} adds or overrides
   * {@code EBB_*} variables.
   */
  public synchronized OperatorProcess startOperator(String name, Map<String, String> settings) {
    try {
      OperatorProcess operator = OperatorProcess.start(name, Path.of(property("ebb.operatorJar")),
          operatorKubeconfig, controlPlane.directory().resolveSibling("operators"), settings);
      operators.add(operator);
      return operator;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every operator replica started so far, in this JVM. */
  public synchronized List<OperatorProcess> operators() {
    return List.copyOf(operators);
  }

  private void stop() {
    operators().forEach(OperatorProcess::close);
    node.close();
    admin.close();
    controlPlane.close();
  }
}
