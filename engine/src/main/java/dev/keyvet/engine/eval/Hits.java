package dev.keyvet.engine.eval;

import dev.keyvet.engine.model.Effect;
import java.util.ArrayList;
import java.util.List;

/** What one policy says about a request: its first applicable deny and its allows, by kind. */
final class Hits implements PolicyMatcher.MatchSink {
  int deny = -1;
  int allow = -1;
  int uncapped = -1;
  int role = -1;
  int account = -1;
  final List<int[]> all;

  Hits(boolean keepAll) {
    this.all = keepAll ? new ArrayList<>() : null;
  }

  @Override
  public void accept(int statement, Effect effect, PrincipalMatch match) {
    if (all != null) {
      all.add(new int[] {statement, effect.ordinal(), match.ordinal()});
    }
    if (effect == Effect.DENY) {
      if (deny < 0) {
        deny = statement;
      }
      return;
    }
    if (allow < 0) {
      allow = statement;
    }
    if (match.uncapped() && uncapped < 0) {
      uncapped = statement;
    } else if (match == PrincipalMatch.ROLE && role < 0) {
      role = statement;
    } else if (match == PrincipalMatch.ACCOUNT && account < 0) {
      account = statement;
    }
  }

  boolean allows() {
    return allow >= 0;
  }

  boolean denies() {
    return deny >= 0;
  }
}
