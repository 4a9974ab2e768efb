package io.flowdesk.engine.execution;

import io.flowdesk.engine.state.ElementInstance;
import io.flowdesk.engine.state.InstanceState;
import io.flowdesk.engine.state.NewIncident;
import io.flowdesk.engine.state.PendingRecord;
import java.util.LinkedHashMap;
import java.util.Map;

/** Raises incidents on element instances, with their {@code INCIDENT CREATED} record. */
final class IncidentBehavior {

  /** The failed step of an incident raised while creating a task listener's job. */
  static final String TASK_LISTENER = "TASK_LISTENER";

  private final InstanceState state;
  private final EngineServices services;

  IncidentBehavior(final InstanceState state, final EngineServices services) {
    this.state = state;
    this.services = services;
  }

  /**
   * Raises an incident; {@code failedStep} names what resolving it runs again, {@code jobKey} the
   * job that failed (null when none).
   */
  void raise(
      final ElementInstance instance,
      final Failure failure,
      final String failedStep,
      final Long jobKey) {
    final long key = services.keys().next();
    state.addIncident(
        new NewIncident(
            key,
            state.processInstance().key(),
            instance.key(),
            instance.elementId(),
            jobKey,
            failure.errorType(),
            failure.message(),
            failedStep));
    final Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("errorType", failure.errorType());
    payload.put("errorMessage", failure.message());
    payload.put("elementInstanceKey", instance.key());
    payload.put("jobKey", jobKey == null ? -1L : jobKey);
    state.append(
        new PendingRecord(
            key,
            "INCIDENT",
            "CREATED",
            state.processInstance().key(),
            instance.elementId(),
            payload));
  }
}
