package dev.keyvet.engine.eval;

import dev.keyvet.engine.catalog.KmsAction;
import dev.keyvet.engine.catalog.KmsCatalog;
import java.util.List;
import java.util.Locale;

/**
 * A request prepared for matching: the action resolved against the catalogue, and what principal
 * matching needs about the caller. Built once per authorization.
 */
final class EvalRequest {
  final AccessRequest request;
  final Caller caller;
  final RequestContext context;
  final String action;
  final KmsAction kmsAction;
  final int actionIndex;
  final boolean hasBoundary;

  EvalRequest(AccessRequest request, boolean hasBoundary) {
    this.request = request;
    this.caller = request.caller();
    this.context = request.context();
    this.hasBoundary = hasBoundary;
    KmsCatalog catalog = KmsCatalog.get();
    KmsAction a = catalog.action(request.action()).orElse(null);
    this.kmsAction = a;
    this.action = a != null ? a.qualifiedName() : request.action();
    this.actionIndex = a == null ? -1 : indexOf(catalog.actions(), a);
  }

  private EvalRequest(int actionIndex) {
    this.request = null;
    this.caller = null;
    this.context = RequestContext.EMPTY;
    this.hasBoundary = false;
    this.kmsAction = KmsCatalog.get().actions().get(actionIndex);
    this.action = kmsAction.qualifiedName();
    this.actionIndex = actionIndex;
  }

  /** A request that names only an action; for indexing statements by action. */
  static EvalRequest forActionIndex(int actionIndex) {
    return new EvalRequest(actionIndex);
  }

  private static int indexOf(List<KmsAction> actions, KmsAction a) {
    for (int i = 0; i < actions.size(); i++) {
      if (actions.get(i).name().equals(a.name())) {
        return i;
      }
    }
    return -1;
  }

  /** The single value of a context key for a policy variable, or null when absent or multi. */
  String variable(String key) {
    RequestContext.Entry e = context.entryLowerCase(key.toLowerCase(Locale.ROOT));
    return e == null || e.values().size() != 1 ? null : e.values().get(0);
  }
}
