package dev.ebb.operator.local;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM, SIGINT and SIGHUP as requests to stop {@code ebb local}: the first ends the control loop, so that the
 * workers are drained within their grace period and the private Redis is stopped before the process exits; a second
 * runs {@code onSecondSignal} (stop the workers at once). With the JVM's own handlers these signals would end the JVM
 * at once and leave every child process running. {@link #close()} puts the previous handlers back.
 */
final class StopSignals implements AutoCloseable {

  private static final String[] NAMES = {"TERM", "INT", "HUP"};

  private final CountDownLatch first = new CountDownLatch(1);
  private final AtomicInteger received = new AtomicInteger();
  private final AtomicReference<String> name = new AtomicReference<>();
  private final List<Signal> signals = new ArrayList<>();
  private final List<SignalHandler> previous = new ArrayList<>();
  private volatile Runnable onSecondSignal = () -> { };

  private StopSignals() {
  }

  /** Handles the three signals from now until {@link #close()}. */
  static StopSignals install() {
    StopSignals stop = new StopSignals();
    for (String signalName : NAMES) {
      Signal signal = new Signal(signalName);
      try {
        stop.previous.add(Signal.handle(signal, stop::received));
        stop.signals.add(signal);
      } catch (IllegalArgumentException e) {
        // the JVM reserves it (e.g. -Xrs): its default stays
      }
    }
    return stop;
  }

  private void received(Signal signal) {
    if (received.incrementAndGet() == 1) {
      name.set("SIG" + signal.getName());
      first.countDown();
    } else {
      onSecondSignal.run();
    }
  }

  void onSecondSignal(Runnable action) {
    this.onSecondSignal = action;
  }

  /** Waits up to {@code millis} for a signal; true once one arrived. */
  boolean await(long millis) throws InterruptedException {
    return first.await(millis, TimeUnit.MILLISECONDS);
  }

  boolean received() {
    return first.getCount() == 0;
  }

  /** The first signal's name, e.g. {@code SIGTERM}; null when none arrived. */
  String name() {
    return name.get();
  }

  @Override
  public void close() {
    for (int i = 0; i < signals.size(); i++) {
      Signal.handle(signals.get(i), previous.get(i));
    }
  }
}
