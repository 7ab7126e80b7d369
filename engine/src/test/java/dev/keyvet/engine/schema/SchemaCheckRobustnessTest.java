package dev.keyvet.engine.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.keyvet.engine.diag.Diagnostic;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@link SchemaCheck} words its findings in keyvet's style, never throws, and can be shared. */
class SchemaCheckRobustnessTest {
  private static final SchemaCheck CHECK = new SchemaCheck();

  /** Wording that would give away the validator or Java behind the check. */
  private static final Pattern FOREIGN =
      Pattern.compile(
          "property '|does not allow|regex|enumeration|found, |\\bexpected\\]|networknt|jackson"
              + "|java\\.|String\\b|Integer|ObjectNode|ArrayNode|JsonNode|\\$defs|\\$ref");

  private static List<Diagnostic> everyCaseFinding() {
    Path dir = TestDocuments.casesDir();
    List<Diagnostic> out = new ArrayList<>();
    for (String name : TestDocuments.jsonFiles(dir)) {
      out.addAll(CHECK.check(name, TestDocuments.read(dir.resolve(name))));
    }
    return out;
  }

  @Test
  void check_messages_followKeyvetStyle() {
    List<Diagnostic> found = everyCaseFinding();

    assertThat(found).isNotEmpty();
    for (Diagnostic d : found) {
      String m = d.message();
      assertThat(m).as("message of %s", d).doesNotEndWith(".").doesNotContain("\n");
      assertThat(Character.isUpperCase(m.charAt(0))).as("capitalised: %s", m).isFalse();
      assertThat(FOREIGN.matcher(m).find()).as("foreign wording in: %s", m).isFalse();
      assertThat(FOREIGN.matcher(d.help()).find()).as("foreign wording in: %s", d.help()).isFalse();
    }
  }

  @Test
  void check_everyFinding_hasAPositionAndAPointerIntoTheDocument() {
    for (Diagnostic d : everyCaseFinding()) {
      assertThat(d.span().isUnknown()).as("position of %s", d).isFalse();
      assertThat(d.span().pointer()).as("pointer of %s", d).matches("|(/[^/]*)+");
    }
  }

  @Test
  void check_mutatedPolicies_neverThrow() {
    String base = TestDocuments.read(TestDocuments.casesDir().resolve("several-problems.json"));
    String alphabet = "{}[]\":,*0 aE\\/~";
    Random random = new Random(20240501);
    for (int i = 0; i < 2_000; i++) {
      StringBuilder b = new StringBuilder(base);
      for (int edits = 1 + random.nextInt(4); edits > 0 && b.length() > 0; edits--) {
        int at = random.nextInt(b.length());
        if (random.nextBoolean()) {
          b.deleteCharAt(at);
        } else {
          b.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
        }
      }
      String text = b.toString();
      assertThatCode(() -> CHECK.check("m.json", text)).as(text).doesNotThrowAnyException();
    }
  }

  @Test
  void check_sharedAcrossThreads_givesTheSameFindings() throws Exception {
    List<Diagnostic> expected = everyCaseFinding();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<Diagnostic>>> runs = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        runs.add(pool.submit(SchemaCheckRobustnessTest::everyCaseFinding));
      }
      for (Future<List<Diagnostic>> run : runs) {
        assertThat(run.get()).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
