package io.telemetra.sim;

import java.util.Arrays;

/** An indexed binary min-heap of channels keyed by the time of their next scheduled change. */
final class TimerHeap {
  private final int[] heap;
  private final int[] pos;
  private final long[] key;
  private int size;

  TimerHeap(int n) {
    heap = new int[n];
    pos = new int[n];
    key = new long[n];
    Arrays.fill(pos, -1);
  }

  boolean isEmpty() {
    return size == 0;
  }

  int min() {
    return heap[0];
  }

  long minKey() {
    return key[heap[0]];
  }

  /** Inserts {@code c} or moves it to its new key. */
  void set(int c, long k) {
    if (pos[c] < 0) {
      key[c] = k;
      heap[size] = c;
      pos[c] = size;
      up(size++);
    } else {
      long old = key[c];
      key[c] = k;
      if (k < old) {
        up(pos[c]);
      } else {
        down(pos[c]);
      }
    }
  }

  private void up(int i) {
    int c = heap[i];
    while (i > 0) {
      int p = (i - 1) >>> 1;
      int pc = heap[p];
      if (less(pc, c)) {
        break;
      }
      heap[i] = pc;
      pos[pc] = i;
      i = p;
    }
    heap[i] = c;
    pos[c] = i;
  }

  private void down(int i) {
    int c = heap[i];
    while (true) {
      int l = 2 * i + 1;
      if (l >= size) {
        break;
      }
      int r = l + 1;
      int m = r < size && less(heap[r], heap[l]) ? r : l;
      if (!less(heap[m], c)) {
        break;
      }
      heap[i] = heap[m];
      pos[heap[i]] = i;
      i = m;
    }
    heap[i] = c;
    pos[c] = i;
  }

  /** Total order: by key, then by channel index (so ties pop deterministically). */
  private boolean less(int a, int b) {
    return key[a] < key[b] || key[a] == key[b] && a < b;
  }
}
