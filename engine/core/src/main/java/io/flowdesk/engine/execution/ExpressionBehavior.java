package io.flowdesk.engine.execution;

import io.flowdesk.engine.feel.FeelEvaluator;
import io.flowdesk.engine.feel.FeelResult;
import io.flowdesk.engine.model.Expression;
import io.flowdesk.engine.model.IoMapping;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Evaluates an element's expressions; every failure comes back as a {@link Failure}. */
final class ExpressionBehavior {

  private final FeelEvaluator feel;

  ExpressionBehavior(final FeelEvaluator feel) {
    this.feel = feel;
  }

  Object evaluate(
      final Expression expression,
      final Function<String, Optional<Object>> variables,
      final String errorType) {
    if (!expression.feel()) {
      return expression.text();
    }
    final FeelResult result = feel.evaluate(expression.text(), variables);
    if (result instanceof FeelResult.Value value) {
      return value.value();
    }
    throw new Failure(
            errorType,
            "Expected to evaluate expression '"
                + expression.text()
                + "', but failed: "
                + ((FeelResult.Failure) result).message())
        .raise();
  }

  String evaluateString(
      final Expression expression, final Function<String, Optional<Object>> variables) {
    final Object value = evaluate(expression, variables, "EXTRACT_VALUE_ERROR");
    if (value instanceof String text) {
      return text;
    }
    throw Failure.extractValue(unexpectedType(expression, "STRING", value)).raise();
  }

  long evaluateLong(
      final Expression expression, final Function<String, Optional<Object>> variables) {
    final Object value = evaluate(expression, variables, "EXTRACT_VALUE_ERROR");
    if (value instanceof Number number) {
      return number.longValue();
    }
    if (!expression.feel() && value instanceof String text) {
      try {
        return new BigDecimal(text.strip()).longValueExact();
      } catch (NumberFormatException | ArithmeticException e) {
        // falls through to the type error below
      }
    }
    throw Failure.extractValue(unexpectedType(expression, "NUMBER", value)).raise();
  }

  boolean evaluateCondition(
      final Expression expression, final Function<String, Optional<Object>> variables) {
    final Object value = evaluate(expression, variables, "CONDITION_ERROR");
    if (value instanceof Boolean bool) {
      return bool;
    }
    throw Failure.condition(unexpectedType(expression, "BOOLEAN", value)).raise();
  }

  /** Evaluates mappings in order; a later mapping sees none of the earlier ones' results. */
  Map<String, Object> evaluateMappings(
      final List<IoMapping> mappings, final Function<String, Optional<Object>> variables) {
    final Map<String, Object> result = new LinkedHashMap<>();
    for (final IoMapping mapping : mappings) {
      final Object value = evaluate(mapping.source(), variables, "IO_MAPPING_ERROR");
      NestedTarget.put(result, mapping.target(), value);
    }
    return result;
  }

  private static String unexpectedType(
      final Expression expression, final String expected, final Object value) {
    return "Expected result of the expression '"
        + expression.text()
        + "' to be '"
        + expected
        + "', but was '"
        + typeName(value)
        + "'.";
  }

  static String typeName(final Object value) {
    if (value == null) {
      return "NULL";
    }
    if (value instanceof String) {
      return "STRING";
    }
    if (value instanceof Number) {
      return "NUMBER";
    }
    if (value instanceof Boolean) {
      return "BOOLEAN";
    }
    if (value instanceof List) {
      return "ARRAY";
    }
    if (value instanceof Map) {
      return "OBJECT";
    }
    return value.getClass().getSimpleName().toUpperCase(Locale.ROOT);
  }
}
