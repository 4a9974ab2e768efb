package io.flowdesk.engine.execution;

import io.flowdesk.engine.model.FlowElement;
import io.flowdesk.engine.model.TaskListener;
import io.flowdesk.engine.state.ElementInstance;
import io.flowdesk.engine.state.UserTaskRow;
import java.util.List;

/**
 * User tasks: a Camunda user task (a row in {@code engine.user_task}, created through its creating
 * task listeners when it has any) or a job-based one (a job of type {@code
 * io.camunda.zeebe:userTask}). A Camunda user task with canceling listeners holds its termination
 * up until they completed.
 */
final class UserTaskProcessor implements BpmnElementProcessor {

  private final ExecutionContext context;

  UserTaskProcessor(final ExecutionContext context) {
    this.context = context;
  }

  @Override
  public void activate(final ElementInstance instance, final FlowElement element) {
    context.subscriptions().open(instance, element);
    final UserTaskBehavior userTasks = context.userTasks();
    final TaskListenerBehavior taskListeners = context.taskListeners();
    if (element.jobBased()) {
      context.jobs().createJob(instance, element, userTasks.jobHeaders(instance, element));
    } else if (element.userTask().taskListeners().isEmpty()) {
      userTasks.createUserTask(instance, element);
    } else if (taskListeners.create(userTasks.newUserTask(instance, element, "CREATED"))) {
      return; // activated once its creating listeners completed
    } else {
      context.transitions().markActivated(instance);
      taskListeners.created();
      return;
    }
    context.transitions().markActivated(instance);
  }

  @Override
  public void complete(final ElementInstance instance, final FlowElement element) {
    context.transitions().leave(instance, element);
  }

  /** A Camunda user task without canceling listeners is canceled with its element. */
  @Override
  public boolean terminate(final ElementInstance instance, final FlowElement element) {
    if (!element.jobBased() && !hasCancelingListeners(element)) {
      context.state().cancelUserTaskOf(instance.key());
    }
    return true;
  }

  /** The canceling listeners' jobs are created after the task's own jobs were canceled. */
  @Override
  public boolean terminated(final ElementInstance instance, final FlowElement element) {
    if (element.jobBased() || !hasCancelingListeners(element)) {
      return true;
    }
    final UserTaskRow holding = context.taskListeners().cancel(instance.key());
    if (holding == null) {
      return true;
    }
    context.termination().heldUpBy(List.of(holding));
    return false;
  }

  private static boolean hasCancelingListeners(final FlowElement element) {
    return !element.userTask().listeners(TaskListener.EventType.CANCELING).isEmpty();
  }
}
