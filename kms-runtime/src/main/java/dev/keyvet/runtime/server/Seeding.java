package dev.keyvet.runtime.server;

import dev.keyvet.engine.scenario.World;
import dev.keyvet.runtime.KeyStore;
import dev.keyvet.runtime.StoreState;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Seeds a store with a scenario's keys once: a durable store that already holds them keeps them
 * (seeding again would replace their key material and orphan every ciphertext made since).
 */
public final class Seeding {
  private Seeding() {}

  /** What {@link #seedOnce} did. */
  public enum Outcome {
    /** The scenario's keys were added. */
    SEEDED,
    /** The store already held every key of the scenario; nothing was changed. */
    ALREADY_PRESENT,
    /** The scenario declares no keys. */
    NO_KEYS
  }

  /**
   * Adds the scenario's keys unless the store holds them all already; fails when it holds only some
   * of them (a different scenario was seeded into this data directory).
   */
  public static Outcome seedOnce(KeyStore store, World world) {
    Set<String> present = new HashSet<>();
    for (StoreState.Key k : store.snapshot().keys()) {
      present.add(k.arn());
    }
    List<String> wanted = world.keys().stream().map(World.Key::arn).toList();
    if (wanted.isEmpty()) {
      return Outcome.NO_KEYS;
    }
    long have = wanted.stream().filter(present::contains).count();
    if (have == wanted.size()) {
      return Outcome.ALREADY_PRESENT;
    }
    if (have > 0) {
      throw new IllegalStateException(
          "the data directory holds some of the scenario's keys but not all; seed a scenario into"
              + " a new data directory");
    }
    store.seed(world);
    return Outcome.SEEDED;
  }
}
