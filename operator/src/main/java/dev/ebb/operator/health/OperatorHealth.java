package dev.ebb.operator.health;

import io.javaoperatorsdk.operator.RuntimeInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Reads JOSDK's runtime and the leadership into a {@link HealthState} at each probe, remembering since when an
 * informer has been unhealthy. The runtime is absent until the operator is built, so probes answer during start-up.
 */
public final class OperatorHealth implements Supplier<HealthState> {

  private final Supplier<Optional<RuntimeInfo>> runtime;
  private final Leadership leadership;
  private final Duration unhealthyLimit;
  private final Clock clock;
  private Instant unhealthySince;

  public OperatorHealth(Supplier<Optional<RuntimeInfo>> runtime, Leadership leadership, Duration unhealthyLimit,
      Clock clock) {
    this.runtime = runtime;
    this.leadership = leadership;
    this.unhealthyLimit = unhealthyLimit;
    this.clock = clock;
  }

  @Override
  public synchronized HealthState get() {
    Optional<RuntimeInfo> info = runtime.get();
    boolean started = info.map(RuntimeInfo::isStarted).orElse(false);
    Set<String> unhealthy = new TreeSet<>();
    if (started) {
      info.get().unhealthyEventSources().forEach((controller, sources) ->
          sources.keySet().forEach(source -> unhealthy.add(controller + "/" + source)));
    }
    Instant now = clock.instant();
    if (unhealthy.isEmpty()) {
      unhealthySince = null;
    } else if (unhealthySince == null) {
      unhealthySince = now;
    }
    Optional<Duration> unhealthyFor = Optional.ofNullable(unhealthySince).map(since -> Duration.between(since, now));
    return HealthState.of(started, unhealthy, unhealthyFor, unhealthyLimit, leadership.role(), leadership.leader(),
        leadership.isStopping());
  }
}
