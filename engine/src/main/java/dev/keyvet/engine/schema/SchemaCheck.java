package dev.keyvet.engine.schema;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.read.PolicyReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Checks a key policy against keyvet's JSON Schema for KMS key policies, the schema editors use.
 *
 * <p>Every schema violation becomes a diagnostic with the code, position and JSON pointer the
 * {@link PolicyReader} gives for the same problem, so that the two can be compared; the reader
 * stays authoritative and finds more. Text that is not JSON the reader would parse yields no
 * diagnostics (the reader reports it). {@link #check} never throws for any text.
 *
 * <p>The schema is loaded once per instance; instances are immutable and thread-safe.
 */
public final class SchemaCheck {
  /** The schema's {@code $id}. */
  public static final String SCHEMA_ID = "https://keyvet.dev/schemas/kms-key-policy.schema.json";

  /** Where the schema is on the class path (and in the engine jar). */
  public static final String RESOURCE = "/dev/keyvet/engine/schema/kms-key-policy.schema.json";

  private final Schema schema;

  /** Loads and prepares the schema; fails only if the engine jar itself is broken. */
  public SchemaCheck() {
    SchemaRegistry registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaLoader(loader -> loader.fetchRemoteResources(false)));
    this.schema = registry.getSchema(SchemaLocation.of(SCHEMA_ID), schemaText(), InputFormat.JSON);
    this.schema.initializeValidators();
  }

  /** The schema document, exactly as shipped. */
  public static String schemaText() {
    try (InputStream in = SchemaCheck.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the key policy schema is missing from the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The schema violations in {@code text}, sorted by position; empty when it conforms or is not
   * JSON. Where a value has the wrong type, only that is reported for it.
   */
  public List<Diagnostic> check(String file, String text) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(text, "text");
    LocatedTree tree = LocatedTree.parse(file, text);
    if (tree == null) {
      return List.of();
    }
    List<Error> errors;
    try {
      errors = schema.validate(tree.root());
    } catch (RuntimeException e) {
      // The validator's own failures (limits, internal errors) are not findings about the policy.
      return List.of();
    }
    ErrorTranslator translator = new ErrorTranslator(schema.getSchemaNode(), tree);
    Set<String> wrongType = new HashSet<>();
    for (Error e : errors) {
      if ("type".equals(e.getKeyword())) {
        wrongType.add(Paths.pointer(e.getInstanceLocation()));
      }
    }
    Set<Diagnostic> out = new LinkedHashSet<>();
    Set<String> typeReported = new HashSet<>();
    for (Error e : errors) {
      String pointer = Paths.pointer(e.getInstanceLocation());
      boolean isType = "type".equals(e.getKeyword());
      if (isType ? !typeReported.add(pointer) : wrongType.contains(pointer)) {
        continue;
      }
      try {
        out.add(translator.translate(e));
      } catch (RuntimeException ex) {
        // An error that cannot be placed is skipped; the reader reports the problem itself.
      }
    }
    List<Diagnostic> sorted = new ArrayList<>(out);
    sorted.sort(null);
    return List.copyOf(sorted);
  }
}
