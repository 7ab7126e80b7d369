package dev.keyvet.engine.read;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.diag.LineMap;
import dev.keyvet.engine.diag.SourceSpan;
import dev.keyvet.engine.model.PolicyDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;

/**
 * Parses JSON text straight into the policy model, in one pass over Jackson's token stream with no
 * tree in between. Strict JSON only (no comments, no trailing commas). Duplicate member names,
 * exact or differing only in case, are reported as KP002 and the later member is dropped, value and
 * all.
 *
 * <p>A document is a policy only if it is JSON throughout: a syntax error ends the read with one
 * KP001 at the exact position, and exceeding a {@link ReadLimits} bound ends it with KP003
 * (nesting) or KP012 (size); only the KP002s found before that point are reported with it, no
 * finding about the policy. Otherwise the findings are the KP002s in document order, then the
 * builders'. Thread-safe and reusable.
 */
final class PolicyParser {
  private final JsonFactory factory;
  private final ReadLimits limits;

  PolicyParser(ReadLimits limits) {
    this.limits = limits;
    this.factory =
        JsonFactory.builder()
            // Member names are then the very strings of the builders' switch labels, so the
            // labels match on identity; the factory's symbol table keeps them across reads.
            .enable(TokenStreamFactory.Feature.INTERN_PROPERTY_NAMES)
            .streamReadConstraints(limits.constraints())
            .build();
  }

  /** The model of {@code text}, or null after adding why there is none to {@code out}. */
  PolicyDocument read(String file, String text, List<Diagnostic> out) {
    return parse(file, text, null, out);
  }

  /**
   * As {@link #read(String, String, List)} for plain ASCII {@code bytes}, whose text is {@code
   * text}; Jackson parses the bytes.
   */
  PolicyDocument read(String file, AsciiText text, byte[] bytes, List<Diagnostic> out) {
    return parse(file, text, bytes, out);
  }

  private PolicyDocument parse(String file, CharSequence text, byte[] bytes, List<Diagnostic> out) {
    LineMap lines = LineMap.of(text);
    Pass first = pass(file, text, bytes, lines, false);
    Pass done = first.rereadWithVariables ? pass(file, text, bytes, lines, true) : first;
    out.addAll(done.found);
    return done.policy;
  }

  /** One read of the document: its model, findings, and whether to read it again. */
  private static final class Pass {
    final List<Diagnostic> found = new ArrayList<>();
    TokenCursor cursor;
    PolicyDocument policy;
    boolean rereadWithVariables;

    /** Ends the pass without a model: the duplicates found before the failure, then {@code why}. */
    void fail(Diagnostic why) {
      if (cursor != null) {
        found.addAll(cursor.duplicates());
      }
      found.add(why);
    }
  }

  /**
   * Reads the document once; with {@code variablesKnown}, statements expand policy variables
   * wherever the {@code Version} enabling them is written.
   */
  private Pass pass(
      String file, CharSequence text, byte[] bytes, LineMap lines, boolean variablesKnown) {
    Pass pass = new Pass();
    try (JsonParser p = open(text, bytes)) {
      if (p.nextToken() == null) {
        pass.fail(
            Diagnostic.of(Code.KP001, SourceSpan.at(file, 1, 1, ""), "the document is empty")
                .withHelp("a key policy is a JSON object with a `Statement`"));
        return pass;
      }
      pass.cursor =
          new TokenCursor(
              file, bytes, bytes == null ? (String) text : null, lines, p, limits.maxStringChars());
      build(pass, file, p, variablesKnown);
    } catch (StreamConstraintsException e) {
      pass.fail(limitDiagnostic(file, e));
    } catch (JacksonException e) {
      pass.fail(SyntaxMessages.diagnostic(file, text, e));
    }
    return pass;
  }

  /**
   * Builds the model from the parser on the document's first token, then checks for trailing text.
   */
  private static void build(Pass pass, String file, JsonParser p, boolean variablesKnown) {
    Findings built = new Findings();
    PolicyBuilder builder =
        new PolicyBuilder(new ElementReader(pass.cursor, built), variablesKnown, variablesKnown);
    PolicyDocument policy = builder.build();
    if (p.nextToken() != null) {
      TokenStreamLocation at = p.currentTokenLocation();
      pass.fail(
          Diagnostic.of(
              Code.KP001,
              SourceSpan.at(file, at.getLineNr(), at.getColumnNr(), ""),
              "unexpected text after the end of the document"));
      return;
    }
    pass.rereadWithVariables = builder.builtUnderWrongVersion();
    pass.found.addAll(pass.cursor.duplicates());
    built.drainTo(pass.found);
    pass.policy = policy;
  }

  private JsonParser open(CharSequence text, byte[] bytes) {
    return bytes != null
        ? factory.createParser(ObjectReadContext.empty(), bytes)
        : factory.createParser(ObjectReadContext.empty(), (String) text);
  }

  private Diagnostic limitDiagnostic(String file, StreamConstraintsException e) {
    TokenStreamLocation at = e.getLocation();
    SourceSpan span =
        at == null || at.getLineNr() < 1
            ? SourceSpan.at(file, 1, 1, "")
            : SourceSpan.at(file, at.getLineNr(), Math.max(1, at.getColumnNr()), "");
    String msg = e.getOriginalMessage().toLowerCase(Locale.ROOT);
    if (msg.contains("nesting depth")) {
      return Diagnostic.of(
          Code.KP003,
          span,
          "nesting deeper than "
              + limits.maxNestingDepth()
              + " levels; no key policy nests so deep");
    }
    return Diagnostic.of(
            Code.KP012, span, "the document exceeds keyvet's input limits and was not read")
        .withHelp("a key policy is at most 32,768 bytes");
  }
}
