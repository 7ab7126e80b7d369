package dev.keyvet.engine.eval;

import dev.keyvet.engine.catalog.KmsAction;
import dev.keyvet.engine.catalog.KmsCatalog;
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
    int index = catalog.indexOf(request.action());
    KmsAction a = index < 0 ? null : catalog.actions().get(index);
    this.kmsAction = a;
    this.action = a != null ? catalog.actionNames().get(index) : request.action();
    this.actionIndex = index;
  }

  /** The single value of a context key for a policy variable, or null when absent or multi. */
  String variable(String key) {
    RequestContext.Entry e = context.entryLowerCase(key.toLowerCase(Locale.ROOT));
    return e == null || e.values().size() != 1 ? null : e.values().get(0);
  }
}
