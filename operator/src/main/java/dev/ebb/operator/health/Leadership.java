package dev.ebb.operator.health;

import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This replica's part in leader election, as the health endpoints and the shutdown see it: whether it elects at all,
 * whether it leads, who does, and whether it is stopping on purpose. Fed by the Lease's callbacks.
 *
 * <p>A replica that loses a Lease it held (it could not renew in time) must not keep reconciling beside the new
 * leader, and JOSDK offers no way back to standby: it runs {@code onLostLease} (in production, exit so that
 * Kubernetes restarts it clean). A stop on purpose (SIGTERM) gives up the Lease too, and that is not a loss.
 */
public final class Leadership {

  private static final Logger LOG = LoggerFactory.getLogger(Leadership.class);

  /** What the replica is in the election. */
  public enum Role { NOT_ELECTING, CANDIDATE, LEADER, STOPPED_LEADING }

  private final boolean electing;
  private final String identity;
  private final Runnable onLostLease;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final AtomicBoolean stoppedLeading = new AtomicBoolean();
  private volatile boolean leading;
  private volatile String leader;

  private Leadership(boolean electing, String identity, Runnable onLostLease) {
    this.electing = electing;
    this.identity = identity;
    this.onLostLease = onLostLease;
  }

  /** Leader election is off: this replica always acts. */
  public static Leadership notElecting() {
    return new Leadership(false, null, () -> { });
  }

  public static Leadership electing(String identity, Runnable onLostLease) {
    return new Leadership(true, identity, onLostLease);
  }

  /** Callbacks for the Lease; JOSDK calls them before its own. */
  public LeaderCallbacks callbacks() {
    return new LeaderCallbacks(this::startedLeading, this::stoppedLeading, this::newLeader);
  }

  public Role role() {
    if (!electing) {
      return Role.NOT_ELECTING;
    }
    if (stoppedLeading.get()) {
      return Role.STOPPED_LEADING;
    }
    return leading ? Role.LEADER : Role.CANDIDATE;
  }

  /** The Lease's holder as last seen, if any. */
  public Optional<String> leader() {
    return Optional.ofNullable(leader);
  }

  public String identity() {
    return identity;
  }

  /** Marks the stop that follows as deliberate: giving up the Lease then is not a loss. */
  public void stopping() {
    stopping.set(true);
  }

  public boolean isStopping() {
    return stopping.get();
  }

  private void startedLeading() {
    leading = true;
    LOG.info("{} leads: reconciling WorkerPools", identity);
  }

  private void newLeader(String holder) {
    leader = holder;
  }

  private void stoppedLeading() {
    boolean wasLeading = leading;
    leading = false;
    if (!wasLeading || !stoppedLeading.compareAndSet(false, true)) {
      return;
    }
    if (stopping.get()) {
      LOG.info("{} stopped leading: shutting down", identity);
    } else {
      LOG.error("{} lost the Lease (not renewed within the renew deadline): another replica leads now", identity);
      onLostLease.run();
    }
  }
}
