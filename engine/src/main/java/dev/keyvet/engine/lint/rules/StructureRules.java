package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.lint.Rule;
import java.util.List;

/** The rules of the structure (KP0xx) and grammar (KP1xx) sections of the catalogue. */
final class StructureRules {
  private StructureRules() {}

  static final List<Rule> ALL =
      List.of(
          new JsonSyntax(),
          new DuplicateJsonKey(),
          new PolicyShape(),
          new UnknownElement(),
          new MissingVersion(),
          new BadVersion(),
          new EffectInvalid(),
          new PrincipalMissing(),
          new ActionMissing(),
          new ResourceMissing(),
          new EmptyValues(),
          new SizeLimit(),
          new IllegalCharacters(),
          new DuplicateSid(),
          new UnresolvedPlaceholder(),
          new ForeignServiceAction(),
          new UnknownAction(),
          new NonKeyAction(),
          new ActionCase(),
          new ResourceForeignArn(),
          new ResourceNotStar(),
          new NotResourceUsed(),
          new PrincipalFormat(),
          new PrincipalPartialWildcard(),
          new UnknownConditionKey(),
          new KeyNotSupportedByAction(),
          new UnknownOperator(),
          new OperatorTypeMismatch(),
          new BadConditionValue(),
          new WildcardWithoutLike(),
          new SetOperatorMisuse(),
          new VariableMisuse(),
          new RedundantAction());
}
