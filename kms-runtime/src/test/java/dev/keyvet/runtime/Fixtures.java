package dev.keyvet.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyvet.engine.scenario.ScenarioLoader;
import dev.keyvet.engine.scenario.World;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/** Shared test fixtures: a world of callers, a clock the tests move, a seeded random source. */
final class Fixtures {
  private Fixtures() {}

  static final String OWNER = "111122223333";
  static final String PARTNER = "444455556666";
  static final String ADMIN = "arn:aws:iam::111122223333:role/Admin";
  static final String APP = "arn:aws:iam::111122223333:role/App";
  static final String DENIED = "arn:aws:iam::111122223333:role/Denied";
  static final String READER = "arn:aws:iam::444455556666:role/Reader";
  static final String PARTNER_NO_IAM = "arn:aws:iam::444455556666:role/NoIam";
  static final String US = "us-east-1";
  static final String EU = "eu-west-1";

  /** A clock that moves only when told. */
  static final class ManualClock implements TimeSource {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public synchronized Instant now() {
      return now;
    }

    synchronized void advance(Duration d) {
      now = now.plus(d);
    }
  }

  static World world() {
    try {
      Path p = Path.of(Fixtures.class.getResource("/store/world.kvs").toURI());
      World w = ScenarioLoader.fromDisk().load(p, false).world();
      assertThat(w.diagnostics()).isEmpty();
      return w;
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static RandomSource seeded(long seed) {
    Random r = new Random(seed);
    return r::nextBytes;
  }

  static Call as(String caller) {
    return Call.of(caller, US);
  }
}
