package dev.ebb.operator.health;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives up the Lease this replica holds, so that the standby takes over at its next try instead of after the lease
 * duration. JOSDK 5.2.3 builds fabric8's LeaderElector with {@code releaseOnCancel=false}, so stopping the operator
 * leaves the Lease held until it expires: this does what fabric8's release would (holder cleared, a 1 s duration),
 * after the operator stopped, with the read resourceVersion so that it never clears a Lease someone else took.
 */
public final class LeaseRelease {

  private static final Logger LOG = LoggerFactory.getLogger(LeaseRelease.class);

  private LeaseRelease() {
  }

  /** Returns whether the Lease was released (false when another replica holds it, or the write failed). */
  public static boolean release(KubernetesClient client, String namespace, String name, String identity) {
    try {
      Lease lease = client.leases().inNamespace(namespace).withName(name).get();
      if (lease == null || lease.getSpec() == null || !Objects.equals(identity, lease.getSpec().getHolderIdentity())) {
        return false;
      }
      ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
      lease.getSpec().setHolderIdentity(null);
      lease.getSpec().setLeaseDurationSeconds(1);
      lease.getSpec().setAcquireTime(now);
      lease.getSpec().setRenewTime(now);
      client.resource(lease).update();
      LOG.info("{} released the Lease {}/{}", identity, namespace, name);
      return true;
    } catch (KubernetesClientException e) {
      LOG.warn("{} could not release the Lease {}/{} (it expires on its own): {}", identity, namespace, name,
          e.getMessage());
      return false;
    }
  }
}
