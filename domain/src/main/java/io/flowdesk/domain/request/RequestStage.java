package io.flowdesk.domain.request;

/** Where a request stands on its way, as the requester's stage bar shows it. */
public enum RequestStage {
  SUBMITTED("Submitted"),
  APPROVAL("Approval"),
  FULFILMENT("Fulfilment"),
  CLOSED("Closed");

  private final String label;

  RequestStage(final String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
