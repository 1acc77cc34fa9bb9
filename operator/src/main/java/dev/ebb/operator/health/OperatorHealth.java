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
 * informer has been unhealthy. The runtime is supplied only once the operator has started: JOSDK's
 * {@code getRuntimeInfo()} waits on the controller manager's lock, which its start holds while the informers sync
 * (and its stop while they close), and a probe must answer then too.
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
    if (leadership.isStopping()) {
      // not a look at the runtime: JOSDK's stop holds the lock RuntimeInfo waits on
      return HealthState.of(false, Set.of(), Optional.empty(), unhealthyLimit, leadership.role(), leadership.leader(),
          true);
    }
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
