package io.flowdesk.connectors.etl;

import java.util.Map;

/**
 * An expression evaluated against one row: a derived column's value, a filter or a validation
 * check. In the product the worker backs it with a FEEL expression; the connectors only see this
 * interface, so they carry no expression language of their own.
 *
 * <p>The row is a read-only view keyed by column name: the output columns with their typed values
 * (those not computed yet are null), and the source columns under their source names, as read. An
 * expression that throws makes its row a reject, with the exception's message as the reason.
 */
@FunctionalInterface
public interface RowExpression {

  /** Answers the expression's value for {@code row}; {@code null} is a legal answer. */
  Object evaluate(Map<String, Object> row);
}
