package io.flowdesk.domain.request;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request as it is now: an order of a catalog item. {@code number} is the human id (REQ0000001);
 * {@code answers} are the item's form answers as submitted; {@code dueAt} is the order time plus
 * the item's fulfilment target (null when it names none); {@code processInstanceKey} is null until
 * the item's process started.
 */
public record Request(
    long id,
    String number,
    String requester,
    String requestedFor,
    String itemProcessId,
    int itemVersion,
    String title,
    Map<String, Object> answers,
    RequestState state,
    RequestStage stage,
    Instant dueAt,
    Long processInstanceKey,
    Instant createdAt,
    Instant updatedAt,
    long version) {

  public Request {
    // Answers may hold nulls (an optional field left empty), which Map.copyOf refuses.
    answers = Collections.unmodifiableMap(new LinkedHashMap<>(answers));
  }

  /** Whether {@code username} ordered it or it was ordered for them. */
  public boolean concerns(final String username) {
    return requester.equals(username) || requestedFor.equals(username);
  }
}
