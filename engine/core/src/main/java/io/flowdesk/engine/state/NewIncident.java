package io.flowdesk.engine.state;

/**
 * An incident raised by the command being processed.
 *
 * @param failedStep what resolving the incident retries: ACTIVATE, COMPLETE or JOB
 */
public record NewIncident(
    long key,
    long processInstanceKey,
    long elementInstanceKey,
    String elementId,
    Long jobKey,
    String errorType,
    String errorMessage,
    String failedStep) {}
