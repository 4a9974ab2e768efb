package io.flowdesk.engine.execution;

import io.flowdesk.engine.model.BpmnElementType;
import io.flowdesk.engine.model.BpmnEventType;
import java.util.EnumMap;
import java.util.Map;

/**
 * The processor of each element kind: by element type, or, where an event definition changes what
 * the element does (a message throw event is carried out by a job), by element type and event type.
 * Adding an element to the engine means writing its processor and registering it here (and
 * admitting it at deployment, {@code deployment/bpmn/SupportedElements}).
 */
final class ElementProcessors {

  private final Map<BpmnElementType, BpmnElementProcessor> processors =
      new EnumMap<>(BpmnElementType.class);

  /** Processors of events of one event definition, before those of the element type. */
  private final Map<BpmnElementType, Map<BpmnEventType, BpmnElementProcessor>> byEventType =
      new EnumMap<>(BpmnElementType.class);

  private MultiInstanceBodyProcessor multiInstanceBody;
  private ProcessProcessor processProcessor;
  private AdHocSubProcessProcessor adHocSubProcess;

  /** Registers every processor; called once the behaviours they use exist. */
  void registerAll(final ExecutionContext context) {
    processProcessor = new ProcessProcessor(context);
    multiInstanceBody = new MultiInstanceBodyProcessor(context);
    register(processProcessor, BpmnElementType.PROCESS);
    register(
        new SubProcessProcessor(context),
        BpmnElementType.SUB_PROCESS,
        BpmnElementType.EVENT_SUB_PROCESS);
    register(multiInstanceBody, BpmnElementType.MULTI_INSTANCE_BODY);
    adHocSubProcess = new AdHocSubProcessProcessor(context);
    register(adHocSubProcess, BpmnElementType.AD_HOC_SUB_PROCESS);
    final JobWorkerElementProcessor jobWorker = new JobWorkerElementProcessor(context);
    register(jobWorker, BpmnElementType.SERVICE_TASK, BpmnElementType.SEND_TASK);
    registerEvent(jobWorker, BpmnEventType.MESSAGE, BpmnElementType.INTERMEDIATE_THROW_EVENT);
    registerEvent(jobWorker, BpmnEventType.MESSAGE, BpmnElementType.END_EVENT);
    registerEvent(
        new CompensationThrowEventProcessor(context),
        BpmnEventType.COMPENSATION,
        BpmnElementType.INTERMEDIATE_THROW_EVENT,
        BpmnElementType.END_EVENT);
    register(new ScriptTaskProcessor(context), BpmnElementType.SCRIPT_TASK);
    register(new BusinessRuleTaskProcessor(context), BpmnElementType.BUSINESS_RULE_TASK);
    register(new UserTaskProcessor(context), BpmnElementType.USER_TASK);
    register(new ReceiveTaskProcessor(context), BpmnElementType.RECEIVE_TASK);
    register(new CallActivityProcessor(context), BpmnElementType.CALL_ACTIVITY);
    register(
        new PassThroughProcessor(context),
        BpmnElementType.MANUAL_TASK,
        BpmnElementType.TASK,
        BpmnElementType.PARALLEL_GATEWAY);
    register(new ForkingGatewayProcessor(context, true), BpmnElementType.EXCLUSIVE_GATEWAY);
    register(new ForkingGatewayProcessor(context, false), BpmnElementType.INCLUSIVE_GATEWAY);
    register(new EventBasedGatewayProcessor(context), BpmnElementType.EVENT_BASED_GATEWAY);
    register(new StartEventProcessor(context), BpmnElementType.START_EVENT);
    register(new BoundaryEventProcessor(context), BpmnElementType.BOUNDARY_EVENT);
    register(
        new IntermediateCatchEventProcessor(context), BpmnElementType.INTERMEDIATE_CATCH_EVENT);
    register(
        new IntermediateThrowEventProcessor(context), BpmnElementType.INTERMEDIATE_THROW_EVENT);
    register(new EndEventProcessor(context), BpmnElementType.END_EVENT);
  }

  private void register(final BpmnElementProcessor processor, final BpmnElementType... types) {
    for (final BpmnElementType type : types) {
      processors.put(type, processor);
    }
  }

  private void registerEvent(
      final BpmnElementProcessor processor,
      final BpmnEventType eventType,
      final BpmnElementType... types) {
    for (final BpmnElementType type : types) {
      byEventType
          .computeIfAbsent(type, t -> new EnumMap<>(BpmnEventType.class))
          .put(eventType, processor);
    }
  }

  /**
   * The processor of an element instance's type (a multi-instance body's own), or of its event
   * definition when one is registered for it.
   */
  BpmnElementProcessor of(final BpmnElementType type, final BpmnEventType eventType) {
    final Map<BpmnEventType, BpmnElementProcessor> events = byEventType.get(type);
    final BpmnElementProcessor forEvent =
        events == null || eventType == null ? null : events.get(eventType);
    final BpmnElementProcessor processor = forEvent != null ? forEvent : processors.get(type);
    if (processor == null) {
      throw new IllegalStateException("No processor for element type " + type);
    }
    return processor;
  }

  MultiInstanceBodyProcessor multiInstanceBody() {
    return multiInstanceBody;
  }

  AdHocSubProcessProcessor adHocSubProcess() {
    return adHocSubProcess;
  }

  ProcessProcessor process() {
    return processProcessor;
  }
}
