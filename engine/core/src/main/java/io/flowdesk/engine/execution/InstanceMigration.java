package io.flowdesk.engine.execution;

import io.flowdesk.engine.model.BpmnElementType;
import io.flowdesk.engine.model.EventDefinition;
import io.flowdesk.engine.model.ExecutableProcess;
import io.flowdesk.engine.model.FlowElement;
import io.flowdesk.engine.state.ElementInstance;
import io.flowdesk.engine.state.InstanceState;
import io.flowdesk.engine.state.MigrationChanges;
import io.flowdesk.engine.support.Rejection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Moves a running instance onto another process definition, Camunda 8.8's process instance
 * migration: checks the whole plan against the instance first and refuses it with every problem,
 * naming each element, before anything changes; then maps the element instances, their jobs and
 * subscriptions onto the target's elements.
 */
final class InstanceMigration {

  /** What happens to one subscription of an element instance. */
  private record EventPlan(
      ElementInstance owner, List<String[]> kept, List<String> closed, List<FlowElement> opened) {}

  private final InstanceState state;
  private final ExecutableProcess source;
  private final ExecutableProcess target;
  private final long targetKey;
  private final int targetVersion;
  private final EngineServices services;
  private final VariableBehavior variables;
  private final ExpressionBehavior expressions;
  private final ElementRecords records;
  private final Map<String, String> mapping = new LinkedHashMap<>();
  // A multi-instance body and its inner instances share their problems: each is named once.
  private final Set<String> problems = new LinkedHashSet<>();

  InstanceMigration(
      final InstanceState state,
      final ExecutableProcess source,
      final ExecutableProcess target,
      final long targetKey,
      final int targetVersion,
      final EngineServices services,
      final VariableBehavior variables,
      final ExpressionBehavior expressions,
      final ElementRecords records) {
    this.state = state;
    this.source = source;
    this.target = target;
    this.targetKey = targetKey;
    this.targetVersion = targetVersion;
    this.services = services;
    this.variables = variables;
    this.expressions = expressions;
    this.records = records;
  }

  void migrate(final List<Migration.MappingInstruction> instructions) {
    readInstructions(instructions);
    refuseIfProblems(Rejection::invalidArgument);
    final List<ElementInstance> active = allInstances();
    final Map<Long, String> jobTypes = new HashMap<>();
    for (final ElementInstance instance : active) {
      if (!instance.isProcess()) {
        checkElement(instance, jobTypes);
      }
    }
    final List<EventPlan> events = new ArrayList<>();
    for (final ElementInstance instance : active) {
      final FlowElement to = targetOf(instance);
      if (to != null) {
        events.add(planEvents(instance, source.element(instance.elementId()), to));
      }
    }
    final List<String[]> joinPoints = checkJoinPoints(active);
    refuseIfProblems(Rejection::invalidState);
    apply(active, jobTypes, events, joinPoints);
  }

  // ---- checks

  private void readInstructions(final List<Migration.MappingInstruction> instructions) {
    final Set<String> duplicates = new LinkedHashSet<>();
    for (final Migration.MappingInstruction instruction : instructions) {
      final String from = instruction.sourceElementId();
      final String to = instruction.targetElementId();
      if (from == null || from.isBlank() || to == null || to.isBlank()) {
        problems.add("a mapping instruction lacks its source or target element id");
        continue;
      }
      if (mapping.putIfAbsent(from, to) != null) {
        duplicates.add(from);
      }
      if (!source.elements().containsKey(from)) {
        problems.add(
            "the source element '"
                + from
                + "' of a mapping instruction does not exist in process '"
                + source.bpmnProcessId()
                + "'");
      }
      if (!target.elements().containsKey(to)) {
        problems.add(
            "the target element '"
                + to
                + "' of a mapping instruction does not exist in process '"
                + target.bpmnProcessId()
                + "'");
      }
    }
    if (!duplicates.isEmpty()) {
      problems.add(
          "the mapping instructions map the source elements "
              + duplicates.stream().map(id -> "'" + id + "'").toList()
              + " more than once");
    }
  }

  private List<ElementInstance> allInstances() {
    final List<ElementInstance> all = new ArrayList<>();
    state.processElementInstance().ifPresent(all::add);
    collect(state.processInstance().key(), all);
    return all;
  }

  private void collect(final long scopeKey, final List<ElementInstance> into) {
    for (final ElementInstance child : state.children(scopeKey)) {
      into.add(child);
      collect(child.key(), into);
    }
  }

  /** The target element an instance goes to; null when it has none (a problem already). */
  private FlowElement targetOf(final ElementInstance instance) {
    if (instance.isProcess()) {
      return target.process();
    }
    final String to = mapping.get(instance.elementId());
    return to == null ? null : target.elements().get(to);
  }

  private void checkElement(final ElementInstance instance, final Map<Long, String> jobTypes) {
    final String id = instance.elementId();
    if (instance.state() != ElementInstance.State.ACTIVATED
        && instance.state() != ElementInstance.State.ACTIVATING) {
      problems.add(
          "the active element '"
              + id
              + "' is "
              + instance.state().name().toLowerCase(Locale.ROOT)
              + "; it can be migrated once that has ended");
      return;
    }
    final FlowElement to = targetOf(instance);
    if (to == null) {
      problems.add(
          "no mapping instruction is defined for the active element '"
              + id
              + "'; every active element must be mapped");
      return;
    }
    final FlowElement from = source.element(id);
    final boolean body = instance.type() == BpmnElementType.MULTI_INSTANCE_BODY;
    if (to.type() != from.type()) {
      problems.add(
          "the active element '"
              + id
              + "' of type "
              + from.type()
              + " is mapped to '"
              + to.id()
              + "' of another type, "
              + to.type()
              + "; the element type cannot change");
      return;
    }
    if ((from.multiInstance() == null) != (to.multiInstance() == null)
        || (from.multiInstance() != null
            && from.multiInstance().sequential() != to.multiInstance().sequential())) {
      problems.add(
          "the active element '"
              + id
              + "' is mapped to '"
              + to.id()
              + "', whose multi-instance loop characteristics differ; a multi-instance"
              + " activity maps only to one of the same kind (parallel or sequential)");
      return;
    }
    if (from.type() == BpmnElementType.USER_TASK
        && (from.userTask() == null) != (to.userTask() == null)) {
      problems.add(
          "the active user task '"
              + id
              + "' is mapped to '"
              + to.id()
              + "', which has another implementation (Camunda user task or job worker);"
              + " Flowdesk does not migrate a user task's implementation");
      return;
    }
    checkFlowScope(instance, to);
    // A job-based user task's job keeps its headers: they carry the task's assignment.
    if (!body
        && to.jobBased()
        && to.type() != BpmnElementType.USER_TASK
        && instance.state() == ElementInstance.State.ACTIVATED) {
      try {
        jobTypes.put(
            instance.key(),
            expressions.evaluateString(
                to.taskDefinition().type(), variables.lookupFrom(instance.key())));
      } catch (Failure.Raised failed) {
        problems.add(
            "the job type of the target element '"
                + to.id()
                + "' could not be evaluated: "
                + failed.failure().message());
      }
    }
  }

  /**
   * The target element must sit in the element its instance's flow scope is mapped to: migration
   * neither adds nor removes the sub-processes around an active element.
   */
  private void checkFlowScope(final ElementInstance instance, final FlowElement to) {
    final ElementInstance scope = state.elementInstance(instance.flowScopeKey()).orElseThrow();
    if (scope.type() == BpmnElementType.MULTI_INSTANCE_BODY
        && scope.elementId().equals(instance.elementId())) {
      return; // an inner instance goes wherever its body goes
    }
    final String expected =
        scope.isProcess() ? target.bpmnProcessId() : mapping.get(scope.elementId());
    if (expected == null) {
      return; // the unmapped scope is a problem of its own
    }
    if (!expected.equals(to.flowScopeId())) {
      problems.add(
          "the flow scope of the active element '"
              + instance.elementId()
              + "' would change: it is mapped to '"
              + to.id()
              + "' in '"
              + to.flowScopeId()
              + "', but its flow scope '"
              + scope.elementId()
              + "' goes to '"
              + expected
              + "'; migration does not move elements into or out of sub-processes");
    }
  }

  /**
   * Subscriptions follow the mapping of their catch events: a source event mapped to an event the
   * target element catches keeps its subscription (the timer its due date), an unmapped one is
   * closed, and a target event nothing is mapped to is subscribed anew.
   */
  private EventPlan planEvents(
      final ElementInstance owner, final FlowElement from, final FlowElement to) {
    final EventSubscriptionBehavior sourceEvents =
        new EventSubscriptionBehavior(state, source, services, variables, expressions);
    final EventSubscriptionBehavior targetEvents =
        new EventSubscriptionBehavior(state, target, services, variables, expressions);
    final Map<String, FlowElement> catching = new LinkedHashMap<>();
    targetEvents.catchEventsOf(owner, to).forEach(e -> catching.put(e.id(), e));
    final List<String[]> kept = new ArrayList<>();
    final List<String> closed = new ArrayList<>();
    final Set<String> taken = new LinkedHashSet<>();
    for (final FlowElement event : sourceEvents.catchEventsOf(owner, from)) {
      final String mappedTo = mapping.get(event.id());
      if (mappedTo == null) {
        closed.add(event.id());
        continue;
      }
      final FlowElement targetEvent = catching.get(mappedTo);
      if (targetEvent == null) {
        problems.add(
            "the catch event '"
                + event.id()
                + "' of the active element '"
                + owner.elementId()
                + "' is mapped to '"
                + mappedTo
                + "', which is not a catch event of '"
                + to.id()
                + "'");
      } else if (!taken.add(mappedTo)) {
        problems.add(
            "several catch events of the active element '"
                + owner.elementId()
                + "' are mapped to the same catch event '"
                + mappedTo
                + "'");
      } else if (!sameTrigger(event.eventDefinition(), targetEvent.eventDefinition())) {
        problems.add(
            "the catch event '"
                + event.id()
                + "' is mapped to '"
                + mappedTo
                + "', which waits for another kind of event or another message; its"
                + " subscription cannot be kept");
      } else {
        kept.add(new String[] {event.id(), mappedTo});
      }
    }
    final List<FlowElement> opened =
        catching.values().stream().filter(e -> !taken.contains(e.id())).toList();
    return new EventPlan(owner, kept, closed, opened);
  }

  private static boolean sameTrigger(final EventDefinition from, final EventDefinition to) {
    if (from instanceof EventDefinition.Message m && to instanceof EventDefinition.Message n) {
      return m.name().equals(n.name());
    }
    return from != null && to != null && from.getClass() == to.getClass();
  }

  /**
   * Tokens waiting at a joining gateway stay only if the gateway is mapped to one of the same type
   * that has every incoming sequence flow a token came by.
   */
  private List<String[]> checkJoinPoints(final List<ElementInstance> active) {
    final List<String[]> moved = new ArrayList<>();
    for (final ElementInstance scope : active) {
      for (final InstanceState.JoinPoint joinPoint : state.joinPointsIn(scope.key())) {
        final String gatewayId = joinPoint.gatewayId();
        final String mappedTo = mapping.get(gatewayId);
        final FlowElement to = mappedTo == null ? null : target.elements().get(mappedTo);
        if (to == null) {
          problems.add(
              "the joining gateway '"
                  + gatewayId
                  + "' holds tokens but no mapping instruction is defined for it");
          continue;
        }
        final FlowElement from = source.element(gatewayId);
        final List<String> missing =
            state.takenFlows(joinPoint).entrySet().stream()
                .filter(taken -> taken.getValue() > 0 && !to.incoming().contains(taken.getKey()))
                .map(Map.Entry::getKey)
                .toList();
        if (to.type() != from.type() || !missing.isEmpty()) {
          problems.add(
              "the joining gateway '"
                  + gatewayId
                  + "' holds tokens but is mapped to '"
                  + mappedTo
                  + "', "
                  + (to.type() != from.type()
                      ? "a " + to.type()
                      : "which lacks the incoming sequence flows " + missing));
          continue;
        }
        moved.add(new String[] {String.valueOf(joinPoint.flowScopeKey()), gatewayId, mappedTo});
      }
    }
    return moved;
  }

  private void refuseIfProblems(final Function<String, Rejection> rejection) {
    if (!problems.isEmpty()) {
      throw rejection.apply(
          "Expected to migrate process instance '"
              + state.processInstance().key()
              + "' to process definition '"
              + targetKey
              + "', but "
              + String.join("; ", problems));
    }
  }

  // ---- changes

  private void apply(
      final List<ElementInstance> active,
      final Map<Long, String> jobTypes,
      final List<EventPlan> events,
      final List<String[]> joinPoints) {
    final MigrationChanges changes =
        state.migrateTo(targetKey, target.bpmnProcessId(), targetVersion);
    for (final ElementInstance instance : active) {
      final FlowElement to = targetOf(instance);
      if (!to.id().equals(instance.elementId())) {
        state.renameElement(instance, to.id());
      }
      final String jobType = jobTypes.get(instance.key());
      if (jobType != null) {
        changes.jobChanged(instance.key(), jobType, to.taskHeaders());
      }
      records.element(instance, "ELEMENT_MIGRATED");
    }
    final EventSubscriptionBehavior targetEvents =
        new EventSubscriptionBehavior(state, target, services, variables, expressions);
    for (final EventPlan plan : events) {
      plan.closed().forEach(id -> state.closeSubscription(plan.owner().key(), id));
      plan.kept().forEach(ids -> changes.subscriptionKept(plan.owner().key(), ids[0], ids[1]));
      for (final FlowElement event : plan.opened()) {
        try {
          targetEvents.openOne(plan.owner(), event);
        } catch (Failure.Raised failed) {
          // Nothing is saved yet: the refusal rolls the whole migration back.
          throw Rejection.invalidState(
              "Expected to migrate process instance '"
                  + state.processInstance().key()
                  + "', but the catch event '"
                  + event.id()
                  + "' of the target could not be subscribed to: "
                  + failed.failure().message());
        }
      }
    }
    for (final String[] joinPoint : joinPoints) {
      changes.joinPointMoved(Long.parseLong(joinPoint[0]), joinPoint[1], joinPoint[2]);
    }
  }
}
