package io.flowdesk.engine.execution;

import io.flowdesk.engine.model.FlowElement;
import io.flowdesk.engine.state.ElementInstance;
import io.flowdesk.engine.state.ElementInstance.State;

/**
 * The job worker implementation of an ad-hoc sub-process (a {@code zeebe:taskDefinition} on it,
 * Camunda 8.8's AI Agent Sub-process pattern), as Camunda 8.8 documents it: a job on activation and
 * again each time a flow inside ends; the worker completes it with an {@code adHocSubProcess} job
 * result naming the elements to activate, or fulfilling the completion condition (then canceling
 * what still runs, or waiting for it). One job at a time: a job still open when a flow ends is
 * withdrawn and created anew, so the worker may get NOT_FOUND when it completes the old one.
 */
final class AdHocJobWorker {

  private final ExecutionContext context;

  AdHocJobWorker(final ExecutionContext context) {
    this.context = context;
  }

  /** Whether the ad-hoc sub-process is implemented by a job worker. */
  static boolean implementedBy(final FlowElement adHocSubProcess) {
    return adHocSubProcess.jobBased();
  }

  /**
   * The worker completed the sub-process's job; the result was checked by the caller (every element
   * activatable, not both activating and fulfilling).
   */
  void jobCompleted(final ElementInstance scope, final JobResult.AdHocResult result) {
    final AdHocSubProcessProcessor processor = context.processors().adHocSubProcess();
    if (!result.completionConditionFulfilled()) {
      processor.activateElements(
          scope, new AdHocActivation(result.activateElements(), result.cancelRemainingInstances()));
      return;
    }
    if (result.cancelRemainingInstances()) {
      if (context.termination().terminateRemaining(scope, true)) {
        context.transitions().completeNow(scope);
      }
      return;
    }
    if (context.state().children(scope.key()).isEmpty()) {
      context.transitions().completeNow(scope);
    } else {
      // Waits for what still runs; kept on the instance, as the last of it ends in a later command.
      context.state().completionConditionFulfilled(scope);
    }
  }

  /**
   * A flow inside ended: the worker decides again, with a new job, unless it fulfilled the
   * completion condition already (then the sub-process completes once nothing runs inside).
   */
  void flowEnded(final ElementInstance scope, final FlowElement element) {
    if (scope.state() != State.ACTIVATED || scope.completionConditionFulfilled()) {
      return;
    }
    context.termination().withdrawJobs(scope);
    context.jobs().createAdHocSubProcessJob(scope, element);
  }
}
