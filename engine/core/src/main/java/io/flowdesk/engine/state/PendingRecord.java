package io.flowdesk.engine.state;

import java.util.Map;

/**
 * One entry for the record log, written in the same transaction as the state change it describes.
 *
 * @param valueType what the record is about (PROCESS_INSTANCE, JOB, VARIABLE, INCIDENT, ...)
 * @param intent what happened (ELEMENT_ACTIVATED, CREATED, ...)
 */
public record PendingRecord(
    long key,
    String valueType,
    String intent,
    Long processInstanceKey,
    String elementId,
    Map<String, Object> payload) {}
