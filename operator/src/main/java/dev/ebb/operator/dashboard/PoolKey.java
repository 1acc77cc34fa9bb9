package dev.ebb.operator.dashboard;

import java.util.Comparator;
import java.util.Objects;

/** A pool as the dashboard names it: its namespace ({@code local} under {@code ebb local}) and name. */
public record PoolKey(String namespace, String name) implements Comparable<PoolKey> {

  private static final Comparator<PoolKey> ORDER = Comparator.comparing(PoolKey::namespace)
      .thenComparing(PoolKey::name);

  public PoolKey {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
  }

  @Override
  public int compareTo(PoolKey other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return namespace + "/" + name;
  }
}
