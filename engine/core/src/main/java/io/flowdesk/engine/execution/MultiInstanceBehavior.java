package io.flowdesk.engine.execution;

import io.flowdesk.engine.model.BpmnElementType;
import io.flowdesk.engine.model.MultiInstance;
import io.flowdesk.engine.state.ElementInstance;
import io.flowdesk.engine.state.InstanceState;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bookkeeping of a multi-instance body, as Zeebe keeps it in the body's scope: the {@code
 * numberOf...} counters, the output collection and each inner instance's {@code loopCounter}.
 */
final class MultiInstanceBehavior {

  static final String LOOP_COUNTER = "loopCounter";
  private static final String INSTANCES = "numberOfInstances";
  private static final String ACTIVE = "numberOfActiveInstances";
  private static final String COMPLETED = "numberOfCompletedInstances";
  private static final String TERMINATED = "numberOfTerminatedInstances";

  private final InstanceState state;
  private final VariableBehavior variables;
  private final ExpressionBehavior expressions;

  MultiInstanceBehavior(
      final InstanceState state,
      final VariableBehavior variables,
      final ExpressionBehavior expressions) {
    this.state = state;
    this.variables = variables;
    this.expressions = expressions;
  }

  /** Whether {@code instance} is one of the inner instances of a multi-instance body. */
  boolean isInner(final ElementInstance instance) {
    return state
        .elementInstance(instance.flowScopeKey())
        .filter(scope -> scope.type() == BpmnElementType.MULTI_INSTANCE_BODY)
        .filter(scope -> scope.elementId().equals(instance.elementId()))
        .isPresent();
  }

  /** The input collection, evaluated in the body's scope; a non-list raises a failure. */
  List<?> inputCollection(final ElementInstance body, final MultiInstance loop) {
    final Object value =
        expressions.evaluate(
            loop.inputCollection(), variables.lookupFrom(body.key()), "EXTRACT_VALUE_ERROR");
    if (value instanceof List<?> list) {
      return list;
    }
    throw Failure.extractValue(
            "Expected result of the expression '"
                + loop.inputCollection().text()
                + "' to be 'ARRAY', but was '"
                + ExpressionBehavior.typeName(value)
                + "'.")
        .raise();
  }

  void initialise(final ElementInstance body, final MultiInstance loop, final int size) {
    variables.setLocal(body.key(), INSTANCES, size);
    variables.setLocal(body.key(), ACTIVE, 0);
    variables.setLocal(body.key(), COMPLETED, 0);
    variables.setLocal(body.key(), TERMINATED, 0);
    if (loop.outputCollection() != null) {
      final List<Object> nulls = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        nulls.add(null);
      }
      variables.setLocal(body.key(), loop.outputCollection(), nulls);
    }
  }

  /** The variables an inner instance starts with: its item and its loop counter. */
  void initialiseInner(
      final ElementInstance inner, final MultiInstance loop, final Object item, final int counter) {
    if (loop.inputElement() != null) {
      variables.setLocal(inner.key(), loop.inputElement(), item);
    }
    variables.setLocal(inner.key(), LOOP_COUNTER, counter);
    add(inner.flowScopeKey(), ACTIVE, 1);
  }

  int completed(final ElementInstance body) {
    return number(body.key(), COMPLETED);
  }

  int size(final ElementInstance body) {
    return number(body.key(), INSTANCES);
  }

  /**
   * An inner instance completes: its output element goes into the output collection at its loop
   * counter; answers whether the completion condition ends the whole body now.
   */
  boolean innerCompleted(final ElementInstance inner, final MultiInstance loop) {
    final long bodyKey = inner.flowScopeKey();
    if (loop.outputCollection() != null && loop.outputElement() != null) {
      final Object output =
          expressions.evaluate(
              loop.outputElement(), variables.lookupFrom(inner.key()), "EXTRACT_VALUE_ERROR");
      final int index = number(inner.key(), LOOP_COUNTER) - 1;
      final List<Object> collection =
          new ArrayList<>(
              (List<?>)
                  state
                      .localVariable(bodyKey, loop.outputCollection())
                      .map(InstanceState.Variable::value)
                      .orElse(List.of()));
      if (index >= 0 && index < collection.size()) {
        collection.set(index, output);
        variables.setLocal(bodyKey, loop.outputCollection(), collection);
      }
    }
    add(bodyKey, ACTIVE, -1);
    add(bodyKey, COMPLETED, 1);
    return loop.completionCondition() != null
        && expressions.evaluateCondition(
            loop.completionCondition(), variables.lookupFrom(inner.key()));
  }

  void innerTerminated(final ElementInstance inner) {
    add(inner.flowScopeKey(), ACTIVE, -1);
    add(inner.flowScopeKey(), TERMINATED, 1);
  }

  /** The output collection to hand to the body's flow scope when it completes. */
  Optional<Map.Entry<String, Object>> output(final ElementInstance body, final MultiInstance loop) {
    if (loop.outputCollection() == null) {
      return Optional.empty();
    }
    final Object value =
        state
            .localVariable(body.key(), loop.outputCollection())
            .map(InstanceState.Variable::value)
            .orElse(List.of());
    return Optional.of(new AbstractMap.SimpleEntry<>(loop.outputCollection(), value));
  }

  private int number(final long scopeKey, final String name) {
    return state
        .localVariable(scopeKey, name)
        .map(InstanceState.Variable::value)
        .map(value -> ((Number) value).intValue())
        .orElse(0);
  }

  private void add(final long scopeKey, final String name, final int delta) {
    variables.setLocal(scopeKey, name, number(scopeKey, name) + delta);
  }
}
