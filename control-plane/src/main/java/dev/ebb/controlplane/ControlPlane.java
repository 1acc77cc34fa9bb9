package dev.ebb.controlplane;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A real Kubernetes control plane in a temporary directory: etcd, kube-apiserver (RBAC and token authentication on,
 * service-account tokens signed so TokenRequest works, an audit log of every request the operator's ServiceAccount
 * makes) and kube-controller-manager (Deployment, ReplicaSet, garbage-collector, namespace and service-account
 * controllers), each on a free loopback port, stopped by their own process handles. The flags are those of
 * {@code ../shared/k8s/dev-cluster.sh}. There is no kubelet and no scheduler: {@link HollowNode} stands in for them.
 */
public final class ControlPlane implements AutoCloseable {

  /** The user the operator runs as, whose every request the audit log records. */
  public static final String OPERATOR_USER = "system:serviceaccount:ebb-system:ebb-operator";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final ControlPlaneBinaries binaries;
  private final Path dir;
  private final List<Process> processes = new ArrayList<>();
  private final String adminToken = token();
  private int apiPort;

  private ControlPlane(ControlPlaneBinaries binaries, Path dir) {
    this.binaries = binaries;
    this.dir = dir;
  }

  /** Starts etcd, the API server and the controller-manager; returns once all three answer their health checks. */
  public static ControlPlane start(ControlPlaneBinaries binaries, Path dir) throws IOException, InterruptedException {
    ControlPlane plane = new ControlPlane(binaries, dir);
    try {
      plane.startAll();
    } catch (IOException | InterruptedException | RuntimeException e) {
      plane.close();
      throw e;
    }
    return plane;
  }

  private void startAll() throws IOException, InterruptedException {
    Path pki = Files.createDirectories(dir.resolve("pki"));
    Files.createDirectories(dir.resolve("logs"));
    Pki.write(binaries.openssl(), pki);
    Files.writeString(pki.resolve("tokens.csv"), adminToken + ",admin,admin,system:masters\n"
        + token() + ",nobody,nobody\n");
    Files.writeString(dir.resolve("audit-policy.yaml"), """
        apiVersion: audit.k8s.io/v1
        kind: Policy
        omitStages: ["RequestReceived"]
        rules:
          - level: Metadata
            users: ["%s"]
          - level: None
        """.formatted(OPERATOR_USER));

    int etcdClient = freePort();
    int etcdPeer = freePort();
    apiPort = freePort();
    int controllerManagerPort = freePort();

    launch("etcd", List.of(binaries.etcd().toString(), "--name=e2e", "--data-dir=" + dir.resolve("etcd"),
        "--listen-client-urls=http://127.0.0.1:" + etcdClient,
        "--advertise-client-urls=http://127.0.0.1:" + etcdClient,
        "--listen-peer-urls=http://127.0.0.1:" + etcdPeer,
        "--initial-advertise-peer-urls=http://127.0.0.1:" + etcdPeer,
        "--initial-cluster=e2e=http://127.0.0.1:" + etcdPeer,
        "--unsafe-no-fsync"));
    HttpClient plain = HttpClient.newHttpClient();
    waitFor("etcd", () -> ok(plain, "http://127.0.0.1:" + etcdClient + "/health", null));

    launch("kube-apiserver", List.of(binaries.apiServer().toString(),
        "--etcd-servers=http://127.0.0.1:" + etcdClient,
        "--bind-address=127.0.0.1", "--advertise-address=127.0.0.1", "--secure-port=" + apiPort,
        "--tls-cert-file=" + pki.resolve("apiserver.crt"), "--tls-private-key-file=" + pki.resolve("apiserver.key"),
        "--client-ca-file=" + pki.resolve("ca.crt"), "--token-auth-file=" + pki.resolve("tokens.csv"),
        "--authorization-mode=Node,RBAC", "--service-cluster-ip-range=10.96.0.0/16", "--allow-privileged=true",
        "--enable-admission-plugins=NamespaceLifecycle,ServiceAccount,ResourceQuota",
        "--service-account-issuer=https://kubernetes.default.svc",
        "--service-account-key-file=" + pki.resolve("sa.pub"),
        "--service-account-signing-key-file=" + pki.resolve("sa.key"),
        "--endpoint-reconciler-type=none",
        "--audit-policy-file=" + dir.resolve("audit-policy.yaml"),
        "--audit-log-path=" + auditLogFile(), "--audit-log-maxsize=0"));
    HttpClient tls = HttpClient.newBuilder().sslContext(trusting(pki.resolve("ca.crt"))).build();
    waitFor("kube-apiserver", () -> ok(tls, apiServerUrl() + "/readyz", adminToken));

    writeKubeconfig(kubeconfig(), adminToken);
    launch("kube-controller-manager", List.of(binaries.controllerManager().toString(),
        "--kubeconfig=" + kubeconfig(), "--authentication-kubeconfig=" + kubeconfig(),
        "--authorization-kubeconfig=" + kubeconfig(),
        "--service-account-private-key-file=" + pki.resolve("sa.key"), "--root-ca-file=" + pki.resolve("ca.crt"),
        "--use-service-account-credentials=false", "--controllers=*,-nodeipam", "--leader-elect=false",
        "--bind-address=127.0.0.1", "--secure-port=" + controllerManagerPort));
    HttpClient insecure = HttpClient.newBuilder().sslContext(Pki.trustingAnyone()).build();
    waitFor("kube-controller-manager", () -> ok(insecure, "https://127.0.0.1:" + controllerManagerPort + "/healthz",
        null));
  }

  public String apiServerUrl() {
    return "https://127.0.0.1:" + apiPort;
  }

  public Path caCertificate() {
    return dir.resolve("pki/ca.crt");
  }

  /** The admin's kubeconfig (system:masters), for kubectl. */
  public Path kubeconfig() {
    return dir.resolve("admin.kubeconfig");
  }

  /** Every request the operator's ServiceAccount made, one JSON audit event a line. */
  public Path auditLogFile() {
    return dir.resolve("logs/audit.log");
  }

  public AuditLog auditLog() {
    return new AuditLog(auditLogFile());
  }

  public Path directory() {
    return dir;
  }

  /** A client acting as the cluster admin. */
  public KubernetesClient adminClient() {
    return clientWithToken(adminToken);
  }

  /** A client acting as whoever {@code token} belongs to. */
  public KubernetesClient clientWithToken(String token) {
    Config config = new ConfigBuilder(Config.empty())
        .withMasterUrl(apiServerUrl())
        .withCaCertFile(caCertificate().toString())
        .withOauthToken(token)
        .withRequestTimeout(30_000)
        .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /** Writes a kubeconfig that authenticates with {@code token}. */
  public void writeKubeconfig(Path file, String token) throws IOException {
    Files.writeString(file, """
        apiVersion: v1
        kind: Config
        clusters: [{name: e2e, cluster: {server: "%s", certificate-authority: "%s"}}]
        users: [{name: user, user: {token: "%s"}}]
        contexts: [{name: e2e, context: {cluster: e2e, user: user}}]
        current-context: e2e
        """.formatted(apiServerUrl(), caCertificate(), token));
  }

  @Override
  public void close() {
    for (int i = processes.size() - 1; i >= 0; i--) {
      Process process = processes.get(i);
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    processes.clear();
  }

  private void launch(String name, List<String> command) throws IOException {
    Process process = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("logs/" + name + ".log").toFile())
        .start();
    processes.add(process);
    Files.writeString(dir.resolve("logs/" + name + ".pid"), process.pid() + "\n");
  }

  private void waitFor(String name, Check check) throws InterruptedException, IOException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      for (Process process : processes) {
        if (!process.isAlive()) {
          throw new IOException(name + " is not running (exit " + process.exitValue() + "); see "
              + dir.resolve("logs"));
        }
      }
      if (check.passes()) {
        return;
      }
      Thread.sleep(250);
    }
    throw new IOException(name + " did not become healthy within " + START_TIMEOUT + "; see " + dir.resolve("logs"));
  }

  private static boolean ok(HttpClient http, String url, String token) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode()
          == HttpURLConnection.HTTP_OK;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static SSLContext trusting(Path caFile) throws IOException {
    try (var in = Files.newInputStream(caFile)) {
      X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      store.setCertificateEntry("ca", ca);
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException("cannot read " + caFile, e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String token() {
    byte[] bytes = new byte[16];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  @FunctionalInterface
  private interface Check {
    boolean passes() throws IOException;
  }
}
