package dev.ebb.operator.scaler;

import dev.ebb.operator.network.QueueNetworks;
import java.time.Clock;
import java.time.Duration;

/**
 * What every queue backend is held to, from the operator's settings.
 *
 * @param timeout bound on every connect and call ({@code EBB_REDIS_TIMEOUT}, which bounds every backend)
 * @param connectionsPerServer the most connections one backend keeps open to one server and credential
 * @param networks where queue servers may be: checked on the resolved addresses before every connect
 * @param clock for the readings' times and job ages
 */
public record BackendSettings(Duration timeout, int connectionsPerServer, QueueNetworks networks, Clock clock) {

  /** The bound on one whole poll, however many calls it makes. */
  public Duration pollDeadline() {
    return timeout.multipliedBy(3);
  }
}
