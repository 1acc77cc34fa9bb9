package dev.ebb.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.api.v1alpha1.WorkerPool;
import dev.ebb.api.v1alpha1.WorkerPoolStatus;
import dev.ebb.operator.WorkerPools;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class StatusWriterIT {

  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  KubernetesClient client;

  @Test
  void aReconcileSeesTheLastWriteUntilTheCacheShowsItThenTheCopyIsLetGo() {
    WorkerPool created = client.resource(WorkerPools.valid("shop", "mailer")).create();
    StatusWriter writer = new StatusWriter(client);
    WorkerPoolStatus written = new WorkerPoolStatus();
    written.setDesiredReplicas(4);
    writer.write(JSON.clone(created), written);

    WorkerPool staleCopy = JSON.clone(created); // the cache before the watch event arrives
    writer.catchUp(staleCopy);
    assertThat(staleCopy.getStatus()).isEqualTo(written);
    assertThat(writer.held()).as("kept while the cache lags").isEqualTo(1);

    WorkerPool current = client.resources(WorkerPool.class).inNamespace("shop").withName("mailer").get();
    writer.catchUp(current);
    assertThat(current.getStatus()).isEqualTo(written);
    assertThat(writer.held()).as("the cache shows the write: no second copy").isZero();

    WorkerPool later = JSON.clone(current);
    writer.catchUp(later);
    assertThat(later.getStatus()).as("nothing held: the cache's status as it is").isEqualTo(written);
  }
}
