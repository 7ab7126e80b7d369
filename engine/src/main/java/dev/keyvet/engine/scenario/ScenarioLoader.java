package dev.keyvet.engine.scenario;

import dev.keyvet.engine.catalog.KmsCatalog;
import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.diag.SourceSpan;
import dev.keyvet.engine.eval.CompiledPolicy;
import dev.keyvet.engine.eval.PolicyKind;
import dev.keyvet.engine.read.ReadResult;
import dev.keyvet.engine.scenario.Ast.Located;
import dev.keyvet.engine.scenario.World.Account;
import dev.keyvet.engine.scenario.World.Identity;
import dev.keyvet.engine.scenario.World.IdentityKind;
import dev.keyvet.engine.scenario.World.LoadedPolicy;
import dev.keyvet.engine.text.DidYouMean;
import dev.keyvet.engine.validate.PolicyValidator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Loads scenario and suite files into a {@link World}: follows {@code scenario "file"} references,
 * reads every policy (paths relative to the file that names them, or inline JSON), checks names and
 * values, and resolves grantees. Every problem is a diagnostic with a location; nothing throws for
 * bad input. Not thread-safe: one loader per load.
 */
public final class ScenarioLoader {
  /** Reads files; tests and embedders may supply their own. */
  @FunctionalInterface
  public interface Files {
    byte[] read(Path path) throws IOException;
  }

  static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
  static final Pattern ORG_ID = Pattern.compile("o-[a-z0-9]{10,32}");
  static final Pattern ROOT_ID = Pattern.compile("r-[0-9a-z]{4,32}");
  static final Pattern OU_ID = Pattern.compile("ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}");
  static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d");
  static final Pattern IAM_NAME = Pattern.compile("[\\w+=,.@-]{1,128}");
  static final Pattern KEY_ID =
      Pattern.compile(
          "(mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");
  static final Set<String> SPECS =
      Set.of(
          "SYMMETRIC_DEFAULT",
          "RSA_2048",
          "RSA_3072",
          "RSA_4096",
          "ECC_NIST_P256",
          "ECC_NIST_P384",
          "ECC_NIST_P521",
          "ECC_SECG_P256K1",
          "HMAC_224",
          "HMAC_256",
          "HMAC_384",
          "HMAC_512",
          "SM2");
  static final Set<String> USAGES =
      Set.of("ENCRYPT_DECRYPT", "SIGN_VERIFY", "GENERATE_VERIFY_MAC", "KEY_AGREEMENT");
  static final Set<String> ORIGINS =
      Set.of("AWS_KMS", "EXTERNAL", "AWS_CLOUDHSM", "EXTERNAL_KEY_STORE");

  private final Files files;
  private final PolicyValidator validator = new PolicyValidator();
  private final List<Diagnostic> diagnostics = new ArrayList<>();
  private final List<Account> accounts = new ArrayList<>();
  private final List<Identity> identities = new ArrayList<>();
  private final List<World.Key> keys = new ArrayList<>();
  private final List<PendingKey> pendingKeys = new ArrayList<>();
  private final Set<Path> loaded = new HashSet<>();
  private final Map<String, String> texts = new HashMap<>();
  private final List<Ast.Expectation> expectations = new ArrayList<>();

  public ScenarioLoader(Files files) {
    this.files = files;
  }

  /** A loader that reads the file system. */
  public static ScenarioLoader fromDisk() {
    return new ScenarioLoader(java.nio.file.Files::readAllBytes);
  }

  /** What a load produced: the world and the expectations of the files read. */
  public record Loaded(World world, List<Ast.Expectation> expectations) {
    public Loaded {
      expectations = List.copyOf(expectations);
    }
  }

  /**
   * Loads a scenario file ({@code allowExpectations} false) or a suite file (true) and everything
   * it references.
   */
  public Loaded load(Path file, boolean allowExpectations) {
    include(file, null, allowExpectations, true);
    return finish();
  }

  /** Loads a file given as text (its references are read from disk relative to {@code file}). */
  public Loaded load(Path file, String text, boolean allowExpectations) {
    loaded.add(file.toAbsolutePath().normalize());
    parseAndAdd(file, text, allowExpectations);
    return finish();
  }

  private Loaded finish() {
    for (PendingKey p : pendingKeys) {
      keys.add(p.resolve());
    }
    pendingKeys.clear();
    checkUniqueKeys();
    return new Loaded(new World(accounts, identities, keys, diagnostics), expectations);
  }

  private void include(Path file, Located from, boolean allowExpectations, boolean top) {
    Path abs = file.toAbsolutePath().normalize();
    if (!loaded.add(abs)) {
      return;
    }
    byte[] bytes;
    try {
      bytes = files.read(file);
    } catch (IOException e) {
      SourceSpan at = from != null ? from.span() : new SourceSpan(file.toString(), 0, 0, 0, 0, "");
      String named = from != null ? from.value() : file.toString();
      error(Code.KV005, at, "cannot read scenario `" + named + "`: " + reason(e));
      return;
    }
    parseAndAdd(file, new String(bytes, StandardCharsets.UTF_8), allowExpectations && top);
  }

  private void parseAndAdd(Path file, String text, boolean allowExpectations) {
    String name = file.toString();
    texts.put(name, text);
    KeyvetSyntax.Parsed<Ast.File> parsed = KeyvetSyntax.parseFile(name, text);
    diagnostics.addAll(parsed.diagnostics());
    if (!parsed.ok()) {
      return;
    }
    Ast.File ast = parsed.value();
    Path dir = file.toAbsolutePath().getParent();
    for (Located use : ast.uses()) {
      include(dir.resolve(use.value()).normalize(), use, false, false);
    }
    for (Ast.Organization org : ast.organizations()) {
      organization(dir, org);
    }
    for (Ast.Account a : ast.accounts()) {
      account(dir, a, "", "", List.of(), List.of());
    }
    if (allowExpectations) {
      expectations.addAll(ast.expectations());
    } else {
      for (Ast.Expectation x : ast.expectations()) {
        error(
            Code.KV006,
            x.span(),
            "expectations belong in a suite (a `.kvt` file), not in a scenario");
      }
    }
  }

  private void organization(Path dir, Ast.Organization org) {
    String id = org.id().value();
    check(ORG_ID, org.id(), "organization ID", "o-exampleorgid");
    String root = org.rootId() == null ? "r-0000" : org.rootId().value();
    if (org.rootId() != null) {
      check(ROOT_ID, org.rootId(), "root ID", "r-ab12");
    }
    String path = id + "/" + root + "/";
    Level level = new Level(dir, org.policies());
    walk(dir, id, path, org.ous(), org.accounts(), List.of(level));
  }

  private void walk(
      Path dir,
      String orgId,
      String path,
      List<Ast.Ou> ous,
      List<Ast.Account> members,
      List<Level> levels) {
    for (Ast.Account a : members) {
      account(dir, a, orgId, path, levels, levels);
    }
    for (Ast.Ou ou : ous) {
      check(OU_ID, ou.id(), "OU ID", "ou-ab12-11111111");
      List<Level> deeper = new ArrayList<>(levels);
      deeper.add(new Level(dir, ou.policies()));
      walk(dir, orgId, path + ou.id().value() + "/", ou.ous(), ou.accounts(), deeper);
    }
  }

  /** The policies of one level of the organization, loaded once. */
  private final class Level {
    final List<LoadedPolicy> scps = new ArrayList<>();
    final List<LoadedPolicy> rcps = new ArrayList<>();

    Level(Path dir, Ast.Attachments a) {
      for (Ast.PolicySource s : a.scps()) {
        scps.add(policy(dir, s, PolicyKind.SCP));
      }
      for (Ast.PolicySource s : a.rcps()) {
        rcps.add(policy(dir, s, PolicyKind.RCP));
      }
    }
  }

  private void account(
      Path dir,
      Ast.Account a,
      String orgId,
      String orgPath,
      List<Level> scpLevels,
      List<Level> rcpLevels) {
    String id = a.id().value();
    if (!ACCOUNT_ID.matcher(id).matches()) {
      error(Code.KV004, a.id().span(), "an account ID has 12 digits, not `" + id + "`");
    }
    for (Account other : accounts) {
      if (other.id().equals(id)) {
        error(
            Code.KV003,
            a.id().span(),
            "account " + id + " is declared twice (first at " + other.span().location() + ")");
        return;
      }
    }
    Level own = new Level(dir, a.policies());
    List<List<LoadedPolicy>> scps = new ArrayList<>();
    for (Level l : scpLevels) {
      if (!l.scps.isEmpty()) {
        scps.add(l.scps);
      }
    }
    if (!own.scps.isEmpty()) {
      scps.add(own.scps);
    }
    List<List<LoadedPolicy>> rcps = new ArrayList<>();
    for (Level l : rcpLevels) {
      if (!l.rcps.isEmpty()) {
        rcps.add(l.rcps);
      }
    }
    if (!own.rcps.isEmpty()) {
      rcps.add(own.rcps);
    }
    Account account =
        new Account(
            id, a.name() == null ? "" : a.name(), orgId, orgPath, scps, rcps, a.id().span());
    accounts.add(account);
    Set<String> names = new HashSet<>();
    for (Ast.Identity i : a.identities()) {
      identity(dir, account, i, names);
    }
    for (Ast.Key k : a.keys()) {
      pendingKeys.add(new PendingKey(dir, account, k));
    }
  }

  private void identity(Path dir, Account account, Ast.Identity i, Set<String> names) {
    String name = i.name().value();
    if (!IAM_NAME.matcher(name).matches()) {
      error(Code.KV004, i.name().span(), "`" + name + "` is not a valid IAM name");
    }
    String kind = i.kind() == Ast.IdentityKind.USER ? "user" : "role";
    if (!names.add(kind + ":" + name)) {
      error(
          Code.KV003,
          i.name().span(),
          kind + " `" + name + "` is declared twice in account " + account.id());
      return;
    }
    String path = i.path() == null ? "/" : i.path().value();
    if (!path.startsWith("/") || !path.endsWith("/")) {
      error(Code.KV004, i.path().span(), "an IAM path starts and ends with `/`, e.g. `/ops/`");
      path = "/";
    }
    List<LoadedPolicy> policies = new ArrayList<>();
    for (Ast.PolicySource s : i.policies()) {
      policies.add(policy(dir, s, PolicyKind.IDENTITY));
    }
    LoadedPolicy boundary =
        i.boundary() == null ? null : policy(dir, i.boundary(), PolicyKind.PERMISSIONS_BOUNDARY);
    Map<String, String> tags = tags(i.tags());
    String arn = "arn:aws:iam::" + account.id() + ":" + kind + path + name;
    IdentityKind k = i.kind() == Ast.IdentityKind.USER ? IdentityKind.USER : IdentityKind.ROLE;
    identities.add(
        new Identity(k, account, name, name, arn, arn, policies, boundary, null, tags, span(i)));
    for (Ast.Session s : i.sessions()) {
      String session = s.name().value();
      if (!Pattern.matches("[\\w+=,.@-]{2,64}", session)) {
        error(Code.KV004, s.name().span(), "`" + session + "` is not a valid session name");
      }
      Map<String, String> sessionTags = new LinkedHashMap<>(tags);
      sessionTags.putAll(tags(s.tags()));
      LoadedPolicy sp =
          s.policy() == null ? null : policy(dir, s.policy(), PolicyKind.SESSION_POLICY);
      identities.add(
          new Identity(
              IdentityKind.SESSION,
              account,
              session,
              name,
              "arn:aws:sts::" + account.id() + ":assumed-role/" + name + "/" + session,
              arn,
              policies,
              boundary,
              sp,
              sessionTags,
              s.name().span()));
    }
  }

  private static SourceSpan span(Ast.Identity i) {
    return i.name().span();
  }

  private static Map<String, String> tags(List<Ast.Tag> tags) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Ast.Tag t : tags) {
      out.put(t.key().value(), t.value());
    }
    return out;
  }

  /** A key waits until every account is known, so that grants can name later principals. */
  private final class PendingKey {
    final Path dir;
    final Account account;
    final Ast.Key key;

    PendingKey(Path dir, Account account, Ast.Key key) {
      this.dir = dir;
      this.account = account;
      this.key = key;
    }

    World.Key resolve() {
      String region = "us-east-1";
      if (key.region() != null) {
        region = key.region().value();
        check(REGION, key.region(), "Region", "us-east-1");
      }
      boolean multi = Boolean.TRUE.equals(key.multiRegion()) || !key.replicas().isEmpty();
      String id;
      if (key.id() != null) {
        id = key.id().value();
        if (!KEY_ID.matcher(id).matches()) {
          error(
              Code.KV004,
              key.id().span(),
              "`" + id + "` is not a key ID (a UUID, or `mrk-` and 32 hex digits)");
        } else if (multi != id.startsWith("mrk-")) {
          error(
              Code.KV004,
              key.id().span(),
              multi
                  ? "a multi-Region key's ID starts with `mrk-`"
                  : "only multi-Region keys have IDs starting with `mrk-`; add `multi-region`");
        }
      } else {
        UUID u =
            UUID.nameUUIDFromBytes(
                (account.id() + "/" + key.name().value()).getBytes(StandardCharsets.UTF_8));
        id = multi ? "mrk-" + u.toString().replace("-", "") : u.toString();
      }
      String spec = setting(key.spec(), SPECS, "SYMMETRIC_DEFAULT", "key spec");
      String usage = setting(key.usage(), USAGES, defaultUsage(spec), "key usage");
      String origin = setting(key.origin(), ORIGINS, "AWS_KMS", "origin");
      LoadedPolicy policy =
          key.policy() == null
              ? defaultPolicy(account.id(), key.name().value())
              : policy(dir, key.policy(), PolicyKind.KEY_POLICY);
      List<String> aliases = new ArrayList<>();
      for (Located a : key.aliases()) {
        String alias = a.value();
        if (!alias.matches("alias/[a-zA-Z0-9/_-]{1,250}")) {
          error(Code.KV004, a.span(), "an alias is `alias/` and a name, not `" + alias + "`");
        } else if (alias.startsWith("alias/aws/") && !key.awsManaged()) {
          error(
              Code.KV004,
              a.span(),
              "`alias/aws/` names are reserved for AWS managed keys; mark the key `aws-managed`");
        }
        aliases.add(alias);
      }
      List<World.GrantDecl> grants = new ArrayList<>();
      for (Ast.GrantDecl g : key.grants()) {
        World.GrantDecl resolved = grant(g, grants.size());
        if (resolved != null) {
          grants.add(resolved);
        }
      }
      Map<String, LoadedPolicy> replicas = new LinkedHashMap<>();
      for (Ast.Replica r : key.replicas()) {
        check(REGION, r.region(), "Region", "eu-west-1");
        if (r.region().value().equals(region) || replicas.containsKey(r.region().value())) {
          error(
              Code.KV003,
              r.region().span(),
              "key `" + key.name().value() + "` is already in " + r.region().value());
          continue;
        }
        replicas.put(
            r.region().value(),
            r.policy() == null ? policy : policy(dir, r.policy(), PolicyKind.KEY_POLICY));
      }
      return new World.Key(
          key.name().value(),
          account,
          region,
          id,
          spec,
          usage,
          origin,
          multi,
          policy,
          aliases,
          tags(key.tags()),
          grants,
          replicas,
          key.awsManaged(),
          key.name().span());
    }

    private World.GrantDecl grant(Ast.GrantDecl g, int index) {
      String grantee = principalArn(g.grantee());
      Set<String> valid = KmsCatalog.get().grantOperations();
      List<String> ops = new ArrayList<>();
      for (Located op : g.operations()) {
        String bare = op.value().startsWith("kms:") ? op.value().substring(4) : op.value();
        if (!valid.contains(bare)) {
          java.util.Optional<String> hint =
              DidYouMean.suggest(bare, List.copyOf(valid)).map(s -> "; did you mean `" + s + "`?");
          error(
              Code.KV004,
              op.span(),
              "`" + op.value() + "` is not a grant operation" + hint.orElse(""));
          continue;
        }
        ops.add(bare);
      }
      if (grantee == null) {
        return null;
      }
      Map<String, String> constraint = tags(g.constraint());
      String name =
          g.name() == null ? key.name().value() + "-grant-" + (index + 1) : g.name().value();
      return new World.GrantDecl(
          name,
          grantee,
          ops,
          "equals".equals(g.constraintKind()) ? constraint : null,
          "subset".equals(g.constraintKind()) ? constraint : null);
    }

    private String setting(Located value, Set<String> allowed, String dflt, String what) {
      if (value == null) {
        return dflt;
      }
      if (!allowed.contains(value.value())) {
        String hint =
            DidYouMean.suggest(value.value(), allowed.stream().sorted().toList())
                .map(s -> "; did you mean `" + s + "`?")
                .orElse("");
        error(Code.KV004, value.span(), "`" + value.value() + "` is not a " + what + hint);
        return dflt;
      }
      return value.value();
    }
  }

  /** The principal ARN a grant or query names, or null after reporting why not. */
  String principalArn(Ast.PrincipalRef ref) {
    Principals.Resolved r = new Principals(accounts, identities).resolve(ref);
    if (r.error() != null) {
      error(Code.KV002, ref.span(), r.error());
      return null;
    }
    return r.arn();
  }

  private static String defaultUsage(String spec) {
    if (spec.startsWith("HMAC")) {
      return "GENERATE_VERIFY_MAC";
    }
    if (spec.startsWith("ECC")) {
      return "SIGN_VERIFY";
    }
    return "ENCRYPT_DECRYPT";
  }

  private LoadedPolicy defaultPolicy(String account, String keyName) {
    String json =
        "{\"Version\":\"2012-10-17\",\"Id\":\"key-default-1\",\"Statement\":[{\"Sid\":"
            + "\"Enable IAM User Permissions\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
            + "\"arn:aws:iam::"
            + account
            + ":root\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}]}";
    String name = "default key policy of " + keyName;
    ReadResult read = validator.validate(name, json);
    return new LoadedPolicy(name, read, CompiledPolicy.compile(name, PolicyKind.KEY_POLICY, read));
  }

  private LoadedPolicy policy(Path dir, Ast.PolicySource source, PolicyKind kind) {
    ReadResult read;
    String name;
    if (source.inline()) {
      name = source.span().file();
      String whole = texts.getOrDefault(name, "");
      StringBuilder padded = new StringBuilder(source.offset() + source.inlineJson().length());
      for (int i = 0; i < source.offset() && i < whole.length(); i++) {
        char c = whole.charAt(i);
        padded.append(c == '\n' || c == '\r' ? c : ' ');
      }
      padded.append(source.inlineJson());
      read =
          validator.validateEmbedded(
              name, padded.toString(), source.inlineJson().getBytes(StandardCharsets.UTF_8).length);
      name = name + ":" + source.span().line();
    } else {
      Path p = dir.resolve(source.path()).normalize();
      name = relative(p);
      byte[] bytes;
      try {
        bytes = files.read(p);
      } catch (IOException e) {
        error(
            Code.KV005, source.span(), "cannot read policy `" + source.path() + "`: " + reason(e));
        bytes = null;
      }
      read =
          bytes == null ? new ReadResult(name, null, List.of()) : validator.validate(name, bytes);
    }
    CompiledPolicy compiled = CompiledPolicy.compile(name, kind, read);
    for (Diagnostic d : compiled.errors()) {
      diagnostics.add(d);
    }
    return new LoadedPolicy(name, read, compiled);
  }

  private static String relative(Path p) {
    Path cwd = Path.of("").toAbsolutePath();
    Path abs = p.toAbsolutePath().normalize();
    return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
  }

  private void checkUniqueKeys() {
    Map<String, World.Key> byName = new HashMap<>();
    Map<String, World.Key> byAlias = new HashMap<>();
    for (World.Key k : keys) {
      World.Key first = byName.putIfAbsent(k.name(), k);
      if (first != null) {
        error(
            Code.KV003,
            k.span(),
            "key `"
                + k.name()
                + "` is declared twice (first at "
                + first.span().location()
                + "); key names are unique in a scenario");
      }
      for (String a : k.aliases()) {
        World.Key other = byAlias.putIfAbsent(k.account().id() + "/" + k.region() + "/" + a, k);
        if (other != null && other != k) {
          error(
              Code.KV003,
              k.span(),
              "alias `"
                  + a
                  + "` already names key `"
                  + other.name()
                  + "` in this account and Region");
        }
      }
    }
  }

  private void check(Pattern p, Located value, String what, String example) {
    if (!p.matcher(value.value()).matches()) {
      error(
          Code.KV004,
          value.span(),
          "`" + value.value() + "` is not a valid " + what + " (for example `" + example + "`)");
    }
  }

  private void error(Code code, SourceSpan span, String message) {
    diagnostics.add(Diagnostic.of(code, span, message));
  }

  private static String reason(IOException e) {
    String simple = e.getClass().getSimpleName();
    if (simple.equals("NoSuchFileException")) {
      return "no such file";
    }
    if (simple.equals("AccessDeniedException")) {
      return "permission denied";
    }
    return e.getMessage() == null ? simple : e.getMessage();
  }
}
