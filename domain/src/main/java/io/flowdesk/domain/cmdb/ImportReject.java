package io.flowdesk.domain.cmdb;

/** A row of an import that was not loaded, where the source has it, and why. */
public record ImportReject(Kind kind, long row, String reason) {

  /** Which input the row belongs to. */
  public enum Kind {
    CI,
    RELATIONSHIP
  }
}
