package dev.keyvet.engine.read;

import java.util.Arrays;
import java.util.List;

/**
 * Where the builders collect the elements of the model's lists while reading: one stack shared by
 * every list being built, as lists are finished innermost first. A list is begun with {@link
 * #mark()}, grown with {@link #push}, and taken off with {@link #pop}, which makes the immutable
 * list the model keeps (so its {@code List.copyOf} copies nothing) with one copy at most.
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

  /** How many items were pushed since {@code mark}. */
  int size(int mark) {
    return top - mark;
  }

  /** The items pushed since {@code mark}, in order, as an immutable list; they leave the stack. */
  @SuppressWarnings("unchecked")
  <T> List<T> pop(int mark) {
    List<Object> list;
    switch (top - mark) {
      case 0:
        list = List.of();
        break;
      case 1:
        list = List.of(items[mark]);
        break;
      case 2:
        list = List.of(items[mark], items[mark + 1]);
        break;
      default:
        list = List.of(Arrays.copyOfRange(items, mark, top));
    }
    Arrays.fill(items, mark, top, null);
    top = mark;
    return (List<T>) list;
  }
}
