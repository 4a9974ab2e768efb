package io.flowdesk.engine.execution;

import io.flowdesk.engine.support.Rejection;
import java.util.List;

/**
 * What a worker reports besides variables when it completes a task listener's job: whether it
 * denies the lifecycle transition, and corrections of the user task.
 *
 * @param denied the transition is refused, the task keeps its previous state and data
 * @param deniedReason why, for the requester; may be null
 * @param corrections changes to apply with the transition; never null
 */
public record JobResult(boolean denied, String deniedReason, Corrections corrections) {

  /** No result given: nothing denied, nothing corrected. */
  public static final JobResult NONE = new JobResult(false, null, Corrections.NONE);

  /**
   * A result of the given type; only {@code userTask} (the default) is a result this engine reads.
   */
  public static JobResult ofType(
      final String type,
      final boolean denied,
      final String deniedReason,
      final Corrections corrections) {
    if (type != null && !type.isEmpty() && !"userTask".equals(type)) {
      throw Rejection.invalidArgument(
          "Expected the job result type to be 'userTask', but was '"
              + type
              + "'; ad-hoc sub-process results are not supported");
    }
    return new JobResult(
        denied, deniedReason, corrections == null ? Corrections.NONE : corrections);
  }

  /** Whether this result asks for anything. */
  public boolean given() {
    return denied || !corrections.isEmpty();
  }

  /**
   * Corrected user task attributes; null means "keep". An empty string clears the assignee or a
   * date, an empty list clears candidates.
   */
  public record Corrections(
      String assignee,
      String dueDate,
      String followUpDate,
      List<String> candidateUsers,
      List<String> candidateGroups,
      Integer priority) {

    public static final Corrections NONE = new Corrections(null, null, null, null, null, null);

    public boolean isEmpty() {
      return equals(NONE);
    }
  }
}
