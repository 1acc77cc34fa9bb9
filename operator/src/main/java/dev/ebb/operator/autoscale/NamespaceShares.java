package dev.ebb.operator.autoscale;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.Executor;

/**
 * How many of the shared measuring threads one namespace may hold at once: a tenant whose queue servers are slow,
 * silent or hostile keeps at most its share busy (each of its polls bounded by the poll deadline), and the other
 * namespaces' polls find threads free. A poll over its namespace's share waits in that namespace's line (one place
 * per pool at most: a pool whose poll is queued or running skips its turn) and runs when one of the namespace's polls
 * ends.
 */
final class NamespaceShares {

  private final int perNamespace;
  private final Executor threads;
  private final Map<String, Line> lines = new HashMap<>();

  /** A quarter of the measuring threads, at least one, per namespace. */
  NamespaceShares(int measureThreads, Executor threads) {
    this.perNamespace = Math.max(1, measureThreads / 4);
    this.threads = threads;
  }

  int perNamespace() {
    return perNamespace;
  }

  /** Runs {@code poll} on the measuring threads now, or once {@code namespace} has a place free. */
  void run(String namespace, Runnable poll) {
    synchronized (this) {
      Line line = lines.computeIfAbsent(namespace, ns -> new Line());
      if (line.running >= perNamespace) {
        line.waiting.add(poll);
        return;
      }
      line.running++;
    }
    start(namespace, poll);
  }

  private void start(String namespace, Runnable poll) {
    try {
      threads.execute(() -> {
        try {
          poll.run();
        } finally {
          next(namespace).ifPresent(following -> start(namespace, following));
        }
      });
    } catch (RuntimeException rejected) {
      next(namespace);
      throw rejected;
    }
  }

  /** A poll of the namespace ended: the next one waiting takes its place, or the place is freed. */
  private synchronized java.util.Optional<Runnable> next(String namespace) {
    Line line = lines.get(namespace);
    Runnable following = line.waiting.poll();
    if (following != null) {
      return java.util.Optional.of(following);
    }
    if (--line.running == 0) {
      lines.remove(namespace);
    }
    return java.util.Optional.empty();
  }

  private static final class Line {
    private int running;
    private final Queue<Runnable> waiting = new ArrayDeque<>();
  }
}
