package io.flowdesk.connectors.etl.transform;

/** What the transform made of one source row. */
public sealed interface Outcome {

  /** The row, typed, in the order of the transform's output columns. */
  record Accepted(Object[] values) implements Outcome {}

  /** A filter left the row out; it is not an error. */
  record Filtered() implements Outcome {}

  /** The row cannot be loaded, for {@code reason} (which names the column or check). */
  record Rejected(String reason) implements Outcome {}
}
