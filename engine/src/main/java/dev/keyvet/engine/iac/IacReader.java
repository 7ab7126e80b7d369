package dev.keyvet.engine.iac;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.diag.SourceSpan;
import dev.keyvet.engine.iac.Node.Obj;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Finds key policies in infrastructure-as-code files: CloudFormation templates (JSON or YAML) and
 * Terraform configurations (native {@code .tf} or {@code .tf.json}). Tells a file's kind from its
 * name and content, and reads each key it defines with its settings and its policy laid out at its
 * place in the file. Never throws for bad input: a file that does not parse is one KP001 at the
 * position it stopped at; a policy keyvet cannot resolve is a KP015. Thread-safe.
 */
public final class IacReader {
  private IacReader() {}

  /** What a file is. */
  public enum Kind {
    /** A key policy (or something meant to be one: invalid JSON, a bare list of statements). */
    POLICY,
    /** A CloudFormation template. */
    CLOUDFORMATION,
    /** A Terraform configuration. */
    TERRAFORM,
    /** Data that is neither: a JSON or YAML file without a {@code Statement} or resources. */
    OTHER
  }

  private static final JsonFactory JSON = JsonFactory.builder().build();

  /** The kind of the file named {@code name} with {@code content}. */
  public static Kind kind(String name, byte[] content) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".tf")) {
      return Kind.TERRAFORM;
    }
    String text = text(content);
    int first = firstNonBlank(text);
    boolean json =
        first < text.length() && (text.charAt(first) == '{' || text.charAt(first) == '[');
    if (json) {
      if (text.contains("\"Statement\"")
          && !text.contains("\"Resources\"")
          && !text.contains("\"resource\"")) {
        return Kind.POLICY;
      }
      return jsonKind(lower, text);
    }
    if (lower.endsWith(".json")) {
      return Kind.POLICY;
    }
    if (lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".template")) {
      try {
        Node root = TreeReader.yaml(text);
        return CloudFormation.isTemplate(root) ? Kind.CLOUDFORMATION : Kind.OTHER;
      } catch (IacSyntaxException e) {
        return looksLikeTemplate(text) ? Kind.CLOUDFORMATION : Kind.OTHER;
      }
    }
    return Kind.OTHER;
  }

  /**
   * True when a directory search should pick up the file: a policy, or a template or configuration
   * that defines KMS keys, aliases or key policies. Other JSON and YAML (package manifests,
   * keyvet's own settings) is left alone.
   */
  public static boolean worthLinting(String name, byte[] content) {
    switch (kind(name, content)) {
      case POLICY:
        return true;
      case CLOUDFORMATION:
        return text(content).contains("AWS::KMS::");
      case TERRAFORM:
        return text(content).contains("aws_kms_");
      default:
        return false;
    }
  }

  /** Reads a file of {@code kind}: every key it defines, or the reason it could not be read. */
  public static IacDocument read(String file, byte[] content, Kind kind) {
    String text = text(content);
    List<Diagnostic> out = new ArrayList<>();
    List<EmbeddedPolicy> policies = List.of();
    try {
      switch (kind) {
        case CLOUDFORMATION -> {
          Node root = json(text) ? TreeReader.json(text) : TreeReader.yaml(text);
          if (root instanceof Obj o && CloudFormation.isTemplate(o)) {
            policies = CloudFormation.extract(file, o, out);
          }
        }
        case TERRAFORM -> {
          Node root =
              file.toLowerCase(Locale.ROOT).endsWith(".tf")
                  ? HclParser.parse(text)
                  : TreeReader.json(text);
          if (root instanceof Obj o) {
            policies = Terraform.extract(file, o, out);
          }
        }
        default -> {}
      }
    } catch (IacSyntaxException e) {
      String what =
          kind == Kind.TERRAFORM && file.toLowerCase(Locale.ROOT).endsWith(".tf")
              ? "HCL syntax error: "
              : "";
      out.add(
          Diagnostic.of(
                  Code.KP001, SourceSpan.at(file, e.line(), e.column(), ""), what + e.getMessage())
              .withHelp(
                  kind == Kind.TERRAFORM
                      ? "keyvet reads the keys of a Terraform file only when the whole file parses"
                      : "keyvet reads the keys of a template only when the whole file parses"));
    }
    return new IacDocument(kind, policies, out);
  }

  private static Kind jsonKind(String lower, String text) {
    try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), text)) {
      JsonToken t = p.nextToken();
      if (t != JsonToken.START_OBJECT) {
        return Kind.POLICY;
      }
      boolean statement = false;
      boolean resources = false;
      boolean terraform = false;
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        String name = p.currentName();
        statement |= name.equals("Statement");
        resources |= name.equals("Resources");
        terraform |= name.equals("resource") || name.equals("data");
        p.nextToken();
        p.skipChildren();
      }
      if (resources && !statement) {
        return Kind.CLOUDFORMATION;
      }
      if ((terraform || lower.endsWith(".tf.json")) && !statement) {
        return Kind.TERRAFORM;
      }
      return statement ? Kind.POLICY : Kind.OTHER;
    } catch (JacksonException e) {
      if (lower.endsWith(".tf.json")) {
        return Kind.TERRAFORM;
      }
      if (!lower.endsWith(".json") && looksLikeTemplate(text)) {
        return Kind.CLOUDFORMATION;
      }
      return lower.endsWith(".json") || text.contains("Statement") ? Kind.POLICY : Kind.OTHER;
    }
  }

  private static boolean looksLikeTemplate(String text) {
    return text.contains("AWSTemplateFormatVersion") || CloudFormation.mentionsKms(text);
  }

  private static boolean json(String text) {
    int first = firstNonBlank(text);
    return first < text.length() && text.charAt(first) == '{';
  }

  private static int firstNonBlank(String text) {
    int i = 0;
    while (i < text.length()
        && (Character.isWhitespace(text.charAt(i)) || text.charAt(i) == '\uFEFF')) {
      i++;
    }
    return i;
  }

  private static String text(byte[] content) {
    String s = new String(content, StandardCharsets.UTF_8);
    return !s.isEmpty() && s.charAt(0) == '\uFEFF' ? s.substring(1) : s;
  }
}
