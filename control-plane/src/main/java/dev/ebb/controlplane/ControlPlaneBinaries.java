package dev.ebb.controlplane;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the end-to-end suite finds what it starts: {@code kube-apiserver} and {@code kube-controller-manager} in
 * {@code EBB_K8S_BIN}, and {@code etcd}, {@code kubectl} and {@code openssl} on the PATH. Without them the suite is
 * skipped with a message that says how to get them, except under {@code CI=true}, where it fails.
 */
public record ControlPlaneBinaries(Path apiServer, Path controllerManager, Path etcd, Path kubectl, Path openssl) {

  public static final String HOW_TO_GET_THEM = "the end-to-end suite needs kube-apiserver and kube-controller-manager v1.28"
      + " in EBB_K8S_BIN (on this project's machines: ../shared/k8s/bin; elsewhere from the Kubernetes release or"
      + " setup-envtest), etcd 3.4+ on the PATH (apt-get install -y etcd-server), kubectl and openssl";

  /** The binaries, or what is missing. */
  public static Lookup find() {
    List<String> missing = new ArrayList<>();
    Optional<Path> bin = Optional.ofNullable(System.getenv("EBB_K8S_BIN")).filter(s -> !s.isBlank()).map(Path::of);
    Path apiServer = bin.map(b -> b.resolve("kube-apiserver")).filter(Files::isExecutable).orElse(null);
    Path controllerManager = bin.map(b -> b.resolve("kube-controller-manager")).filter(Files::isExecutable)
        .orElse(null);
    if (bin.isEmpty()) {
      missing.add("EBB_K8S_BIN is not set");
    } else {
      if (apiServer == null) {
        missing.add("no executable kube-apiserver in " + bin.get());
      }
      if (controllerManager == null) {
        missing.add("no executable kube-controller-manager in " + bin.get());
      }
    }
    Path etcd = onPath("etcd", missing);
    Path kubectl = onPath("kubectl", missing);
    Path openssl = onPath("openssl", missing);
    return missing.isEmpty()
        ? new Lookup(Optional.of(new ControlPlaneBinaries(apiServer, controllerManager, etcd, kubectl, openssl)),
            "")
        : new Lookup(Optional.empty(), String.join("; ", missing) + " (" + HOW_TO_GET_THEM + ")");
  }

  private static Path onPath(String name, List<String> missing) {
    Optional<Path> found = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
        .filter(dir -> !dir.isEmpty())
        .map(dir -> Path.of(dir, name))
        .filter(Files::isExecutable)
        .findFirst();
    if (found.isEmpty()) {
      missing.add(name + " not found on the PATH");
    }
    return found.orElse(null);
  }

  /** The result of a look-up: the binaries, or why not. */
  public record Lookup(Optional<ControlPlaneBinaries> binaries, String missing) {
  }
}
