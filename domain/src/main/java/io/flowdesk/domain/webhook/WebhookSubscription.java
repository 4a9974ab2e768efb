package io.flowdesk.domain.webhook;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/** Where events of some types go, signed with the secret stored under {@code secretName}. */
public record WebhookSubscription(
    long id,
    URI url,
    List<String> eventTypes,
    boolean active,
    String secretName,
    String createdBy,
    Instant createdAt) {

  public WebhookSubscription {
    eventTypes = List.copyOf(eventTypes);
  }
}
