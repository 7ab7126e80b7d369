package dev.keyvet.engine.evalio;

import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.eval.AccessRequest;
import dev.keyvet.engine.eval.Caller;
import dev.keyvet.engine.eval.CallerType;
import dev.keyvet.engine.eval.CompiledPolicy;
import dev.keyvet.engine.eval.ContextDeriver;
import dev.keyvet.engine.eval.Grant;
import dev.keyvet.engine.eval.PolicyKind;
import dev.keyvet.engine.eval.PolicySet;
import dev.keyvet.engine.eval.RequestContext;
import dev.keyvet.engine.model.Arn;
import dev.keyvet.engine.read.PolicyReader;
import dev.keyvet.engine.read.ReadResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads evaluation cases: {@code {"id", "keyPolicy", "identityPolicies", "permissionsBoundary",
 * "sessionPolicy", "scps", "rcps", "grants", "request"}}, or {@code {"id", "input": {case}}}.
 * Policies are given inline or, as strings, by reference through a {@link PolicySource}. Unknown
 * members are errors, so a misspelt {@code "identityPolicy"} never silently drops a policy; {@code
 * "expect"} and {@code "note"} are accepted and ignored (test data carries them). Never throws for
 * bad input; thread-safe.
 */
public final class EvalCaseReader {
  private static final Set<String> CASE_MEMBERS =
      Set.of(
          "id",
          "keyPolicy",
          "identityPolicies",
          "permissionsBoundary",
          "permissionBoundary",
          "sessionPolicy",
          "scps",
          "rcps",
          "grants",
          "request",
          "expect",
          "note");
  private static final Set<String> REQUEST_MEMBERS =
      Set.of("principal", "action", "resource", "resourceAccount", "context", "deriveContext");
  private static final Set<String> GRANT_MEMBERS =
      Set.of("name", "grantee", "operations", "constraints");

  private final JsonMapper mapper =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private final PolicyReader reader;
  private final PolicySource source;

  public EvalCaseReader(PolicyReader reader, PolicySource source) {
    this.reader = reader;
    this.source = source;
  }

  /** Reads one case from JSON text. */
  public EvalCase read(String json) {
    JsonNode node;
    try {
      node = mapper.readTree(json);
    } catch (JacksonException e) {
      String msg = e.getOriginalMessage() == null ? "invalid JSON" : e.getOriginalMessage();
      return invalid("", "the case is not valid JSON: " + msg.lines().findFirst().orElse(""));
    }
    return read(node);
  }

  /** Reads one case from a parsed tree. */
  public EvalCase read(JsonNode node) {
    if (node == null || !node.isObject()) {
      return invalid("", "a case must be a JSON object");
    }
    String id = node.has("id") ? node.get("id").asString() : "";
    JsonNode body = node;
    if (node.has("input")) {
      body = node.get("input");
      for (String name : node.propertyNames()) {
        if (!Set.of("id", "input", "expect", "note").contains(name)) {
          return invalid(id, "unknown member `" + name + "` beside `input`");
        }
      }
      if (!body.isObject()) {
        return invalid(id, "`input` must be an object");
      }
    }
    return new Builder(id).build(body);
  }

  private static EvalCase invalid(String id, String problem) {
    return new EvalCase(id, null, null, List.of(problem), List.of());
  }

  /** Reads one case body. */
  private final class Builder {
    private final String id;
    private final List<String> problems = new ArrayList<>();
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    Builder(String id) {
      this.id = id;
    }

    EvalCase build(JsonNode c) {
      unknown(c, CASE_MEMBERS, "");
      PolicySet.Builder set = PolicySet.builder();
      if (c.has("keyPolicy")) {
        set.keyPolicy(policy(c.get("keyPolicy"), "keyPolicy", PolicyKind.KEY_POLICY));
      }
      JsonNode identity = c.get("identityPolicies");
      if (identity != null) {
        if (!identity.isArray()) {
          problems.add("`identityPolicies` must be an array");
        } else {
          for (int i = 0; i < identity.size(); i++) {
            set.identityPolicy(
                named(identity.get(i), "identityPolicies/" + i, PolicyKind.IDENTITY));
          }
        }
      }
      JsonNode boundary =
          c.has("permissionsBoundary") ? c.get("permissionsBoundary") : c.get("permissionBoundary");
      if (boundary != null && !boundary.isNull()) {
        set.permissionsBoundary(
            policy(boundary, "permissionsBoundary", PolicyKind.PERMISSIONS_BOUNDARY));
      }
      if (c.has("sessionPolicy") && !c.get("sessionPolicy").isNull()) {
        set.sessionPolicy(
            policy(c.get("sessionPolicy"), "sessionPolicy", PolicyKind.SESSION_POLICY));
      }
      levels(c.get("scps"), "scps", PolicyKind.SCP).forEach(set::scpLevel);
      levels(c.get("rcps"), "rcps", PolicyKind.RCP).forEach(set::rcpLevel);
      JsonNode grants = c.get("grants");
      if (grants != null) {
        if (!grants.isArray()) {
          problems.add("`grants` must be an array");
        } else {
          for (int i = 0; i < grants.size(); i++) {
            Grant g = grant(grants.get(i), "grants/" + i);
            if (g != null) {
              set.grant(g);
            }
          }
        }
      }
      AccessRequest request = request(c.get("request"));
      PolicySet policies = set.build();
      if (!problems.isEmpty()) {
        return new EvalCase(id, null, null, problems, diagnostics);
      }
      return new EvalCase(id, policies, request, problems, diagnostics);
    }

    private List<List<CompiledPolicy>> levels(JsonNode node, String path, PolicyKind kind) {
      List<List<CompiledPolicy>> out = new ArrayList<>();
      if (node == null) {
        return out;
      }
      if (!node.isArray()) {
        problems.add("`" + path + "` must be an array of policies, or an array of levels");
        return out;
      }
      boolean nested = node.size() > 0 && node.get(0).isArray();
      if (!nested) {
        List<CompiledPolicy> level = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
          level.add(named(node.get(i), path + "/" + i, kind));
        }
        if (!level.isEmpty()) {
          out.add(level);
        }
        return out;
      }
      for (int l = 0; l < node.size(); l++) {
        JsonNode levelNode = node.get(l);
        if (!levelNode.isArray() || levelNode.isEmpty()) {
          problems.add("`" + path + "/" + l + "` must be a non-empty array of policies");
          continue;
        }
        List<CompiledPolicy> level = new ArrayList<>();
        for (int i = 0; i < levelNode.size(); i++) {
          level.add(named(levelNode.get(i), path + "/" + l + "/" + i, kind));
        }
        out.add(level);
      }
      return out;
    }

    /** A policy, or {@code {"name", "policy"}}. */
    private CompiledPolicy named(JsonNode node, String path, PolicyKind kind) {
      if (node.isObject() && node.has("policy") && !node.has("Statement")) {
        String name = node.has("name") ? node.get("name").asString() : path;
        unknown(node, Set.of("name", "policy"), path);
        return policy(node.get("policy"), name, kind);
      }
      return policy(node, path, kind);
    }

    private CompiledPolicy policy(JsonNode node, String name, PolicyKind kind) {
      byte[] bytes;
      String label = name;
      if (node.isString()) {
        label = node.asString();
        try {
          bytes = source.load(label);
        } catch (IllegalArgumentException e) {
          problems.add("`" + name + "`: " + e.getMessage());
          bytes = "{}".getBytes(StandardCharsets.UTF_8);
        }
      } else if (node.isObject()) {
        bytes = node.toString().getBytes(StandardCharsets.UTF_8);
      } else {
        problems.add("`" + name + "` must be a policy object or a reference");
        bytes = "{}".getBytes(StandardCharsets.UTF_8);
      }
      ReadResult read = reader.read(label, bytes);
      CompiledPolicy compiled = CompiledPolicy.compile(label, kind, read);
      diagnostics.addAll(compiled.errors());
      return compiled;
    }

    private Grant grant(JsonNode g, String path) {
      if (!g.isObject()) {
        problems.add("`" + path + "` must be an object");
        return null;
      }
      unknown(g, GRANT_MEMBERS, path);
      String grantee = text(g, "grantee", path);
      JsonNode ops = g.get("operations");
      Set<String> operations = new LinkedHashSet<>();
      if (ops == null || !ops.isArray() || ops.isEmpty()) {
        problems.add("`" + path + "/operations` must be a non-empty array");
      } else {
        ops.forEach(o -> operations.add(o.asString()));
      }
      Map<String, String> equals = null;
      Map<String, String> subset = null;
      JsonNode constraints = g.get("constraints");
      if (constraints != null && !constraints.isNull()) {
        unknown(
            constraints,
            Set.of("encryptionContextEquals", "encryptionContextSubset"),
            path + "/constraints");
        equals =
            stringMap(
                constraints.get("encryptionContextEquals"),
                path + "/constraints/encryptionContextEquals");
        subset =
            stringMap(
                constraints.get("encryptionContextSubset"),
                path + "/constraints/encryptionContextSubset");
        if (equals != null && subset != null) {
          problems.add(
              "`"
                  + path
                  + "/constraints` may hold only one of encryptionContextEquals and encryptionContextSubset");
        }
      }
      String name = g.has("name") ? g.get("name").asString() : path;
      return grantee == null ? null : new Grant(name, grantee, operations, equals, subset);
    }

    private Map<String, String> stringMap(JsonNode node, String path) {
      if (node == null || node.isNull()) {
        return null;
      }
      Map<String, String> out = new LinkedHashMap<>();
      if (!node.isObject()) {
        problems.add("`" + path + "` must be an object of strings");
        return out;
      }
      node.forEachEntry((k, v) -> out.put(k, v.asString()));
      return out;
    }

    private AccessRequest request(JsonNode r) {
      if (r == null || !r.isObject()) {
        problems.add("`request` must be an object");
        return null;
      }
      unknown(r, REQUEST_MEMBERS, "request");
      String principal = text(r, "principal", "request");
      String action = text(r, "action", "request");
      String resource =
          r.has("resource") && !r.get("resource").isNull() ? r.get("resource").asString() : null;
      RequestContext.Builder ctx = RequestContext.builder();
      JsonNode context = r.get("context");
      if (context != null && !context.isNull()) {
        if (!context.isObject()) {
          problems.add("`request/context` must be an object");
        } else {
          context.forEachEntry((k, v) -> contextValue(ctx, k, v));
        }
      }
      if (principal == null || action == null) {
        return null;
      }
      Caller caller;
      try {
        caller = Caller.parse(principal);
      } catch (IllegalArgumentException e) {
        problems.add("`request/principal`: " + e.getMessage());
        return null;
      }
      RequestContext given = ctx.build();
      String stated = given.value("aws:PrincipalArn");
      if (caller.type() == CallerType.ROLE_SESSION && stated != null && stated.contains(":role/")) {
        caller = caller.withPrincipalArn(stated);
      }
      String account = r.has("resourceAccount") ? r.get("resourceAccount").asString() : null;
      if (account == null && resource != null) {
        account = Arn.tryParse(resource).map(Arn::account).orElse(null);
        if (account == null && !resource.equals("*")) {
          problems.add(
              "`request/resource` `" + resource + "` is not an ARN; give `resourceAccount`");
        }
      }
      if (account == null) {
        account = caller.account();
      }
      boolean derive = !r.has("deriveContext") || r.get("deriveContext").asBoolean();
      String keyArn = resource == null || resource.equals("*") ? null : resource;
      RequestContext effective =
          derive ? ContextDeriver.derive(caller, action, keyArn, account, given) : given;
      return new AccessRequest(caller, action, keyArn, account, effective);
    }

    private void contextValue(RequestContext.Builder ctx, String key, JsonNode v) {
      if (v.isArray()) {
        List<String> values = new ArrayList<>();
        v.forEach(item -> values.add(scalar(item, "request/context/" + key)));
        ctx.put(key, values);
      } else {
        ctx.put(key, scalar(v, "request/context/" + key));
      }
    }

    private String scalar(JsonNode v, String path) {
      if (v.isString() || v.isNumber() || v.isBoolean()) {
        return v.asString();
      }
      problems.add("`" + path + "` must be a string, number, boolean or an array of them");
      return "";
    }

    private String text(JsonNode node, String member, String path) {
      JsonNode v = node.get(member);
      if (v == null || !v.isString() || v.asString().isEmpty()) {
        problems.add(
            "`" + (path.isEmpty() ? "" : path + "/") + member + "` must be a non-empty string");
        return null;
      }
      return v.asString();
    }

    private void unknown(JsonNode node, Set<String> known, String path) {
      for (String name : node.propertyNames()) {
        if (!known.contains(name)) {
          problems.add(
              "unknown member `"
                  + name
                  + "`"
                  + (path.isEmpty() ? "" : " in `" + path + "`")
                  + dev.keyvet.engine.text.DidYouMean.hint(name, known));
        }
      }
    }
  }
}
