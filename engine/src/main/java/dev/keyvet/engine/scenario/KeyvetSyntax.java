package dev.keyvet.engine.scenario;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.diag.SourceSpan;
import dev.keyvet.engine.scenario.Ast.Located;
import dev.keyvet.engine.scenario.grammar.KeyvetLexer;
import dev.keyvet.engine.scenario.grammar.KeyvetParser;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Parses keyvet files and query lines into {@link Ast}. The grammar ({@code Keyvet.g4}) is an
 * implementation detail: no ANTLR type or message leaves this class. Syntax errors become {@code
 * KV001} diagnostics with line and column and what was expected in words; every error of a file is
 * reported, not only the first. Never throws for bad input.
 */
public final class KeyvetSyntax {
  private KeyvetSyntax() {}

  /** A parse: the tree when there were no syntax errors, and the errors. */
  public record Parsed<T>(T value, List<Diagnostic> diagnostics) {
    public Parsed {
      diagnostics = List.copyOf(diagnostics);
    }

    public boolean ok() {
      return value != null;
    }
  }

  /** Parses a scenario or suite file. */
  public static Parsed<Ast.File> parseFile(String file, String text) {
    Errors errors = new Errors(file);
    KeyvetParser parser = parser(file, text, errors);
    KeyvetParser.FileContext tree = parser.file();
    if (!errors.list.isEmpty()) {
      return new Parsed<>(null, errors.list);
    }
    return new Parsed<>(new AstBuilder(file, text).file(tree), List.of());
  }

  /** Parses one query: {@code can ...} or {@code who can ...}. */
  public static Parsed<Ast.Query> parseQuery(String text) {
    String file = "<query>";
    Errors errors = new Errors(file);
    KeyvetParser parser = parser(file, text, errors);
    KeyvetParser.QueryLineContext tree = parser.queryLine();
    if (!errors.list.isEmpty()) {
      return new Parsed<>(null, errors.list);
    }
    return new Parsed<>(new AstBuilder(file, text).query(tree.query()), List.of());
  }

  private static KeyvetParser parser(String file, String text, Errors errors) {
    KeyvetLexer lexer = new KeyvetLexer(CharStreams.fromString(text, file));
    lexer.removeErrorListeners();
    KeyvetParser parser = new KeyvetParser(new CommonTokenStream(lexer));
    parser.removeErrorListeners();
    parser.addErrorListener(errors);
    return parser;
  }

  /** Collects syntax errors as diagnostics in words a person understands. */
  private static final class Errors extends BaseErrorListener {
    private final String file;
    private final List<Diagnostic> list = new ArrayList<>();
    private final Set<String> seen = new LinkedHashSet<>();

    Errors(String file) {
      this.file = file;
    }

    @Override
    public void syntaxError(
        Recognizer<?, ?> recognizer,
        Object offendingSymbol,
        int line,
        int charPositionInLine,
        String antlrMessage,
        RecognitionException e) {
      Token t = offendingSymbol instanceof Token tok ? tok : null;
      Parser parser = recognizer instanceof Parser p ? p : null;
      String found = found(t);
      String message;
      if (t != null && t.getType() == KeyvetLexer.UNEXPECTED && t.getText().equals("\"")) {
        message = "unterminated string: a string ends with `\"` on the same line";
      } else if (parser != null && (e == null || e instanceof InputMismatchException)) {
        IntervalSet expected = e == null ? parser.getExpectedTokens() : e.getExpectedTokens();
        message = expectedWords(expected, parser) + ", found " + found;
        if (e == null && antlrMessage.startsWith("extraneous")) {
          message = "unexpected " + found + "; " + expectedWords(expected, parser);
        }
      } else if (parser != null && e instanceof NoViableAltException) {
        message = "unexpected " + found + " " + where(parser.getContext());
      } else if (parser != null && e != null && e.getExpectedTokens() != null) {
        message = expectedWords(e.getExpectedTokens(), parser) + ", found " + found;
      } else {
        message = "unexpected " + found;
      }
      int column = charPositionInLine + 1;
      int length = t == null || t.getType() == Token.EOF ? 1 : Math.max(1, t.getText().length());
      if (!seen.add(line + ":" + column)) {
        return;
      }
      list.add(
          Diagnostic.of(
              Code.KV001,
              new SourceSpan(file, line, column, line, column + length - 1, ""),
              message));
    }

    private static String found(Token t) {
      if (t == null || t.getType() == Token.EOF) {
        return "the end of the input";
      }
      String text = t.getText();
      if (text.length() > 40) {
        text = text.substring(0, 37) + "...";
      }
      return "`" + text.replace("\n", "\\n") + "`";
    }

    /** Where the parser was, in words: {@code in a key}, {@code in a query}, ... */
    private static String where(ParserRuleContext ctx) {
      for (ParserRuleContext c = ctx; c != null; c = c.getParent()) {
        String w =
            switch (c.getRuleIndex()) {
              case KeyvetParser.RULE_principal ->
                  "where a principal was expected (`role`,"
                      + " `user`, `session`, `account`, `service` or an ARN)";
              case KeyvetParser.RULE_keyRef ->
                  "where a key was expected (`key NAME`, an ARN or" + " an alias)";
              case KeyvetParser.RULE_query ->
                  "in a query (`can PRINCIPAL ACTION on KEY` or `who" + " can ACTION on KEY`)";
              case KeyvetParser.RULE_keyMember -> "in a key";
              case KeyvetParser.RULE_principalMember -> "in a user or role";
              case KeyvetParser.RULE_value, KeyvetParser.RULE_literal ->
                  "where a value was" + " expected";
              case KeyvetParser.RULE_jsonValue -> "where a JSON value was expected";
              case KeyvetParser.RULE_item ->
                  "where `organization`, `account`, `scenario` or" + " `expect` was expected";
              case KeyvetParser.RULE_outcome ->
                  "where `allow`, `deny`, `implicit deny` or" + " `explicit deny` was expected";
              default -> null;
            };
        if (w != null) {
          return w;
        }
      }
      return "";
    }

    /** {@code expected `}`} or {@code expected one of `user`, `role` or a name}. */
    private static String expectedWords(IntervalSet expected, Parser parser) {
      List<String> words = new ArrayList<>();
      for (int type : expected.toList()) {
        String w = word(type, parser);
        if (!words.contains(w)) {
          words.add(w);
        }
      }
      if (words.isEmpty()) {
        return "unexpected input";
      }
      if (words.size() == 1) {
        return "expected " + words.get(0);
      }
      String last = words.remove(words.size() - 1);
      return (words.size() == 1 ? "expected " : "expected one of ")
          + String.join(", ", words)
          + " or "
          + last;
    }

    private static String word(int type, Parser parser) {
      return switch (type) {
        case Token.EOF -> "the end of the input";
        case KeyvetLexer.IDENT -> "a name";
        case KeyvetLexer.STRING -> "a string";
        case KeyvetLexer.NUMBER, KeyvetLexer.DECIMAL -> "a number";
        case KeyvetLexer.ARN -> "an ARN";
        case KeyvetLexer.ALIAS -> "an alias (`alias/NAME`)";
        case KeyvetLexer.KEYNAME -> "a condition key (such as `kms:ViaService`)";
        case KeyvetLexer.DATETIME -> "a date";
        case KeyvetLexer.IPADDRESS -> "an IP address";
        default -> {
          String literal = parser.getVocabulary().getLiteralName(type);
          yield literal == null
              ? parser.getVocabulary().getDisplayName(type)
              : "`" + literal.substring(1, literal.length() - 1) + "`";
        }
      };
    }
  }

  /** Turns the parse tree into {@link Ast}. */
  private static final class AstBuilder {
    private final String file;
    private final String text;

    AstBuilder(String file, String text) {
      this.file = file;
      this.text = text;
    }

    Ast.File file(KeyvetParser.FileContext ctx) {
      List<Located> uses = new ArrayList<>();
      List<Ast.Organization> orgs = new ArrayList<>();
      List<Ast.Account> accounts = new ArrayList<>();
      List<Ast.Expectation> expectations = new ArrayList<>();
      for (KeyvetParser.ItemContext item : ctx.item()) {
        if (item instanceof KeyvetParser.UseScenarioContext u) {
          uses.add(string(u.STRING()));
        } else if (item instanceof KeyvetParser.OrganizationItemContext o) {
          orgs.add(organization(o.organization()));
        } else if (item instanceof KeyvetParser.AccountItemContext a) {
          accounts.add(account(a.account()));
        } else if (item instanceof KeyvetParser.ExpectationItemContext x) {
          expectations.add(expectation(x.expectation()));
        }
      }
      return new Ast.File(file, uses, orgs, accounts, expectations);
    }

    private Ast.Organization organization(KeyvetParser.OrganizationContext ctx) {
      Members m = members(ctx.orgMember());
      Located root = ctx.name().size() > 1 ? name(ctx.name(1)) : null;
      return new Ast.Organization(name(ctx.name(0)), root, m.attachments(), m.ous, m.accounts);
    }

    /** What an organization root or OU holds. */
    private final class Members {
      final List<Ast.PolicySource> scps = new ArrayList<>();
      final List<Ast.PolicySource> rcps = new ArrayList<>();
      final List<Ast.Ou> ous = new ArrayList<>();
      final List<Ast.Account> accounts = new ArrayList<>();

      Ast.Attachments attachments() {
        return new Ast.Attachments(List.copyOf(scps), List.copyOf(rcps));
      }
    }

    private Members members(List<KeyvetParser.OrgMemberContext> list) {
      Members m = new Members();
      for (KeyvetParser.OrgMemberContext member : list) {
        if (member.attach() != null) {
          attach(member.attach(), m.scps, m.rcps);
        } else if (member.ou() != null) {
          m.ous.add(ou(member.ou()));
        } else if (member.account() != null) {
          m.accounts.add(account(member.account()));
        }
      }
      return m;
    }

    private Ast.Ou ou(KeyvetParser.OuContext ctx) {
      Members m = members(ctx.orgMember());
      String label = ctx.STRING() == null ? null : string(ctx.STRING()).value();
      return new Ast.Ou(name(ctx.name()), label, m.attachments(), m.ous, m.accounts);
    }

    private void attach(
        KeyvetParser.AttachContext ctx, List<Ast.PolicySource> scps, List<Ast.PolicySource> rcps) {
      Ast.PolicySource source = policy(ctx.policySource());
      (ctx.kind.getText().equals("scp") ? scps : rcps).add(source);
    }

    private Ast.Account account(KeyvetParser.AccountContext ctx) {
      List<Ast.PolicySource> scps = new ArrayList<>();
      List<Ast.PolicySource> rcps = new ArrayList<>();
      List<Ast.Identity> identities = new ArrayList<>();
      List<Ast.Key> keys = new ArrayList<>();
      for (KeyvetParser.AccountMemberContext m : ctx.accountMember()) {
        if (m.attach() != null) {
          attach(m.attach(), scps, rcps);
        } else if (m.user() != null) {
          identities.add(user(m.user()));
        } else if (m.role() != null) {
          identities.add(role(m.role()));
        } else if (m.key() != null) {
          keys.add(key(m.key()));
        }
      }
      String label = ctx.STRING() == null ? null : string(ctx.STRING()).value();
      return new Ast.Account(
          located(ctx.NUMBER()),
          label,
          new Ast.Attachments(scps, rcps),
          identities,
          keys,
          span(ctx));
    }

    private Ast.Identity user(KeyvetParser.UserContext ctx) {
      return identity(Ast.IdentityKind.USER, ctx.name(), ctx.principalMember(), List.of());
    }

    private Ast.Identity role(KeyvetParser.RoleContext ctx) {
      List<Ast.Session> sessions = new ArrayList<>();
      for (KeyvetParser.SessionContext s : ctx.session()) {
        Ast.PolicySource policy = null;
        List<Ast.Tag> tags = new ArrayList<>();
        for (KeyvetParser.SessionMemberContext m : s.sessionMember()) {
          if (m instanceof KeyvetParser.SessionPolicyMemberContext p) {
            policy = policy(p.policySource());
          } else if (m instanceof KeyvetParser.SessionTagMemberContext t) {
            tags.add(tag(t.tag()));
          }
        }
        sessions.add(new Ast.Session(name(s.name()), policy, tags));
      }
      return identity(Ast.IdentityKind.ROLE, ctx.name(), ctx.principalMember(), sessions);
    }

    private Ast.Identity identity(
        Ast.IdentityKind kind,
        KeyvetParser.NameContext name,
        List<KeyvetParser.PrincipalMemberContext> members,
        List<Ast.Session> sessions) {
      Located path = null;
      List<Ast.PolicySource> policies = new ArrayList<>();
      Ast.PolicySource boundary = null;
      List<Ast.Tag> tags = new ArrayList<>();
      for (KeyvetParser.PrincipalMemberContext m : members) {
        if (m instanceof KeyvetParser.PathMemberContext p) {
          path = string(p.STRING());
        } else if (m instanceof KeyvetParser.PolicyMemberContext p) {
          policies.add(policy(p.policySource()));
        } else if (m instanceof KeyvetParser.BoundaryMemberContext b) {
          boundary = policy(b.policySource());
        } else if (m instanceof KeyvetParser.TagMemberContext t) {
          tags.add(tag(t.tag()));
        }
      }
      return new Ast.Identity(kind, name(name), path, policies, boundary, tags, sessions);
    }

    private Ast.Key key(KeyvetParser.KeyContext ctx) {
      Located id = null;
      Located region = null;
      Located spec = null;
      Located usage = null;
      Located origin = null;
      Boolean multiRegion = null;
      Ast.PolicySource policy = null;
      List<Located> aliases = new ArrayList<>();
      List<Ast.Tag> tags = new ArrayList<>();
      List<Ast.GrantDecl> grants = new ArrayList<>();
      List<Ast.Replica> replicas = new ArrayList<>();
      boolean awsManaged = false;
      for (KeyvetParser.KeyMemberContext m : ctx.keyMember()) {
        if (m instanceof KeyvetParser.KeyIdMemberContext c) {
          id = string(c.STRING());
        } else if (m instanceof KeyvetParser.KeyRegionMemberContext c) {
          region = name(c.name());
        } else if (m instanceof KeyvetParser.KeySpecMemberContext c) {
          spec = name(c.name());
        } else if (m instanceof KeyvetParser.KeyUsageMemberContext c) {
          usage = name(c.name());
        } else if (m instanceof KeyvetParser.KeyOriginMemberContext c) {
          origin = name(c.name());
        } else if (m instanceof KeyvetParser.KeyMultiRegionMemberContext c) {
          multiRegion = c.bool() == null || c.bool().getText().equals("true");
        } else if (m instanceof KeyvetParser.KeyPolicyMemberContext c) {
          policy = policy(c.policySource());
        } else if (m instanceof KeyvetParser.KeyAliasMemberContext c) {
          aliases.add(string(c.STRING()));
        } else if (m instanceof KeyvetParser.KeyTagMemberContext c) {
          tags.add(tag(c.tag()));
        } else if (m instanceof KeyvetParser.KeyGrantMemberContext c) {
          grants.add(grant(c.grant()));
        } else if (m instanceof KeyvetParser.KeyAwsManagedMemberContext) {
          awsManaged = true;
        } else if (m instanceof KeyvetParser.KeyReplicaMemberContext c) {
          replicas.add(
              new Ast.Replica(
                  name(c.name()), c.policySource() == null ? null : policy(c.policySource())));
        }
      }
      return new Ast.Key(
          name(ctx.name()),
          id,
          region,
          spec,
          usage,
          origin,
          multiRegion,
          policy,
          aliases,
          tags,
          grants,
          replicas,
          awsManaged);
    }

    private Ast.GrantDecl grant(KeyvetParser.GrantContext ctx) {
      // The grant's own name, when written, comes before `to`; operations follow.
      List<KeyvetParser.NameContext> names = ctx.name();
      boolean named = !names.isEmpty() && names.get(0).getStart().getTokenIndex() < toIndex(ctx);
      Located grantName = named ? name(names.get(0)) : null;
      List<Located> operations = new ArrayList<>();
      for (int i = named ? 1 : 0; i < names.size(); i++) {
        operations.add(name(names.get(i)));
      }
      String kind = null;
      List<Ast.Tag> constraint = new ArrayList<>();
      if (ctx.constraint() != null) {
        kind = ctx.constraint().kind.getText();
        for (KeyvetParser.ContextPairContext p : ctx.constraint().contextPair()) {
          constraint.add(new Ast.Tag(name(p.name()), string(p.STRING()).value()));
        }
      }
      List<KeyvetParser.PrincipalContext> principals = ctx.principal();
      return new Ast.GrantDecl(
          grantName,
          principal(principals.get(0)),
          operations,
          principals.size() > 1 ? principal(principals.get(1)) : null,
          kind,
          constraint,
          span(ctx));
    }

    private static int toIndex(KeyvetParser.GrantContext ctx) {
      for (int i = 0; i < ctx.getChildCount(); i++) {
        if (ctx.getChild(i) instanceof TerminalNode t && t.getText().equals("to")) {
          return t.getSymbol().getTokenIndex();
        }
      }
      return Integer.MAX_VALUE;
    }

    private Ast.Tag tag(KeyvetParser.TagContext ctx) {
      return new Ast.Tag(name(ctx.name()), string(ctx.STRING()).value());
    }

    private Ast.PolicySource policy(KeyvetParser.PolicySourceContext ctx) {
      if (ctx.STRING() != null) {
        return new Ast.PolicySource(string(ctx.STRING()).value(), null, -1, span(ctx));
      }
      int start = ctx.jsonObject().getStart().getStartIndex();
      int stop = ctx.jsonObject().getStop().getStopIndex();
      return new Ast.PolicySource(null, text.substring(start, stop + 1), start, span(ctx));
    }

    private Ast.Expectation expectation(KeyvetParser.ExpectationContext ctx) {
      String o = ctx.outcome().getText();
      Ast.Outcome outcome =
          switch (o) {
            case "allow" -> Ast.Outcome.ALLOW;
            case "deny" -> Ast.Outcome.DENY;
            case "implicitdeny" -> Ast.Outcome.IMPLICIT_DENY;
            case "fails" -> Ast.Outcome.FAILS;
            default -> Ast.Outcome.EXPLICIT_DENY;
          };
      Ast.Query q = query(ctx.query());
      String label = ctx.STRING() == null ? q.text() : string(ctx.STRING()).value();
      return new Ast.Expectation(outcome, label, q, span(ctx));
    }

    Ast.Query query(KeyvetParser.QueryContext ctx) {
      Ast.PrincipalRef principal = null;
      KeyvetParser.ActionContext action;
      KeyvetParser.KeyRefContext key;
      List<KeyvetParser.ClauseContext> clauses;
      Ast.QueryKind kind;
      if (ctx instanceof KeyvetParser.CanQueryContext c) {
        kind = Ast.QueryKind.CAN;
        principal = principal(c.principal());
        action = c.action();
        key = c.keyRef();
        clauses = c.clause();
      } else {
        KeyvetParser.WhoCanQueryContext w = (KeyvetParser.WhoCanQueryContext) ctx;
        kind = Ast.QueryKind.WHO_CAN;
        action = w.action();
        key = w.keyRef();
        clauses = w.clause();
      }
      List<Ast.ContextEntry> context = new ArrayList<>();
      Located region = null;
      Located via = null;
      for (KeyvetParser.ClauseContext clause : clauses) {
        if (clause instanceof KeyvetParser.WithClauseContext w) {
          for (KeyvetParser.ConditionContext c : w.condition()) {
            List<Ast.Literal> values = new ArrayList<>();
            for (KeyvetParser.LiteralContext l : c.value().literal()) {
              values.add(literal(l));
            }
            boolean list = c.value().getStart().getText().equals("[");
            context.add(new Ast.ContextEntry(located(c.KEYNAME()), values, list));
          }
        } else if (clause instanceof KeyvetParser.RegionClauseContext r) {
          region = name(r.name());
        } else if (clause instanceof KeyvetParser.ViaClauseContext v) {
          via = name(v.name());
        }
      }
      Located act =
          action.KEYNAME() != null
              ? located(action.KEYNAME())
              : new Located(name(action.name()).value(), span(action));
      String keyText = key.getText().startsWith("key") ? keyText(key) : key.getText();
      return new Ast.Query(
          kind,
          principal,
          act,
          new Ast.KeyRef(keyText, span(key)),
          context,
          region,
          via,
          source(ctx),
          span(ctx));
    }

    private String keyText(KeyvetParser.KeyRefContext key) {
      if (key.name() != null) {
        return name(key.name()).value();
      }
      return key.ARN() != null ? key.ARN().getText() : key.ALIAS().getText();
    }

    private Ast.Literal literal(KeyvetParser.LiteralContext l) {
      Ast.LiteralKind kind;
      String value = l.getText();
      if (l.STRING() != null) {
        kind = Ast.LiteralKind.STRING;
        value = unquote(value);
      } else if (l.NUMBER() != null || l.DECIMAL() != null) {
        kind = Ast.LiteralKind.NUMBER;
      } else if (l.DATETIME() != null) {
        kind = Ast.LiteralKind.DATE;
      } else if (l.IPADDRESS() != null) {
        kind = Ast.LiteralKind.IP;
      } else if (l.ARN() != null) {
        kind = Ast.LiteralKind.ARN;
      } else if (l.bool() != null) {
        kind = Ast.LiteralKind.BOOLEAN;
      } else {
        kind = Ast.LiteralKind.WORD;
        value = name(l.name()).value();
      }
      return new Ast.Literal(kind, value, span(l));
    }

    private Ast.PrincipalRef principal(KeyvetParser.PrincipalContext ctx) {
      if (ctx instanceof KeyvetParser.RolePrincipalContext r) {
        return new Ast.PrincipalRef(Ast.PrincipalKind.ROLE, path(r.path()), source(ctx), span(ctx));
      }
      if (ctx instanceof KeyvetParser.UserPrincipalContext u) {
        return new Ast.PrincipalRef(Ast.PrincipalKind.USER, path(u.path()), source(ctx), span(ctx));
      }
      if (ctx instanceof KeyvetParser.SessionPrincipalContext s) {
        return new Ast.PrincipalRef(
            Ast.PrincipalKind.SESSION, path(s.path()), source(ctx), span(ctx));
      }
      if (ctx instanceof KeyvetParser.AccountPrincipalContext a) {
        return new Ast.PrincipalRef(
            Ast.PrincipalKind.ACCOUNT, List.of(a.NUMBER().getText()), source(ctx), span(ctx));
      }
      if (ctx instanceof KeyvetParser.ServicePrincipalContext s) {
        return new Ast.PrincipalRef(
            Ast.PrincipalKind.SERVICE, List.of(name(s.name()).value()), source(ctx), span(ctx));
      }
      KeyvetParser.ArnPrincipalContext a = (KeyvetParser.ArnPrincipalContext) ctx;
      return new Ast.PrincipalRef(
          Ast.PrincipalKind.ARN, List.of(a.ARN().getText()), source(ctx), span(ctx));
    }

    private List<String> path(KeyvetParser.PathContext ctx) {
      List<String> out = new ArrayList<>();
      for (KeyvetParser.SegmentContext s : ctx.segment()) {
        out.add(s.NUMBER() != null ? s.NUMBER().getText() : name(s.name()).value());
      }
      return out;
    }

    private Located name(KeyvetParser.NameContext ctx) {
      if (ctx.STRING() != null) {
        return string(ctx.STRING());
      }
      return located(ctx.IDENT());
    }

    private Located string(TerminalNode node) {
      return new Located(unquote(node.getText()), span(node.getSymbol(), node.getSymbol()));
    }

    private Located located(TerminalNode node) {
      return new Located(node.getText(), span(node.getSymbol(), node.getSymbol()));
    }

    /** The text of a rule as written, comments and spacing included. */
    private String source(ParserRuleContext ctx) {
      return text.substring(ctx.getStart().getStartIndex(), ctx.getStop().getStopIndex() + 1);
    }

    private SourceSpan span(ParserRuleContext ctx) {
      return span(ctx.getStart(), ctx.getStop() == null ? ctx.getStart() : ctx.getStop());
    }

    private SourceSpan span(Token start, Token stop) {
      String last = stop.getText() == null ? "" : stop.getText();
      int endLine = stop.getLine();
      int endColumn = stop.getCharPositionInLine() + Math.max(1, last.length());
      int nl = last.lastIndexOf('\n');
      if (nl >= 0) {
        endLine += (int) last.chars().filter(ch -> ch == '\n').count();
        endColumn = last.length() - nl - 1;
      }
      return new SourceSpan(
          file, start.getLine(), start.getCharPositionInLine() + 1, endLine, endColumn, "");
    }
  }

  /** The value of a string literal: quotes removed, escapes resolved. */
  static String unquote(String quoted) {
    StringBuilder sb = new StringBuilder(quoted.length());
    for (int i = 1; i < quoted.length() - 1; i++) {
      char c = quoted.charAt(i);
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      char n = quoted.charAt(++i);
      switch (n) {
        case 'n' -> sb.append('\n');
        case 't' -> sb.append('\t');
        case 'r' -> sb.append('\r');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'u' -> {
          sb.append((char) Integer.parseInt(quoted.substring(i + 1, i + 5), 16));
          i += 4;
        }
        default -> sb.append(n);
      }
    }
    return sb.toString();
  }
}
