package io.flowdesk.engine.execution;

import io.flowdesk.engine.model.BpmnEventType;
import io.flowdesk.engine.state.ElementInstance;
import io.flowdesk.engine.state.UserTaskRow;
import java.util.List;
import java.util.Map;

/**
 * How an instance reaches the other instances of its call hierarchy inside the same command: the
 * command locked the hierarchy's root, so parent and children change in one transaction.
 */
public interface CallHierarchy {

  /** Starts the called process for the call activity instance, with these variables. */
  void startChild(
      ElementInstance callActivity, long processDefinitionKey, Map<String, Object> variables);

  /**
   * Cancels the instance the call activity started, if it still runs, at once. Answers the user
   * tasks whose canceling listeners hold up that instance's termination (in it or in the instances
   * it called): empty when it ended now, else it ends after them and then tells the call activity
   * ({@link #terminatedForParent}).
   */
  List<UserTaskRow> cancelChildOf(ElementInstance callActivity);

  /**
   * The user tasks whose canceling listeners hold up the termination of the instance the call
   * activity started, which an earlier command began.
   */
  List<UserTaskRow> holdingChildOf(ElementInstance callActivity);

  /**
   * This instance, whose termination its parent's call activity waited for, has terminated: the
   * call activity terminates, and the {@code continuations} that waited for it (those of the parent
   * and its ancestors) go on.
   */
  void terminatedForParent(List<Map<String, Object>> continuations);

  /** This instance completed: its parent's call activity completes with these variables. */
  void completeParent(Map<String, Object> variables);

  /**
   * An error or escalation nothing in this instance catches goes on to the parent's call activity;
   * answers whether something there caught it.
   */
  boolean throwToParent(BpmnEventType type, String code, Map<String, Object> variables);

  /** For an instance without call activities and without parent. */
  CallHierarchy NONE =
      new CallHierarchy() {
        @Override
        public void startChild(
            final ElementInstance callActivity,
            final long processDefinitionKey,
            final Map<String, Object> variables) {
          throw new IllegalStateException("No call hierarchy to start a child in");
        }

        @Override
        public List<UserTaskRow> cancelChildOf(final ElementInstance callActivity) {
          return List.of();
        }

        @Override
        public List<UserTaskRow> holdingChildOf(final ElementInstance callActivity) {
          return List.of();
        }

        @Override
        public void terminatedForParent(final List<Map<String, Object>> continuations) {}

        @Override
        public void completeParent(final Map<String, Object> variables) {}

        @Override
        public boolean throwToParent(
            final BpmnEventType type, final String code, final Map<String, Object> variables) {
          return false;
        }
      };
}
