package dev.keyvet.engine.catalog;

import dev.keyvet.engine.text.DidYouMean;
import dev.keyvet.engine.text.Wildcards;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Every AWS KMS permission and every condition key a KMS key policy can use, loaded once from the
 * {@code kms-catalog.json} resource of this package. Immutable and safe to share between threads.
 * Lookups follow IAM: action and condition key names are case-insensitive; a catalogue is always
 * internally consistent (every key an action names exists, names are unique ignoring case).
 */
public final class KmsCatalog {
  private static final String RESOURCE = "kms-catalog.json";

  private final List<KmsAction> actions;
  private final Map<String, KmsAction> actionsByLowerName;
  private final List<String> actionNames;
  private final List<String> bareActionNames;
  private final Set<String> grantOperations;
  private final List<ConditionKeyDef> conditionKeys;
  private final Map<String, ConditionKeyDef> keysByLowerName;
  private final Map<String, Pattern> suffixPatterns;
  private final List<ConditionKeyDef> prefixKeys;
  private final List<String> conditionKeyNames;
  private final List<String> prefixKeyNames;
  private final List<String> commonKeyResourceKeys;
  private final Map<String, Integer> indexByLowerName;

  /**
   * What each distinct action pattern matches, computed once. Patterns repeat across policies
   * ({@code kms:*}, {@code kms:Decrypt}), so the cache stays small; it stops growing at {@link
   * #PATTERN_CACHE_LIMIT} entries so that a stream of arbitrary input cannot grow it without bound.
   */
  private final Map<String, ActionSet> actionSets = new ConcurrentHashMap<>();

  private final Map<String, Matching> matchingCache = new ConcurrentHashMap<>();

  private static final int PATTERN_CACHE_LIMIT = 4096;

  KmsCatalog(List<KmsAction> actions, List<ConditionKeyDef> keys, List<String> commonKeys) {
    this.conditionKeys = List.copyOf(keys);
    Map<String, ConditionKeyDef> byName = new HashMap<>();
    Map<String, Pattern> patterns = new HashMap<>();
    for (ConditionKeyDef k : conditionKeys) {
      if (byName.put(lower(k.name()), k) != null) {
        throw new IllegalArgumentException("duplicate condition key `" + k.name() + "`");
      }
      if (k.everyAction() && !k.service().equals("aws")) {
        throw new IllegalArgumentException("`" + k.name() + "`: only aws: keys apply everywhere");
      }
      if (!k.suffixPattern().isEmpty()) {
        patterns.put(k.name(), Pattern.compile(k.suffixPattern(), Pattern.CASE_INSENSITIVE));
      }
    }
    this.keysByLowerName = Map.copyOf(byName);
    this.suffixPatterns = Map.copyOf(patterns);
    for (ConditionKeyDef k : conditionKeys) {
      k.replacedBy().ifPresent(r -> requireKnownKey(r, "replacement of `" + k.name() + "`"));
    }
    this.commonKeyResourceKeys = List.copyOf(commonKeys);
    commonKeyResourceKeys.forEach(k -> requireKnownKey(k, "commonKeyResourceKeys"));
    this.actions = List.copyOf(actions);
    Map<String, KmsAction> actionsByName = new HashMap<>();
    Set<String> grantable = new LinkedHashSet<>();
    for (KmsAction a : this.actions) {
      if (actionsByName.put(lower(a.name()), a) != null) {
        throw new IllegalArgumentException("duplicate action `" + a.name() + "`");
      }
      a.conditionKeys().forEach(k -> requireKnownKey(k, "action `" + a.name() + "`"));
      if (a.grantable()) {
        grantable.add(a.name());
      }
    }
    this.actionsByLowerName = Map.copyOf(actionsByName);
    Map<String, Integer> indexes = new HashMap<>();
    for (int i = 0; i < this.actions.size(); i++) {
      KmsAction a = this.actions.get(i);
      indexes.put(a.name(), i);
      indexes.put(lower(a.name()), i);
      indexes.put(a.qualifiedName(), i);
      indexes.put(lower(a.qualifiedName()), i);
    }
    this.indexByLowerName = Map.copyOf(indexes);
    this.grantOperations = Collections.unmodifiableSet(grantable);
    this.actionNames = this.actions.stream().map(KmsAction::qualifiedName).toList();
    this.bareActionNames = this.actions.stream().map(KmsAction::name).toList();
    this.prefixKeys = conditionKeys.stream().filter(ConditionKeyDef::prefix).toList();
    this.conditionKeyNames = conditionKeys.stream().map(ConditionKeyDef::name).toList();
    this.prefixKeyNames = prefixKeys.stream().map(ConditionKeyDef::name).toList();
  }

  /**
   * The catalogue shipped with keyvet.
   *
   * @throws IllegalStateException naming the resource if it is missing or broken (a packaging bug)
   */
  public static KmsCatalog get() {
    if (Holder.FAILURE != null) {
      throw new IllegalStateException(Holder.FAILURE.getMessage(), Holder.FAILURE);
    }
    return Holder.INSTANCE;
  }

  /** The action named {@code name}, ignoring case; with or without the {@code kms:} prefix. */
  public Optional<KmsAction> action(String name) {
    String prefix = KmsAction.SERVICE_PREFIX;
    String bare = name;
    if (name.regionMatches(true, 0, prefix, 0, prefix.length())) {
      bare = name.substring(prefix.length());
    } else if (name.contains(":")) {
      return Optional.empty();
    }
    return Optional.ofNullable(actionsByLowerName.get(lower(bare)));
  }

  /** Every KMS action, in catalogue order. */
  public List<KmsAction> actions() {
    return actions;
  }

  /**
   * The actions an IAM action pattern matches, in catalogue order. Matching ignores case; {@code *}
   * matches any run of characters and {@code ?} one character. A pattern with a colon is matched
   * against {@code kms:Name} (so {@code *}, {@code kms:*} and {@code *:*} match every action and
   * {@code s3:Get*} none); a pattern without one against the bare name.
   */
  public List<KmsAction> actionsMatching(String pattern) {
    return matching(pattern).actions();
  }

  /** {@link #actionsMatching(String)} as a set. */
  public ActionSet actionSetMatching(String pattern) {
    return matching(pattern).set();
  }

  /** What a pattern matches, as a list and as a set. */
  private record Matching(List<KmsAction> actions, ActionSet set) {}

  private Matching matching(String pattern) {
    Matching cached = matchingCache.get(pattern);
    if (cached != null) {
      return cached;
    }
    boolean qualified = pattern.indexOf(':') >= 0;
    List<KmsAction> out = new ArrayList<>();
    long[] bits = new long[ActionSet.words(this)];
    for (int i = 0; i < actions.size(); i++) {
      KmsAction a = actions.get(i);
      if (Wildcards.matches(pattern, qualified ? a.qualifiedName() : a.name(), true)) {
        out.add(a);
        bits[i >> 6] |= 1L << (i & 63);
      }
    }
    Matching result = new Matching(List.copyOf(out), new ActionSet(this, bits));
    if (matchingCache.size() < PATTERN_CACHE_LIMIT) {
      matchingCache.put(pattern, result);
    }
    return result;
  }

  /**
   * The actions an {@code Action} pattern covers when the evaluator reads it: the pattern is
   * matched, ignoring case, against {@code kms:Name}, so a pattern without a service prefix (other
   * than {@code *}) covers nothing. Cached per distinct pattern.
   */
  public ActionSet actionSet(String pattern) {
    ActionSet cached = actionSets.get(pattern);
    if (cached != null) {
      return cached;
    }
    long[] bits = new long[ActionSet.words(this)];
    for (int i = 0; i < actions.size(); i++) {
      if (Wildcards.matches(pattern, actions.get(i).qualifiedName(), true)) {
        bits[i >> 6] |= 1L << (i & 63);
      }
    }
    ActionSet result = new ActionSet(this, bits);
    if (actionSets.size() < PATTERN_CACHE_LIMIT) {
      actionSets.put(pattern, result);
    }
    return result;
  }

  /** The actions that satisfy {@code test}. */
  public ActionSet actionSet(java.util.function.Predicate<KmsAction> test) {
    long[] bits = new long[ActionSet.words(this)];
    for (int i = 0; i < actions.size(); i++) {
      if (test.test(actions.get(i))) {
        bits[i >> 6] |= 1L << (i & 63);
      }
    }
    return new ActionSet(this, bits);
  }

  /** The union of {@link #actionSet(String)} over {@code patterns}. */
  public ActionSet actionSet(Iterable<String> patterns) {
    ActionSet out = ActionSet.empty(this);
    for (String p : patterns) {
      out = out.union(actionSet(p));
    }
    return out;
  }

  /**
   * The catalogue position of the action named {@code name} (bare or {@code kms:}, any case), or
   * -1.
   */
  public int indexOf(String name) {
    Integer i = indexByLowerName.get(name);
    if (i == null) {
      i = indexByLowerName.get(lower(name));
    }
    return i == null ? -1 : i;
  }

  /** Every action as written in policies ({@code kms:Decrypt}), in catalogue order. */
  public List<String> actionNames() {
    return actionNames;
  }

  /** Names of the valid grant operations ({@code Decrypt}, …), in catalogue order. */
  public Set<String> grantOperations() {
    return grantOperations;
  }

  /**
   * The condition key named {@code name}, ignoring case. A prefix key matches a name that starts
   * with its prefix and has a non-empty suffix accepted by its suffix pattern; the suffix keeps the
   * case it was written in.
   */
  public Optional<ResolvedConditionKey> conditionKey(String name) {
    ConditionKeyDef exact = keysByLowerName.get(lower(name));
    if (exact != null && !exact.prefix()) {
      return Optional.of(new ResolvedConditionKey(exact, ""));
    }
    for (ConditionKeyDef p : prefixKeys) {
      int len = p.name().length();
      if (name.length() > len && name.regionMatches(true, 0, p.name(), 0, len)) {
        String suffix = name.substring(len);
        Pattern allowed = suffixPatterns.get(p.name());
        if (allowed == null || allowed.matcher(suffix).matches()) {
          return Optional.of(new ResolvedConditionKey(p, suffix));
        }
      }
    }
    return Optional.empty();
  }

  /** Every condition key definition, in catalogue order ({@code kms:} keys first). */
  public List<ConditionKeyDef> conditionKeys() {
    return conditionKeys;
  }

  /** Canonical names of every condition key; prefix keys end with their separator. */
  public List<String> conditionKeyNames() {
    return conditionKeyNames;
  }

  /** Canonical names of the keys every action with a key resource supplies. */
  public List<String> commonKeyResourceKeys() {
    return commonKeyResourceKeys;
  }

  /**
   * True when {@code key} can be present in a request for {@code action}: an {@code aws:} key
   * marked {@link ConditionKeyDef#everyAction()}, a common key-resource key on an action with a key
   * resource, or a key the action lists itself. A false answer means a condition on the key can
   * only see it absent.
   */
  public boolean actionSupportsKey(KmsAction action, ResolvedConditionKey key) {
    String name = key.def().name();
    return key.def().everyAction()
        || (action.resource().hasKey() && commonKeyResourceKeys.contains(name))
        || action.conditionKeys().contains(name);
  }

  /**
   * The known action closest to a misspelled one, as {@code kms:Name}; empty when none is close.
   * Input without a colon is compared with the bare names.
   */
  public Optional<String> suggestAction(String input) {
    if (input.indexOf(':') < 0) {
      return DidYouMean.suggest(input, bareActionNames).map(n -> KmsAction.SERVICE_PREFIX + n);
    }
    return DidYouMean.suggest(input, actionNames);
  }

  /**
   * The known condition key closest to a misspelled one; empty when none is close. For a name with
   * a suffix ({@code kms:EncryptionContxt:App}) the part up to the first {@code :} or {@code /}
   * after the service is compared with the prefix keys and the suffix is kept.
   */
  public Optional<String> suggestConditionKey(String input) {
    int service = input.indexOf(':');
    for (int i = service + 1; service > 0 && i < input.length() - 1; i++) {
      char c = input.charAt(i);
      if (c == ':' || c == '/') {
        String suffix = input.substring(i + 1);
        Optional<String> fixed =
            DidYouMean.suggest(input.substring(0, i + 1), prefixKeyNames).map(p -> p + suffix);
        if (fixed.isPresent() && !fixed.get().equalsIgnoreCase(input)) {
          return fixed;
        }
        break;
      }
    }
    return DidYouMean.suggest(input, conditionKeyNames).filter(s -> !s.equalsIgnoreCase(input));
  }

  private void requireKnownKey(String name, String where) {
    ConditionKeyDef def = keysByLowerName.get(lower(name));
    if (def == null) {
      throw new IllegalArgumentException(where + " names unknown condition key `" + name + "`");
    }
    if (!def.name().equals(name)) {
      throw new IllegalArgumentException(
          where + " must spell `" + name + "` as `" + def.name() + "`");
    }
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  /** Loads the shipped catalogue on first use; keeps a failure so every call reports it. */
  private static final class Holder {
    private static final KmsCatalog INSTANCE;
    private static final IllegalStateException FAILURE;

    static {
      KmsCatalog loaded = null;
      IllegalStateException failure = null;
      try {
        loaded = CatalogLoader.load(KmsCatalog.class, RESOURCE);
      } catch (IllegalStateException e) {
        failure = e;
      }
      INSTANCE = loaded;
      FAILURE = failure;
    }
  }
}
