package dev.ebb.operator.heartbeat;

import java.util.List;

/**
 * Which workers look stale and which of them to restart now.
 *
 * @param stale pods whose newest heartbeat is older than {@code staleAfter} (or expired)
 * @param restart the stale pods to restart now, within the per-minute budget
 * @param withheld true when too many looked stale at once to trust the heartbeats: nothing is restarted
 * @param reason in words, for the Degraded condition and events
 */
public record StaleVerdict(List<String> stale, List<String> restart, boolean withheld, String reason) {

  public static final StaleVerdict NOTHING = new StaleVerdict(List.of(), List.of(), false, "no stale workers");
}
