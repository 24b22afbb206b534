package io.telemetra.sim;

/** A small open-addressing map from long keys to int values, without boxing. 0 means absent. */
final class LongIntMap {
  private long[] keys = new long[16];
  private int[] values = new int[16];
  private boolean[] used = new boolean[16];
  private int size;

  int get(long key, int absent) {
    int mask = keys.length - 1;
    for (int i = (int) Hash.mix(key) & mask; used[i]; i = (i + 1) & mask) {
      if (keys[i] == key) {
        return values[i];
      }
    }
    return absent;
  }

  void put(long key, int value) {
    if (2 * (size + 1) > keys.length) {
      grow();
    }
    int mask = keys.length - 1;
    int i = (int) Hash.mix(key) & mask;
    while (used[i]) {
      if (keys[i] == key) {
        values[i] = value;
        return;
      }
      i = (i + 1) & mask;
    }
    used[i] = true;
    keys[i] = key;
    values[i] = value;
    size++;
  }

  private void grow() {
    long[] k = keys;
    int[] v = values;
    boolean[] u = used;
    keys = new long[k.length * 2];
    values = new int[k.length * 2];
    used = new boolean[k.length * 2];
    size = 0;
    for (int i = 0; i < k.length; i++) {
      if (u[i]) {
        put(k[i], v[i]);
      }
    }
  }
}
