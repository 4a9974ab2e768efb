package io.flowdesk.engine.execution;

import io.flowdesk.engine.model.ExecutableProcess;
import io.flowdesk.engine.state.InstanceState;

/**
 * Everything one command's execution of one instance works with: its state, its process, and the
 * behaviours the agenda and the processors share. Built once per command by {@link BpmnExecution};
 * the behaviours are created in the order they depend on each other, the processors last.
 */
final class ExecutionContext {

  private final InstanceState state;
  private final ExecutableProcess process;
  private final EngineServices services;
  private final ElementRecords records;
  private final VariableBehavior variables;
  private final ExpressionBehavior expressions;
  private final EventSubscriptionBehavior subscriptions;
  private final UserTaskBehavior userTasks;
  private final MultiInstanceBehavior multiInstance;
  private final EventVariables eventVariables = new EventVariables();
  private final ElementProcessors processors = new ElementProcessors();
  private final IncidentBehavior incidents;
  private final JobBehavior jobs;
  private final ExecutionListenerBehavior executionListeners;
  private final Agenda agenda;
  private final ElementTransitions transitions;
  private final TaskListenerBehavior taskListeners;
  private final ElementTermination termination;
  private final EventTriggerBehavior triggers;
  private final EventThrowBehavior throwing;
  private final CalledResources calledResources;
  private final CompensationBehavior compensation;

  private CallHierarchy hierarchy = CallHierarchy.NONE;

  ExecutionContext(
      final InstanceState state, final ExecutableProcess process, final EngineServices services) {
    this.state = state;
    this.process = process;
    this.services = services;
    this.records = new ElementRecords(state);
    this.variables = new VariableBehavior(state, services.keys());
    this.expressions = new ExpressionBehavior(services.feel());
    this.subscriptions =
        new EventSubscriptionBehavior(state, process, services, variables, expressions);
    this.userTasks = new UserTaskBehavior(state, services, variables, expressions);
    this.multiInstance = new MultiInstanceBehavior(state, variables, expressions);
    this.incidents = new IncidentBehavior(state, services);
    this.jobs = new JobBehavior(state, services, variables, expressions);
    this.executionListeners = new ExecutionListenerBehavior(jobs);
    this.agenda = new Agenda(this);
    this.transitions = new ElementTransitions(this);
    this.taskListeners =
        new TaskListenerBehavior(
            state, process, services, variables, expressions, new TaskListenerOutcomes(this));
    this.termination =
        new ElementTermination(
            state,
            process,
            services,
            records,
            subscriptions,
            multiInstance,
            processors,
            () -> hierarchy,
            transitions.resumption());
    this.triggers = new EventTriggerBehavior(this);
    this.throwing = new EventThrowBehavior(this);
    this.calledResources = new CalledResources(state, services);
    this.compensation = new CompensationBehavior(this);
    processors.registerAll(this);
  }

  InstanceState state() {
    return state;
  }

  ExecutableProcess process() {
    return process;
  }

  EngineServices services() {
    return services;
  }

  ElementRecords records() {
    return records;
  }

  VariableBehavior variables() {
    return variables;
  }

  ExpressionBehavior expressions() {
    return expressions;
  }

  EventSubscriptionBehavior subscriptions() {
    return subscriptions;
  }

  UserTaskBehavior userTasks() {
    return userTasks;
  }

  MultiInstanceBehavior multiInstance() {
    return multiInstance;
  }

  EventVariables eventVariables() {
    return eventVariables;
  }

  ElementProcessors processors() {
    return processors;
  }

  IncidentBehavior incidents() {
    return incidents;
  }

  JobBehavior jobs() {
    return jobs;
  }

  ExecutionListenerBehavior executionListeners() {
    return executionListeners;
  }

  Agenda agenda() {
    return agenda;
  }

  ElementTransitions transitions() {
    return transitions;
  }

  TaskListenerBehavior taskListeners() {
    return taskListeners;
  }

  ElementTermination termination() {
    return termination;
  }

  EventTriggerBehavior triggers() {
    return triggers;
  }

  EventThrowBehavior throwing() {
    return throwing;
  }

  CalledResources calledResources() {
    return calledResources;
  }

  CompensationBehavior compensation() {
    return compensation;
  }

  CallHierarchy hierarchy() {
    return hierarchy;
  }

  void inHierarchy(final CallHierarchy callHierarchy) {
    this.hierarchy = callHierarchy;
  }
}
