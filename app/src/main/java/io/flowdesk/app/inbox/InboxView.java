package io.flowdesk.app.inbox;

/** Which tasks the inbox lists. */
public enum InboxView {
  /** Assigned to me. */
  MINE,
  /** Offered to one of my groups (assigned or not). */
  GROUPS,
  /** Everything I may see: my groups' and mine; all open tasks for managers and admins. */
  ALL;

  static InboxView parse(final String value) {
    for (final InboxView view : values()) {
      if (view.name().equalsIgnoreCase(value)) {
        return view;
      }
    }
    return GROUPS;
  }
}
