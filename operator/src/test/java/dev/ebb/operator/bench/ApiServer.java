package dev.ebb.operator.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;

/** The API server a benchmark run drives: fabric8's mock server ({@code --api mock}) or a real one ({@code real}). */
interface ApiServer extends AutoCloseable {

  /** A client with every right, for the harness: creating pools, watching Deployments. */
  KubernetesClient client();

  /** Requests the server has served so far, by {@code VERB resource[/subresource]}, from every client. */
  Map<String, Long> requests();

  /** JVM options that point the operator at this server. */
  List<String> operatorJvmOptions();

  /** Environment that points the operator at this server. */
  Map<String, String> operatorEnvironment();

  /** What the run's report says the server was. */
  String describe();

  @Override
  void close();
}
