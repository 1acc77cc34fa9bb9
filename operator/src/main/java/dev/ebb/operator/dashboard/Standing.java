package dev.ebb.operator.dashboard;

import java.util.Optional;

/** Whether this process shows pools, or is a standby replica that says which replica does. */
public sealed interface Standing {

  /** This process runs the control loop: its figures are current. {@code source} names it in the page's header. */
  record Serving(String source) implements Standing {
  }

  /**
   * A replica that does not lead: it runs no control loop, so it has no figures, and shows none.
   *
   * @param identity this replica's name in the Lease
   * @param leader the Lease's holder as last seen, if any
   * @param namespace the namespace of the Lease and of the operator's pods
   */
  record Standby(String identity, Optional<String> leader, String namespace) implements Standing {
  }
}
