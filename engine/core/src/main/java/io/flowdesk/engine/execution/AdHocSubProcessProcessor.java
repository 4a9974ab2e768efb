package io.flowdesk.engine.execution;

import io.flowdesk.engine.model.AdHoc;
import io.flowdesk.engine.model.FlowElement;
import io.flowdesk.engine.model.SequenceFlow;
import io.flowdesk.engine.state.ElementInstance;
import io.flowdesk.engine.state.ElementInstance.State;
import io.flowdesk.engine.support.Rejection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Ad-hoc sub-processes, as Camunda 8.8 documents them: on entry the inner elements that {@code
 * activeElementsCollection} names start (none: it waits, for elements activated through the API);
 * each time an inner element completes, the {@code completionCondition} is evaluated; met, what
 * still runs inside is terminated ({@code cancelRemainingInstances}, the default) or waited for.
 * Without a condition it completes once nothing runs inside any more. The output of each inner flow
 * that ends ({@code outputElement}) is collected in {@code outputCollection}. Implemented by a job
 * worker ({@link AdHocJobWorker}), the worker's job results decide instead.
 */
final class AdHocSubProcessProcessor implements BpmnElementProcessor {

  private final ExecutionContext context;
  private final AdHocJobWorker jobWorker;

  /**
   * Ad-hoc instances whose completion condition was met in this command: they may complete once
   * nothing runs inside. Not kept: the condition is evaluated again at each inner completion.
   */
  private final Set<Long> conditionMet = new HashSet<>();

  AdHocSubProcessProcessor(final ExecutionContext context) {
    this.context = context;
    this.jobWorker = new AdHocJobWorker(context);
  }

  @Override
  public void activate(final ElementInstance instance, final FlowElement element) {
    final AdHoc adHoc = element.adHoc();
    final boolean byJobWorker = AdHocJobWorker.implementedBy(element);
    // Evaluated first: an incident here leaves nothing half-done to redo on retry. With a job
    // worker, the worker decides what to activate and when it completes.
    final List<String> active = byJobWorker ? List.of() : activeElements(instance, element);
    if (byJobWorker) {
      context.jobs().createAdHocSubProcessJob(instance, element);
    }
    context.subscriptions().open(instance, element);
    final VariableBehavior variables = context.variables();
    variables.setLocal(
        instance.key(),
        AdHocElementsVariable.NAME,
        AdHocElementsVariable.describe(adHoc, context.process(), context.services().feel()));
    if (adHoc.outputCollection() != null) {
      variables.setLocal(instance.key(), adHoc.outputCollection(), List.of());
    }
    context.transitions().markActivated(instance);
    active.forEach(id -> activateInner(instance, new AdHocActivation.Element(id, Map.of())));
  }

  @Override
  public void complete(final ElementInstance instance, final FlowElement element) {
    final String outputCollection = element.adHoc().outputCollection();
    if (outputCollection != null) {
      final Object collected =
          context.variables().lookupFrom(instance.key()).apply(outputCollection).orElse(null);
      final Map<String, Object> output = new LinkedHashMap<>();
      output.put(outputCollection, collected);
      context.variables().merge(instance.flowScopeKey(), output);
    }
    context.transitions().leave(instance, element);
  }

  /**
   * Activates elements in a running ad-hoc sub-process (the activation API), after terminating what
   * runs in it when {@code cancelRemainingInstances}. Every element id was checked by the caller.
   */
  void activateElements(final ElementInstance scope, final AdHocActivation activation) {
    if (activation.cancelRemainingInstances()) {
      context.termination().terminateRemaining(scope, false);
    }
    activation.elements().forEach(element -> activateInner(scope, element));
  }

  private void activateInner(
      final ElementInstance scope, final AdHocActivation.Element activation) {
    final ElementInstance inner =
        context
            .transitions()
            .createAndSchedule(context.process().element(activation.elementId()), scope.key());
    activation.variables().forEach((n, v) -> context.variables().setLocal(inner.key(), n, v));
  }

  /**
   * An inner element of the ad-hoc sub-process completed and leaves along {@code flows}: its flow's
   * output is collected when the flow ends here, the completion condition is evaluated, and the
   * sub-process completes, terminating what remains, or goes on.
   */
  void innerCompleted(
      final ElementInstance inner, final FlowElement element, final List<SequenceFlow> flows) {
    final ElementInstance scope =
        context.state().elementInstance(inner.flowScopeKey()).orElseThrow();
    final AdHoc adHoc = context.process().element(scope.elementId()).adHoc();
    final VariableBehavior variables = context.variables();
    // Both expressions are evaluated before anything changes, so that an incident's retry
    // neither collects an output twice nor loses the inner element.
    final Optional<List<Object>> collected =
        flows.isEmpty() ? collectOutput(inner, scope, adHoc) : Optional.empty();
    final Function<String, Optional<Object>> scopeVariables = variables.lookupFrom(scope.key());
    final Function<String, Optional<Object>> lookup =
        collected.isEmpty()
            ? scopeVariables
            : name ->
                name.equals(adHoc.outputCollection())
                    ? Optional.of(collected.get())
                    : scopeVariables.apply(name);
    final boolean byJobWorker =
        AdHocJobWorker.implementedBy(context.process().element(scope.elementId()));
    final boolean met =
        !byJobWorker
            && adHoc.completionCondition() != null
            && context.expressions().evaluateCondition(adHoc.completionCondition(), lookup);
    context.transitions().completed(inner, element);
    collected.ifPresent(list -> variables.setLocal(scope.key(), adHoc.outputCollection(), list));
    if (met) {
      conditionMet.add(scope.key());
      if (adHoc.cancelRemainingInstances()) {
        if (scope.state() == State.ACTIVATED
            && context.termination().terminateRemaining(scope, true)) {
          context.transitions().completeNow(scope);
        }
        return;
      }
    }
    for (final SequenceFlow flow : flows) {
      context.transitions().takeFlow(flow, scope.key());
    }
    if (flows.isEmpty()) {
      if (byJobWorker) {
        jobWorker.flowEnded(scope, context.process().element(scope.elementId()));
      }
      context.transitions().childEnded(scope.key());
    }
  }

  /**
   * The worker of an ad-hoc sub-process implemented by a job worker completed its job: its
   * variables are merged from the sub-process's scope (as SetVariables does), then what its result
   * asks is done. A result that names an element the sub-process cannot activate, or that both
   * activates elements and fulfils the completion condition, is refused and nothing happens.
   */
  void jobCompleted(
      final ElementInstance scope,
      final Map<String, Object> variables,
      final JobResult.AdHocResult result) {
    final FlowElement element = context.process().element(scope.elementId());
    refuseUnknown(
        element,
        result.activateElements().stream().map(AdHocActivation.Element::elementId).toList(),
        "activate elements of ad-hoc sub-process '" + element.id() + "' from its job result");
    if (result.completionConditionFulfilled() && !result.activateElements().isEmpty()) {
      throw Rejection.invalidArgument(
          "Expected the job result of ad-hoc sub-process '"
              + element.id()
              + "' either to activate elements or to fulfil the completion condition, but it"
              + " does both");
    }
    context.variables().merge(scope.key(), variables);
    jobWorker.jobCompleted(scope, result);
  }

  /**
   * Refuses (INVALID_ARGUMENT, changing nothing) ids that are no element the ad-hoc sub-process can
   * activate: unknown ids, elements outside it, elements inside it after a sequence flow.
   */
  static void refuseUnknown(
      final FlowElement adHoc, final List<String> elementIds, final String expectation) {
    final List<String> unknown =
        elementIds.stream().filter(id -> !adHoc.adHoc().activatable(id)).distinct().toList();
    if (!unknown.isEmpty()) {
      throw Rejection.invalidArgument(
          "Expected to "
              + expectation
              + " "
              + activatableIds(adHoc.adHoc())
              + ", but it has no activatable element "
              + String.join(", ", unknown.stream().map(id -> "'" + id + "'").toList()));
    }
  }

  /**
   * Whether an ad-hoc sub-process left with nothing running inside completes: without a completion
   * condition, yes; with one, only when it was met (otherwise it waits for elements activated
   * through the API); with a job worker, only when the worker fulfilled it (otherwise the new job
   * asks the worker).
   */
  boolean completesWhenEmpty(final ElementInstance scope) {
    final FlowElement element = context.process().element(scope.elementId());
    if (AdHocJobWorker.implementedBy(element)) {
      return scope.completionConditionFulfilled();
    }
    final AdHoc adHoc = element.adHoc();
    return adHoc.completionCondition() == null || conditionMet.contains(scope.key());
  }

  private Optional<List<Object>> collectOutput(
      final ElementInstance inner, final ElementInstance scope, final AdHoc adHoc) {
    if (adHoc.outputCollection() == null || adHoc.outputElement() == null) {
      return Optional.empty();
    }
    final Object output =
        context
            .expressions()
            .evaluate(
                adHoc.outputElement(),
                context.variables().lookupFrom(inner.key()),
                "EXTRACT_VALUE_ERROR");
    final List<Object> collection = new ArrayList<>();
    if (context.variables().localFrom(scope.key()).get(adHoc.outputCollection())
        instanceof List<?> list) {
      collection.addAll(list);
    }
    collection.add(output);
    return Optional.of(collection);
  }

  /** The ids {@code activeElementsCollection} names, each checked to be an activatable element. */
  private List<String> activeElements(final ElementInstance instance, final FlowElement element) {
    final AdHoc adHoc = element.adHoc();
    if (adHoc.activeElementsCollection() == null) {
      return List.of();
    }
    final Object value =
        context
            .expressions()
            .evaluate(
                adHoc.activeElementsCollection(),
                context.variables().lookupFrom(instance.key()),
                "EXTRACT_VALUE_ERROR");
    if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
      throw Failure.extractValue(
              "Expected result of the expression '"
                  + adHoc.activeElementsCollection().text()
                  + "' to be a list of strings, but was '"
                  + ExpressionBehavior.typeName(value)
                  + "'.")
          .raise();
    }
    final List<String> ids = list.stream().map(String.class::cast).toList();
    final List<String> unknown = ids.stream().filter(id -> !adHoc.activatable(id)).toList();
    if (!unknown.isEmpty()) {
      throw Failure.extractValue(
              "Expected the active elements of ad-hoc sub-process '"
                  + element.id()
                  + "' to be ids of its activatable elements "
                  + activatableIds(adHoc)
                  + ", but found "
                  + unknown)
          .raise();
    }
    return ids;
  }

  static List<String> activatableIds(final AdHoc adHoc) {
    return adHoc.elements().stream().map(AdHoc.Activatable::elementId).toList();
  }
}
