package dev.ebb.operator.memory;

/**
 * Something the operator remembers per pool (a status last written, restarts of the last minute, a cached password):
 * forgotten once the pool is gone, so that pools created and deleted all day do not grow the heap.
 */
public interface PerPoolMemory {

  /** Forgets every pool that is not among {@code live}; a pool deleted and created again has a new uid. */
  void forgetAllBut(LivePools live);
}
