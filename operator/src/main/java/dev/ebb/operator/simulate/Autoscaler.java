package dev.ebb.operator.simulate;

/** A sizing behaviour under simulation, asked once per simulated second (it keeps its own polling periods). */
interface Autoscaler {

  /** The name in reports, e.g. {@code ebb} or {@code hpa-keda}. */
  String name();

  /** The replicas the pool should run from {@code second} on; return {@code pool.replicas()} to leave it. */
  int onSecond(long second, PoolView pool);
}
