package io.flowdesk.domain.cmdb;

/** What values an attribute a CI class defines takes. */
public enum AttributeType {
  /** Up to {@link CiValidation#TEXT} characters. */
  TEXT,
  /** A decimal number. */
  NUMBER,
  /** A calendar date, ISO 8601 ({@code 2027-03-31}). */
  DATE,
  /** One of the definition's options, exactly as written there. */
  CHOICE,
  /** The id (UUID) of another configuration item. */
  REFERENCE
}
