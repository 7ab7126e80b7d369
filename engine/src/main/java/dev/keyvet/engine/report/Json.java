package dev.keyvet.engine.report;

import java.io.IOException;
import java.io.Writer;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON writing the JSON and SARIF reports share: two-space indentation with {@code \n} on every
 * platform, {@code "name": value}, every array item on a line of its own, a final line break.
 */
final class Json {
  static final JsonMapper MAPPER = JsonMapper.builder().build();

  private static final ObjectWriter WRITER = MAPPER.writer().with(prettyPrinter());

  private Json() {}

  static void write(ObjectNode root, Writer out) throws IOException {
    out.write(WRITER.writeValueAsString(root));
    out.write('\n');
  }

  private static DefaultPrettyPrinter prettyPrinter() {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    Separators separators =
        Separators.createDefaultInstance()
            .withObjectNameValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator("");
    return new DefaultPrettyPrinter(separators)
        .withObjectIndenter(indenter)
        .withArrayIndenter(indenter);
  }
}
