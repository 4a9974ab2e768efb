package io.flowdesk.engine.instance;

import io.flowdesk.engine.deployment.ProcessDefinition;
import io.flowdesk.engine.execution.BpmnExecution;
import io.flowdesk.engine.state.InstanceState;
import io.flowdesk.engine.state.ProcessInstanceRow;
import io.flowdesk.engine.support.Rejection;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How the features (timers, messages and signals in {@code event}, jobs, user tasks) run a command
 * on a process instance: one transaction, the instance locked and loaded, the execution applied,
 * the changes written back and the listeners told after the commit. {@code
 * command.InstanceCommands} implements it; the features see only this port, so that {@code command}
 * depends on them and never the other way round.
 */
public interface ProcessInstanceCommands {

  /**
   * Runs {@code command} on the locked, loaded instance; {@code notFound} names the problem when
   * the instance does not exist or has ended.
   */
  <T> T onInstance(
      long processInstanceKey,
      Function<Long, Rejection> notFound,
      BiFunction<InstanceState, BpmnExecution, T> command);

  /**
   * Runs {@code command}, in the caller's transaction, on an instance that transaction has locked
   * and loaded already ({@link io.flowdesk.engine.state.InstanceStore#queueLockAndLoad}). When the
   * caller holds a message's lock, the command waits for no other: a subscription it opens whose
   * message lock another transaction holds fails it, and the caller's transaction must roll back.
   */
  <T> T onLockedInstance(
      InstanceState locked,
      boolean callerHoldsMessageLock,
      Function<Long, Rejection> notFound,
      BiFunction<InstanceState, BpmnExecution, T> command);

  /** Runs {@code command} on the instance the job belongs to. */
  <T> T onInstanceOfJob(
      long jobKey,
      Supplier<Rejection> notFound,
      BiFunction<InstanceState, BpmnExecution, T> command);

  /**
   * As {@link #onInstanceOfJob}, also when the instance has ended: the canceling listeners of a
   * canceled instance's user tasks still run.
   */
  <T> T onEndedInstanceOfJob(
      long jobKey,
      Supplier<Rejection> notFound,
      BiFunction<InstanceState, BpmnExecution, T> command);

  /**
   * Creates an instance that starts at a timer, message or signal start event; joins the caller's
   * transaction when there is one, so the trigger and the new instance commit together.
   */
  ProcessInstanceRow createAt(
      ProcessDefinition definition, String startEventId, Map<String, Object> variables);
}
