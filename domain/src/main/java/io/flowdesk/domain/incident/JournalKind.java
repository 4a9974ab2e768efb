package io.flowdesk.domain.incident;

/** Comments are visible to the caller; work notes are internal to agents. */
public enum JournalKind {
  COMMENT,
  WORK_NOTE
}
