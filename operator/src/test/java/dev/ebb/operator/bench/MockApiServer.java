package dev.ebb.operator.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * fabric8's mock API server in CRUD mode, as {@code @EnableKubernetesMockClient(crud = true)} builds it, over plain
 * HTTP. It keeps every request it served in a queue; a daemon thread drains that queue (so the benchmark's memory
 * stays flat) and counts the requests by method and resource.
 */
final class MockApiServer implements ApiServer {

  private final KubernetesMockServer server;
  private final KubernetesClient client;
  private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
  private final Thread drain;
  private volatile boolean open = true;

  private MockApiServer() {
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(), responses,
        new KubernetesMixedDispatcher(responses), false);
    server.init();
    client = server.createClient();
    client.apiextensions().v1().customResourceDefinitions()
        .load(MockApiServer.class.getResourceAsStream("/META-INF/fabric8/workerpools.ebb.dev-v1.yml")).create();
    drain = new Thread(this::drain, "bench-api-requests");
    drain.setDaemon(true);
    drain.start();
  }

  /** Starts the server and creates the WorkerPool CRD on it (which enables the status and scale subresources). */
  static MockApiServer start() {
    return new MockApiServer();
  }

  String url() {
    return "http://" + server.getHostName() + ":" + server.getPort();
  }

  @Override
  public KubernetesClient client() {
    return client;
  }

  @Override
  public List<String> operatorJvmOptions() {
    return List.of("-Dkubernetes.master=" + url(), "-Dkubernetes.auth.tryKubeConfig=false",
        "-Dkubernetes.auth.tryServiceAccount=false", "-Dkubernetes.namespace=default");
  }

  @Override
  public Map<String, String> operatorEnvironment() {
    return Map.of();
  }

  @Override
  public String describe() {
    return "fabric8 mock API server (CRUD mode, in the benchmark's JVM) at " + url();
  }

  /** Requests served so far, by {@code METHOD resource[/subresource][ (watch)]}. */
  @Override
  public Map<String, Long> requests() {
    Map<String, Long> counts = new TreeMap<>();
    requests.forEach((kind, count) -> counts.put(kind, count.sum()));
    return counts;
  }

  private void drain() {
    while (open) {
      try {
        RecordedRequest request = server.takeRequest(200, TimeUnit.MILLISECONDS);
        if (request != null) {
          requests.computeIfAbsent(kind(request), k -> new LongAdder()).increment();
        }
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** {@code PUT deployments}, {@code PATCH workerpools/status}, {@code GET workerpools (watch)}... */
  static String kind(RecordedRequest request) {
    String path = request.getPath();
    int query = path.indexOf('?');
    String bare = query < 0 ? path : path.substring(0, query);
    String[] parts = bare.split("/");
    int at = -1;
    for (int i = 0; i < parts.length; i++) {
      if (parts[i].equals("namespaces") && i + 2 < parts.length) {
        at = i + 2;
      }
    }
    String resource;
    if (at < 0) {
      resource = parts.length == 0 ? "/" : parts[parts.length - 1];
    } else {
      resource = parts[at] + (at + 2 < parts.length ? "/" + parts[at + 2] : "");
    }
    boolean watch = query >= 0 && path.substring(query).contains("watch=true");
    return request.getMethod() + " " + resource + (watch ? " (watch)" : "");
  }

  @Override
  public void close() {
    open = false;
    drain.interrupt();
    client.close();
    server.destroy();
  }
}
