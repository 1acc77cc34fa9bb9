package dev.ebb.operator.scaler;

/**
 * Reads one pool's queue. One implementation per queue backend and format, picked by {@link ScalerRegistry}. Every
 * call is bounded by a timeout; a queue that cannot be read throws {@link ScalerException} — never a depth of zero.
 */
public interface QueueScaler extends AutoCloseable {

  QueueReading measure() throws ScalerException;

  /** Releases this scaler's share of its connection. */
  @Override
  void close();
}
