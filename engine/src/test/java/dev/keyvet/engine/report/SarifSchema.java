package dev.keyvet.engine.report;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The SARIF 2.1.0 schema, which lives beside the repository in {@code shared/schemas}; found by
 * walking up from the working directory.
 */
final class SarifSchema {
  private static final String FILE = "sarif-schema-2.1.0.json";
  private static Schema schema;

  private SarifSchema() {}

  /** The schema's violations in {@code sarif}, empty when it conforms. */
  static synchronized List<Error> validate(String sarif) {
    if (schema == null) {
      SchemaRegistry registry =
          SchemaRegistry.withDefaultDialect(
              SpecificationVersion.DRAFT_4,
              b -> b.schemaLoader(l -> l.fetchRemoteResources(false)));
      schema =
          registry.getSchema(
              SchemaLocation.of("https://keyvet.dev/test/" + FILE), text(), InputFormat.JSON);
    }
    return schema.validate(sarif, InputFormat.JSON);
  }

  private static String text() {
    try {
      return Files.readString(file());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path file() {
    Path start = Path.of("").toAbsolutePath();
    for (Path p = start; p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared").resolve("schemas").resolve(FILE);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "shared/schemas/"
            + FILE
            + " not found above "
            + start
            + "; it must sit beside the repository");
  }
}
