package io.flowdesk.engine.execution;

import io.flowdesk.engine.model.BpmnElementType;
import io.flowdesk.engine.state.ElementInstance;
import io.flowdesk.engine.state.InstanceState;
import io.flowdesk.engine.state.PendingRecord;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The records a command appends for the instance it runs, in Zeebe's shape. Kept apart from the
 * execution so that the agenda and the termination write element lifecycle records alike, and the
 * record format changes in one place.
 */
final class ElementRecords {

  private final InstanceState state;

  ElementRecords(final InstanceState state) {
    this.state = state;
  }

  void append(
      final long key,
      final String valueType,
      final String intent,
      final String elementId,
      final Map<String, Object> payload) {
    state.append(
        new PendingRecord(
            key, valueType, intent, state.processInstance().key(), elementId, payload));
  }

  /** A lifecycle record of an element instance ({@code ELEMENT_ACTIVATING} …). */
  void element(final ElementInstance instance, final String intent) {
    state.append(
        new PendingRecord(
            instance.key(),
            "PROCESS_INSTANCE",
            intent,
            state.processInstance().key(),
            instance.elementId(),
            payload(instance.elementId(), instance.type(), instance.flowScopeKey())));
  }

  Map<String, Object> payload(
      final String elementId, final BpmnElementType type, final long flowScopeKey) {
    final Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("bpmnElementType", type.name());
    payload.put("elementId", elementId);
    payload.put("flowScopeKey", flowScopeKey == 0 ? -1L : flowScopeKey);
    payload.put("bpmnProcessId", state.processInstance().bpmnProcessId());
    payload.put("version", state.processInstance().version());
    payload.put("processDefinitionKey", state.processInstance().processDefinitionKey());
    payload.put("processInstanceKey", state.processInstance().key());
    return payload;
  }
}
