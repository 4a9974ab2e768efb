package io.flowdesk.engine.rest;

import io.flowdesk.engine.event.EventCommands;
import io.flowdesk.engine.event.Messages;
import io.flowdesk.engine.support.Tenants;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Messages (publication with buffering, immediate correlation) and signal broadcasts. */
final class EventEndpoints {

  /** The client's default time to live, used when a publication names none. */
  private static final long DEFAULT_TIME_TO_LIVE_MILLIS = Duration.ofHours(1).toMillis();

  private final EventCommands events;

  EventEndpoints(final EventCommands events) {
    this.events = events;
  }

  void register(final Router router) {
    router
        .add("POST", "/messages/publication", this::publish)
        .add("POST", "/messages/correlation", this::correlate)
        .add("POST", "/signals/broadcast", this::broadcast);
  }

  private void publish(final Exchange exchange) {
    final JsonBody body = exchange.json();
    Tenants.requireDefault(body.text("tenantId"));
    final long key =
        events
            .messages()
            .publish(
                body.requiredText("name"),
                body.text("correlationKey"),
                Duration.ofMillis(body.longValue("timeToLive", DEFAULT_TIME_TO_LIVE_MILLIS)),
                body.text("messageId"),
                body.document("variables"));
    final Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("tenantId", Tenants.DEFAULT);
    answer.put("messageKey", Keys.format(key));
    exchange.json(200, answer);
  }

  private void correlate(final Exchange exchange) {
    final JsonBody body = exchange.json();
    Tenants.requireDefault(body.text("tenantId"));
    final Messages.Correlated correlated =
        events
            .messages()
            .correlate(
                body.requiredText("name"), body.text("correlationKey"), body.document("variables"));
    final Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("tenantId", Tenants.DEFAULT);
    answer.put("messageKey", Keys.format(correlated.messageKey()));
    answer.put("processInstanceKey", Keys.format(correlated.processInstanceKey()));
    exchange.json(200, answer);
  }

  private void broadcast(final Exchange exchange) {
    final JsonBody body = exchange.json();
    Tenants.requireDefault(body.text("tenantId"));
    final long key =
        events.signals().broadcast(body.requiredText("signalName"), body.document("variables"));
    final Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("tenantId", Tenants.DEFAULT);
    answer.put("signalKey", Keys.format(key));
    exchange.json(200, answer);
  }
}
