package dev.ebb.operator.bench;

import dev.ebb.controlplane.ControlPlane;
import dev.ebb.controlplane.ControlPlaneBinaries;
import dev.ebb.controlplane.Kubectl;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real control plane ({@code --api real}): etcd, kube-apiserver and kube-controller-manager v1.28 from
 * {@code EBB_K8S_BIN}, on this machine. Ebb is installed from the rendered {@code manifests/} as a cluster operator
 * would (CRD, RBAC), its in-cluster Deployment scaled to zero (no kubelet runs it: the benchmark runs the operator
 * itself), and the operator authenticates as the {@code ebb-operator} ServiceAccount, so the real RBAC and API
 * Priority and Fairness apply to every call. Requests are counted from the API server's own
 * {@code apiserver_request_total}; answers 429 (too many requests) are counted apart.
 */
final class RealApiServer implements ApiServer {

  private static final Pattern REQUEST_TOTAL = Pattern.compile("^apiserver_request_total\\{([^}]*)} ([0-9.e+]+)$");
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  private final ControlPlane plane;
  private final KubernetesClient admin;
  private final Path operatorKubeconfig;

  private RealApiServer(ControlPlane plane, KubernetesClient admin, Path operatorKubeconfig) {
    this.plane = plane;
    this.admin = admin;
    this.operatorKubeconfig = operatorKubeconfig;
  }

  /** Starts the control plane in {@code dir} and installs Ebb's CRD and RBAC; creates {@code namespaces}. */
  static RealApiServer start(Path dir, Path manifests, List<String> namespaces) throws IOException,
      InterruptedException {
    ControlPlaneBinaries.Lookup lookup = ControlPlaneBinaries.find();
    if (lookup.binaries().isEmpty()) {
      throw new IllegalStateException("--api real needs a control plane: " + lookup.missing());
    }
    ControlPlaneBinaries binaries = lookup.binaries().get();
    ControlPlane plane = ControlPlane.start(binaries, dir.resolve("cluster"));
    try {
      KubernetesClient admin = plane.adminClient();
      Kubectl kubectl = new Kubectl(binaries.kubectl(), plane.kubeconfig());
      kubectl.run(kubectl.run(null, "kustomize", manifests.toString()), "apply", "-f", "-");
      kubectl.run(null, "scale", "deployment", "ebb-operator", "-n", "ebb-system", "--replicas=0");
      for (String namespace : namespaces) {
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata()
            .build()).create();
      }
      String token = admin.serviceAccounts().inNamespace("ebb-system").withName("ebb-operator")
          .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(6 * 3600L).endSpec().build())
          .getStatus().getToken();
      Path kubeconfig = dir.resolve("operator.kubeconfig");
      plane.writeKubeconfig(kubeconfig, token);
      return new RealApiServer(plane, admin, kubeconfig);
    } catch (IOException | RuntimeException e) {
      plane.close();
      throw e;
    }
  }

  @Override
  public KubernetesClient client() {
    return admin;
  }

  @Override
  public Map<String, Long> requests() {
    return countRequests(admin.raw("/metrics"));
  }

  /** {@code apiserver_request_total} summed by verb and resource; the 429s also as {@code 429 VERB resource}. */
  static Map<String, Long> countRequests(String metrics) {
    Map<String, Long> counts = new TreeMap<>();
    for (String line : metrics.split("\n")) {
      Matcher sample = REQUEST_TOTAL.matcher(line.trim());
      if (!sample.matches()) {
        continue;
      }
      Map<String, String> labels = new TreeMap<>();
      Matcher label = LABEL.matcher(sample.group(1));
      while (label.find()) {
        labels.put(label.group(1), label.group(2));
      }
      String resource = labels.getOrDefault("resource", "");
      if (resource.isEmpty()) {
        continue; // /healthz, /metrics, discovery
      }
      String subresource = labels.getOrDefault("subresource", "");
      String kind = labels.getOrDefault("verb", "?") + " " + resource + (subresource.isEmpty() ? "" : "/" + subresource);
      long value = (long) Double.parseDouble(sample.group(2));
      counts.merge(kind, value, Long::sum);
      if ("429".equals(labels.get("code"))) {
        counts.merge("429 " + kind, value, Long::sum);
      }
    }
    return counts;
  }

  @Override
  public List<String> operatorJvmOptions() {
    return List.of();
  }

  @Override
  public Map<String, String> operatorEnvironment() {
    return Map.of("KUBECONFIG", operatorKubeconfig.toString());
  }

  @Override
  public String describe() {
    return "real kube-apiserver v1.28 + etcd + kube-controller-manager on this machine at " + plane.apiServerUrl()
        + ", the operator as ServiceAccount ebb-system/ebb-operator (RBAC and API Priority and Fairness apply)";
  }

  @Override
  public void close() {
    admin.close();
    plane.close();
  }
}
