package io.flowdesk.domain.directory;

/** The kinds of event Flowdesk tells people about; each person chooses channels per kind. */
public enum NotificationKind {
  /** Your incident or request was opened, commented, resolved, fulfilled or rejected. */
  MY_RECORD_UPDATES("Updates to my incidents and requests"),
  /** An approval waits for your decision. */
  APPROVAL_REQUESTS("Approvals waiting for me"),
  /** A record of a group you manage missed its response or resolution target. */
  SLA_BREACHES("SLA breaches in groups I manage"),
  /** A record was assigned to you (agents). */
  ASSIGNED_TO_ME("Records assigned to me"),
  /** Comments, resolutions and major-incident communications on records you watch. */
  WATCHED_RECORDS("Records I watch");

  private final String label;

  NotificationKind(final String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
