package dev.ebb.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.api.v1alpha1.WorkerPool;
import dev.ebb.api.v1alpha1.WorkerPoolStatus;
import dev.ebb.operator.WorkerPools;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class StatusWriterIT {

  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  KubernetesClient client;
  KubernetesMockServer server;

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

  @Test
  void statusesHandedOverFasterThanTheyAreWrittenAreCoalescedToTheNewest() {
    WorkerPool created = client.resource(WorkerPools.valid("shop", "mailer")).create();
    List<Runnable> queued = new ArrayList<>();
    StatusWriter writer = new StatusWriter(client, queued::add);

    for (int desired = 1; desired <= 3; desired++) {
      writer.write(JSON.clone(created), desired(desired));
    }
    WorkerPool beforeTheWrite = JSON.clone(created);
    writer.catchUp(beforeTheWrite);
    assertThat(beforeTheWrite.getStatus().getDesiredReplicas()).as("a reconcile sees the newest at once").isEqualTo(3);
    assertThat(queued).as("one write queued for the pool").hasSize(1);

    int requests = server.getRequestCount();
    queued.get(0).run();

    assertThat(server.getRequestCount() - requests).as("one PATCH, of the newest status").isEqualTo(1);
    assertThat(client.resources(WorkerPool.class).inNamespace("shop").withName("mailer").get().getStatus()
        .getDesiredReplicas()).isEqualTo(3);
  }

  @Test
  void aWriteThatFailsIsForgottenSoTheNextReconcileComputesAndWritesAgain() {
    WorkerPool gone = WorkerPools.valid("shop", "deleted");
    gone.getMetadata().setUid("uid-gone");
    StatusWriter writer = new StatusWriter(client);

    writer.write(JSON.clone(gone), desired(2));

    assertThat(writer.held()).as("nothing held for a write the server refused").isZero();
    WorkerPool next = JSON.clone(gone);
    writer.catchUp(next);
    assertThat(next.getStatus()).isEqualTo(gone.getStatus());
  }

  private static WorkerPoolStatus desired(int replicas) {
    WorkerPoolStatus status = new WorkerPoolStatus();
    status.setDesiredReplicas(replicas);
    return status;
  }
}
