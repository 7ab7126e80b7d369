package dev.keyvet.engine.read;

import dev.keyvet.engine.diag.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The diagnostics of one policy build, in the order a reader that saw the whole document first
 * would report them. A streaming build sometimes learns late what belongs early, so it can reserve
 * a slot to {@link #fill} later, and {@link #withdraw} what it reported for a value that turned out
 * to be ignored. Slots never filled and withdrawn entries are left out of {@link #drainTo}.
 */
final class Findings implements Consumer<Diagnostic> {
  private final List<Diagnostic> list = new ArrayList<>();

  @Override
  public void accept(Diagnostic d) {
    list.add(d);
  }

  /** How many entries, slots included, there are so far: a mark for {@link #withdraw}. */
  int mark() {
    return list.size();
  }

  /** Reserves the next position for a diagnostic known later; returns the slot. */
  int reserve() {
    list.add(null);
    return list.size() - 1;
  }

  /** Puts {@code d} in a reserved slot. */
  void fill(int slot, Diagnostic d) {
    list.set(slot, d);
  }

  /** Takes back the entries from mark {@code from} (inclusive) to mark {@code to} (exclusive). */
  void withdraw(int from, int to) {
    for (int i = from; i < to; i++) {
      list.set(i, null);
    }
  }

  /** Appends every diagnostic, in order, to {@code out}. */
  void drainTo(List<Diagnostic> out) {
    for (Diagnostic d : list) {
      if (d != null) {
        out.add(d);
      }
    }
  }
}
