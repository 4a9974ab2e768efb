package io.flowdesk.connectors.etl.transform;

import io.flowdesk.connectors.etl.RowExpression;

/**
 * One column of the transformed row: either a source column (possibly renamed) or a value derived
 * by an expression, cast to {@link #type()}.
 *
 * @param name the column's name in the target
 * @param sourceColumn the source column it is read from, or {@code null} for a derived column
 * @param expression the expression computing a derived column, or {@code null}
 * @param type the type the value is cast to
 * @param required whether a null value rejects the row
 */
public record OutputColumn(
    String name, String sourceColumn, RowExpression expression, ColumnType type, boolean required) {

  public boolean derived() {
    return expression != null;
  }
}
