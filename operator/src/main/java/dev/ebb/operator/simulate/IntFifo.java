package dev.ebb.operator.simulate;

import java.util.NoSuchElementException;

/** A first-in first-out queue of ints (job numbers) on a growable ring buffer: no boxing for 100,000s of jobs. */
final class IntFifo {

  private int[] ring = new int[1024];
  private int head;
  private int size;

  void add(int value) {
    if (size == ring.length) {
      int[] grown = new int[ring.length * 2];
      for (int i = 0; i < size; i++) {
        grown[i] = ring[(head + i) % ring.length];
      }
      ring = grown;
      head = 0;
    }
    ring[(head + size) % ring.length] = value;
    size++;
  }

  int peek() {
    if (size == 0) {
      throw new NoSuchElementException();
    }
    return ring[head];
  }

  int poll() {
    int value = peek();
    head = (head + 1) % ring.length;
    size--;
    return value;
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** The values in queue order (for the end-of-run accounting of jobs that never started). */
  int[] toArray() {
    int[] values = new int[size];
    for (int i = 0; i < size; i++) {
      values[i] = ring[(head + i) % ring.length];
    }
    return values;
  }
}
