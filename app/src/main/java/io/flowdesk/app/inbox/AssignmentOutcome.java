package io.flowdesk.app.inbox;

import java.io.Serializable;

/**
 * What became of one task of a bulk assignment, shown in the inbox after the redirect (kept in the
 * session in between, hence serializable).
 *
 * @param task the task's name and key; only its key when the worker may not see it
 * @param refusal why it was not assigned, or null when it was
 */
public record AssignmentOutcome(String task, String assignee, String refusal)
    implements Serializable {

  public boolean assigned() {
    return refusal == null;
  }
}
