package io.flowdesk.engine.execution;

import io.flowdesk.engine.model.BpmnEventType;
import io.flowdesk.engine.state.ElementInstance;
import java.util.Map;

/**
 * How an instance reaches the other instances of its call hierarchy inside the same command: the
 * command locked the hierarchy's root, so parent and children change in one transaction.
 */
public interface CallHierarchy {

  /** Starts the called process for the call activity instance, with these variables. */
  void startChild(
      ElementInstance callActivity, long processDefinitionKey, Map<String, Object> variables);

  /** Cancels the instance the call activity started, if it still runs. */
  void cancelChildOf(ElementInstance callActivity);

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
        public void cancelChildOf(final ElementInstance callActivity) {}

        @Override
        public void completeParent(final Map<String, Object> variables) {}

        @Override
        public boolean throwToParent(
            final BpmnEventType type, final String code, final Map<String, Object> variables) {
          return false;
        }
      };
}
