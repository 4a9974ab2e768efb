package io.flowdesk.connectors.rpa;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A validated browser script: typed steps run in order in one fresh browser context. Written as a
 * small JSON document (see the connectors README) so it can travel in a task header or variable.
 */
public record RpaScript(List<RpaStep> steps) {

  public RpaScript {
    steps = List.copyOf(steps);
  }

  /**
   * Parses and validates a JSON script.
   *
   * @throws RpaScriptException naming the step index and field of the first problem found
   */
  public static RpaScript parse(final String json) {
    return new RpaScriptParser().parse(json);
  }

  /** The names of all secrets the fill steps ask for. */
  public Set<String> secretNames() {
    final Set<String> names = new LinkedHashSet<>();
    for (final RpaStep step : steps) {
      if (step instanceof RpaStep.Fill fill && fill.secret() != null) {
        names.add(fill.secret());
      }
    }
    return names;
  }

  /**
   * Checks that every {@code ${name}} reference is either one of {@code inputs} or written by an
   * earlier extract step.
   *
   * @throws RpaScriptException naming the first step with an unknown reference
   */
  public void requireReferencesWithin(final Set<String> inputs) {
    final Set<String> known = new HashSet<>(inputs);
    for (int index = 0; index < steps.size(); index++) {
      final RpaStep step = steps.get(index);
      for (final String template : step.templates()) {
        for (final String name : Template.references(template)) {
          if (!known.contains(name)) {
            throw new RpaScriptException(
                index,
                null,
                "${" + name + "} is neither an input of this run nor extracted by an earlier step");
          }
        }
      }
      step.writes().ifPresent(known::add);
    }
  }
}
