package io.flowdesk.app.request;

import org.springframework.security.access.AccessDeniedException;

/**
 * Someone who may order only for themselves named somebody else in "Requested for". An {@link
 * AccessDeniedException}, so the API answers 403 like any other refusal; the portal shows it beside
 * its "Requested for" field.
 */
public class OrderingForOthersRefusedException extends AccessDeniedException {

  private final String requestedFor;

  OrderingForOthersRefusedException(final String orderer, final String requestedFor) {
    super(
        "requestedFor: "
            + orderer
            + " may order only for themselves, not for "
            + requestedFor
            + "; agents, managers and administrators order for others");
    this.requestedFor = requestedFor;
  }

  public String requestedFor() {
    return requestedFor;
  }
}
