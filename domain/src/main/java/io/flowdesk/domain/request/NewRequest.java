package io.flowdesk.domain.request;

import java.time.Duration;
import java.util.Map;

/**
 * An order of a catalog item of kind request.
 *
 * @param requester who orders
 * @param requestedFor for whom (the requester unless ordered on someone's behalf)
 * @param itemProcessId the item's BPMN process id
 * @param itemVersion the process version ordered (open requests keep theirs)
 * @param title the item's title
 * @param answers the item's form answers, validated by the caller against the form
 * @param fulfilmentTarget the item's {@code catalog.fulfilmentTarget}; null for none
 */
public record NewRequest(
    String requester,
    String requestedFor,
    String itemProcessId,
    int itemVersion,
    String title,
    Map<String, Object> answers,
    Duration fulfilmentTarget) {}
