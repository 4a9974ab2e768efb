package io.flowdesk.domain.record;

/** Comments are visible to the requester or caller; work notes are internal to agents. */
public enum JournalKind {
  COMMENT,
  WORK_NOTE;

  /** The audit trail's field for an entry of this kind. */
  String auditField() {
    return this == COMMENT ? "comment" : "workNote";
  }
}
