package io.telemetra.sim;

/**
 * A Fenwick tree of non-negative weights: O(log n) update and O(log n) selection of an index with
 * probability proportional to its weight.
 */
final class WeightTree {
  private final double[] tree;
  private final double[] weight;
  private final int top;
  private double total;

  WeightTree(int n) {
    tree = new double[n + 1];
    weight = new double[n];
    top = Integer.highestOneBit(Math.max(1, n));
  }

  double total() {
    return total;
  }

  double get(int i) {
    return weight[i];
  }

  void set(int i, double w) {
    double delta = w - weight[i];
    if (delta == 0) {
      return;
    }
    weight[i] = w;
    total += delta;
    for (int k = i + 1; k < tree.length; k += k & -k) {
      tree[k] += delta;
    }
  }

  /** The index whose cumulative range contains {@code x} (0 <= x < total). */
  int find(double x) {
    int pos = 0;
    for (int step = top; step > 0; step >>= 1) {
      int next = pos + step;
      if (next < tree.length && tree[next] <= x) {
        pos = next;
        x -= tree[next];
      }
    }
    return Math.min(pos, weight.length - 1);
  }

  /** Recomputes the running total from the weights (cancels floating-point drift). */
  void resum() {
    double s = 0;
    for (double w : weight) {
      s += w;
    }
    total = s;
  }
}
