package io.flowdesk.engine.execution;

import io.flowdesk.engine.support.Rejection;
import java.util.List;

/**
 * What a worker reports besides variables when it completes a job: for a task listener's job
 * whether it denies the lifecycle transition and corrections of the user task; for the job of an
 * ad-hoc sub-process implemented by a job worker what the sub-process does next.
 *
 * @param denied the transition is refused, the task keeps its previous state and data
 * @param deniedReason why, for the requester; may be null
 * @param corrections changes to apply with the transition; never null
 * @param adHoc the ad-hoc sub-process result; null unless the result's type is {@code
 *     adHocSubProcess}
 */
public record JobResult(
    boolean denied, String deniedReason, Corrections corrections, AdHocResult adHoc) {

  /** No result given: nothing denied, nothing corrected. */
  public static final JobResult NONE = new JobResult(false, null, Corrections.NONE, null);

  /** The result types Camunda 8.8 defines (gRPC {@code JobResult.type}, REST {@code type}). */
  public static final String USER_TASK = "userTask";

  public static final String AD_HOC_SUB_PROCESS = "adHocSubProcess";

  /** A user task result: {@code userTask} is the default type when none is given. */
  public static JobResult ofType(
      final String type,
      final boolean denied,
      final String deniedReason,
      final Corrections corrections) {
    if (type != null && !type.isEmpty() && !USER_TASK.equals(type)) {
      throw Rejection.invalidArgument(
          "Expected the job result type to be 'userTask' or 'adHocSubProcess', but was '"
              + type
              + "'");
    }
    return new JobResult(
        denied, deniedReason, corrections == null ? Corrections.NONE : corrections, null);
  }

  /** An ad-hoc sub-process result. */
  public static JobResult ofAdHoc(final AdHocResult adHoc) {
    return new JobResult(false, null, Corrections.NONE, adHoc);
  }

  /** Whether this result asks for anything of a user task. */
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

  /**
   * What the worker of an ad-hoc sub-process decided: the inner elements to activate, each with
   * variables local to its new instance, or that the completion condition is fulfilled (then
   * whether what still runs inside is canceled).
   */
  public record AdHocResult(
      List<AdHocActivation.Element> activateElements,
      boolean completionConditionFulfilled,
      boolean cancelRemainingInstances) {

    /** A completion without a result: nothing activated, not fulfilled. */
    public static final AdHocResult NONE = new AdHocResult(List.of(), false, false);
  }
}
