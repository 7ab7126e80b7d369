package dev.keyvet.engine.read;

import java.util.Arrays;
import java.util.List;

/**
 * Where the builders collect the elements of the model's lists while reading: one stack shared by
 * every list being built, as lists are finished innermost first. A list is begun with {@link
 * #mark()}, grown with {@link #push}, and taken off with {@link #pop}, which makes the immutable
 * list the model keeps (so its {@code List.copyOf} copies nothing).
 */
final class ListStack {
  private Object[] items = new Object[32];
  private int top;

  /** Where a new list begins. */
  int mark() {
    return top;
  }

  void push(Object item) {
    if (top == items.length) {
      items = Arrays.copyOf(items, top * 2);
    }
    items[top++] = item;
  }

  /**
   * The items pushed since {@code mark}, in order, as an immutable list; they leave the stack. Up
   * to ten items go through {@code List.of}'s fixed-arity forms, which build the list's array
   * directly instead of copying one given to them.
   */
  @SuppressWarnings("unchecked")
  <T> List<T> pop(int mark) {
    int n = top - mark;
    List<Object> list = n <= 10 ? small(mark, n) : List.of(Arrays.copyOfRange(items, mark, top));
    Arrays.fill(items, mark, top, null);
    top = mark;
    return (List<T>) list;
  }

  private List<Object> small(int m, int n) {
    Object[] a = items;
    switch (n) {
      case 0:
        return List.of();
      case 1:
        return List.of(a[m]);
      case 2:
        return List.of(a[m], a[m + 1]);
      case 3:
        return List.of(a[m], a[m + 1], a[m + 2]);
      case 4:
        return List.of(a[m], a[m + 1], a[m + 2], a[m + 3]);
      case 5:
        return List.of(a[m], a[m + 1], a[m + 2], a[m + 3], a[m + 4]);
      case 6:
        return List.of(a[m], a[m + 1], a[m + 2], a[m + 3], a[m + 4], a[m + 5]);
      case 7:
        return List.of(a[m], a[m + 1], a[m + 2], a[m + 3], a[m + 4], a[m + 5], a[m + 6]);
      case 8:
        return List.of(a[m], a[m + 1], a[m + 2], a[m + 3], a[m + 4], a[m + 5], a[m + 6], a[m + 7]);
      case 9:
        return List.of(
            a[m], a[m + 1], a[m + 2], a[m + 3], a[m + 4], a[m + 5], a[m + 6], a[m + 7], a[m + 8]);
      default:
        return List.of(
            a[m], a[m + 1], a[m + 2], a[m + 3], a[m + 4], a[m + 5], a[m + 6], a[m + 7], a[m + 8],
            a[m + 9]);
    }
  }
}
