package io.flowdesk.engine.feel;

import java.util.List;

/**
 * A {@link FeelResult} plus the warnings FEEL reported while producing it. FEEL turns many problems
 * (unknown variable, unknown function, incompatible types) into {@code null} instead of failing;
 * the warnings say why, which Zeebe appends to incident messages such as "expected BOOLEAN but was
 * NULL".
 */
public record FeelEvaluation(FeelResult result, List<String> warnings) {

  public FeelEvaluation {
    warnings = List.copyOf(warnings);
  }
}
