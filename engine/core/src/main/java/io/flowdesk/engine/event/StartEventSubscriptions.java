package io.flowdesk.engine.event;

import io.flowdesk.engine.deployment.StartEvents;
import io.flowdesk.engine.execution.TimerSchedule;
import io.flowdesk.engine.feel.FeelEvaluator;
import io.flowdesk.engine.feel.FeelResult;
import io.flowdesk.engine.model.EventDefinition;
import io.flowdesk.engine.model.ExecutableProcess;
import io.flowdesk.engine.model.Expression;
import io.flowdesk.engine.model.FlowElement;
import io.flowdesk.engine.support.EngineClock;
import io.flowdesk.engine.support.Keys;
import io.flowdesk.engine.support.Rejection;
import java.sql.Timestamp;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Keeps the timer, message and signal start events of the latest version of each process open: a
 * new version replaces the previous one's, as in Zeebe. Runs inside the deployment's (or
 * deletion's) transaction, so a failed deployment opens nothing.
 */
public final class StartEventSubscriptions implements StartEvents {

  private final JdbcClient jdbc;
  private final Keys keys;
  private final EngineClock clock;
  private final FeelEvaluator feel;

  public StartEventSubscriptions(
      final JdbcClient jdbc, final Keys keys, final EngineClock clock, final FeelEvaluator feel) {
    this.jdbc = jdbc;
    this.keys = keys;
    this.clock = clock;
    this.feel = feel;
  }

  @Override
  public void open(final long processDefinitionKey, final ExecutableProcess process) {
    closeAll(process.bpmnProcessId());
    for (final FlowElement start : process.eventStartEvents()) {
      final EventDefinition definition = start.eventDefinition();
      if (definition instanceof EventDefinition.Timer timer) {
        final TimerSchedule schedule = schedule(start, timer);
        jdbc.sql(
                "INSERT INTO engine.timer (key, process_definition_key, element_id, due_date,"
                    + " repetitions, cycle) VALUES (?, ?, ?, ?, ?, ?)")
            .params(
                keys.next(),
                processDefinitionKey,
                start.id(),
                Timestamp.from(schedule.dueDate()),
                schedule.repetitions(),
                schedule.cycle())
            .update();
      } else if (definition instanceof EventDefinition.Message message) {
        jdbc.sql(
                "INSERT INTO engine.message_start_subscription (process_definition_key,"
                    + " bpmn_process_id, element_id, message_name) VALUES (?, ?, ?, ?)")
            .params(
                processDefinitionKey,
                process.bpmnProcessId(),
                start.id(),
                staticValue(start, message.name()))
            .update();
      } else if (definition instanceof EventDefinition.Signal signal) {
        jdbc.sql(
                "INSERT INTO engine.signal_subscription (key, signal_name, process_definition_key,"
                    + " bpmn_process_id, element_id) VALUES (?, ?, ?, ?, ?)")
            .params(
                keys.next(),
                staticValue(start, signal.name()),
                processDefinitionKey,
                process.bpmnProcessId(),
                start.id())
            .update();
      }
    }
  }

  @Override
  public void closeAll(final String bpmnProcessId) {
    jdbc.sql(
            "DELETE FROM engine.timer WHERE process_instance_key IS NULL AND process_definition_key"
                + " IN (SELECT key FROM engine.process_definition WHERE bpmn_process_id = ?)")
        .param(bpmnProcessId)
        .update();
    jdbc.sql("DELETE FROM engine.message_start_subscription WHERE bpmn_process_id = ?")
        .param(bpmnProcessId)
        .update();
    jdbc.sql(
            "DELETE FROM engine.signal_subscription WHERE process_instance_key IS NULL"
                + " AND bpmn_process_id = ?")
        .param(bpmnProcessId)
        .update();
  }

  private TimerSchedule schedule(final FlowElement start, final EventDefinition.Timer timer) {
    final String value = staticValue(start, timer.expression());
    try {
      return TimerSchedule.of(timer.kind(), value, clock.now());
    } catch (IllegalArgumentException e) {
      throw Rejection.invalidArgument(
          "Expected a valid timer on start event '" + start.id() + "': " + e.getMessage());
    }
  }

  /** Start events have no variables yet: their expressions see an empty context. */
  private String staticValue(final FlowElement start, final Expression expression) {
    if (!expression.feel()) {
      return expression.text();
    }
    final FeelResult result = feel.evaluate(expression.text(), name -> Optional.empty());
    if (result instanceof FeelResult.Value value && value.value() instanceof String text) {
      return text;
    }
    throw Rejection.invalidArgument(
        "Expected the expression '"
            + expression.text()
            + "' of start event '"
            + start.id()
            + "' to evaluate to a string without variables, but it did not: "
            + result);
  }
}
