package dev.ebb.operator;

import dev.ebb.operator.config.OperatorConfig;
import dev.ebb.operator.model.SharedStrings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;

/** Runs the operator against the cluster of the current kubeconfig (or the in-cluster service account). */
@Command(name = "operator", mixinStandardHelpOptions = true,
    description = "Run the WorkerPool operator (settings from EBB_* environment variables).")
final class OperatorCommand implements Callable<Integer> {

  @Override
  public Integer call() throws Exception {
    OperatorConfig config = OperatorConfig.fromEnvironment();
    // short strings shared across the cached objects: thousands of pools repeat the same condition reasons and labels
    KubernetesClient client = new KubernetesClientBuilder().withKubernetesSerialization(SharedStrings.serialization())
        .build();
    EbbOperator operator = EbbOperator.start(config, client);
    CountDownLatch stopped = new CountDownLatch(1);
    // SIGTERM (a rollout, a drain): stop reconciling, give up the Lease so the standby takes over at once, then exit
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        operator.close();
      } finally {
        client.close();
        stopped.countDown();
      }
    }, "ebb-shutdown"));
    stopped.await();
    return 0;
  }
}
