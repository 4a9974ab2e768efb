package io.flowdesk.engine.event;

import io.flowdesk.engine.deployment.ProcessDefinitions;
import io.flowdesk.engine.instance.ProcessInstanceCommands;
import io.flowdesk.engine.state.PendingRecord;
import io.flowdesk.engine.state.RecordLog;
import io.flowdesk.engine.support.EngineClock;
import io.flowdesk.engine.support.Keys;
import io.flowdesk.engine.support.Rejection;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Broadcasts signals: every signal start event of a latest process version starts an instance, and
 * every waiting signal catch event, boundary event and event sub-process start is triggered. Each
 * of those is its own command, as in Zeebe, where a broadcast is not one atomic step either.
 */
public final class Signals {

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;
  private final Keys keys;
  private final EngineClock clock;
  private final ProcessInstanceCommands instances;
  private final ProcessDefinitions definitions;

  public Signals(
      final JdbcClient jdbc,
      final JdbcTemplate batch,
      final Keys keys,
      final EngineClock clock,
      final ProcessInstanceCommands instances,
      final ProcessDefinitions definitions) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.keys = keys;
    this.clock = clock;
    this.instances = instances;
    this.definitions = definitions;
  }

  private record Subscription(
      long key,
      long processDefinitionKey,
      String elementId,
      Long processInstanceKey,
      Long elementInstanceKey) {}

  /** Broadcasts the signal; answers its key. */
  public long broadcast(final String name, final Map<String, Object> variables) {
    if (name == null || name.isBlank()) {
      throw Rejection.invalidArgument("Expected a signal name, but none was given");
    }
    final long key = keys.next();
    final Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("signalName", name);
    payload.put("variables", variables);
    RecordLog.append(
        batch,
        List.of(new PendingRecord(key, "SIGNAL", "BROADCASTED", null, null, payload)),
        Timestamp.from(clock.now()));
    for (final Subscription subscription : subscriptions(name)) {
      if (subscription.processInstanceKey() == null) {
        instances.createAt(
            definitions.byKey(subscription.processDefinitionKey()),
            subscription.elementId(),
            variables);
      } else {
        trigger(subscription, variables);
      }
    }
    return key;
  }

  private List<Subscription> subscriptions(final String name) {
    return jdbc.sql(
            "SELECT key, process_definition_key, element_id, process_instance_key,"
                + " element_instance_key FROM engine.signal_subscription WHERE signal_name = ?"
                + " ORDER BY key")
        .param(name)
        .query(
            (rs, n) ->
                new Subscription(
                    rs.getLong(1),
                    rs.getLong(2),
                    rs.getString(3),
                    rs.getObject(4, Long.class),
                    rs.getObject(5, Long.class)))
        .list();
  }

  private void trigger(final Subscription subscription, final Map<String, Object> variables) {
    try {
      instances.onInstance(
          subscription.processInstanceKey(),
          pi -> Rejection.notFound("Process instance " + pi + " ended"),
          (state, execution) -> {
            final boolean open =
                jdbc.sql("SELECT count(*) > 0 FROM engine.signal_subscription WHERE key = ?")
                    .param(subscription.key())
                    .query(Boolean.class)
                    .single();
            return open
                && execution.triggerEvent(
                    subscription.elementInstanceKey(), subscription.elementId(), variables);
          });
    } catch (Rejection ended) {
      // the instance ended meanwhile, and its subscription with it
    }
  }
}
