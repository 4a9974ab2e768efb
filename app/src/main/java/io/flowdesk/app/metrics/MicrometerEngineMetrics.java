package io.flowdesk.app.metrics;

import io.flowdesk.engine.metrics.EngineMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** The embedded engine's work as Micrometer meters; the names are listed in the app README. */
final class MicrometerEngineMetrics implements EngineMetrics {

  private final MeterRegistry registry;
  private final Timer timerLateness;

  MicrometerEngineMetrics(final MeterRegistry registry) {
    this.registry = registry;
    this.timerLateness =
        Timer.builder("flowdesk.engine.timer.lateness")
            .description("How long after its due date a BPMN timer fired")
            .register(registry);
  }

  @Override
  public void commandReceived(final String api, final String command) {
    count(
        "flowdesk.engine.commands",
        "Engine API calls that passed access control",
        "api",
        api,
        "command",
        command);
  }

  @Override
  public void processInstanceCreated(final String bpmnProcessId) {
    instance(bpmnProcessId, "created");
  }

  @Override
  public void processInstanceCompleted(final String bpmnProcessId) {
    instance(bpmnProcessId, "completed");
  }

  @Override
  public void jobActivated(final String jobType) {
    job(jobType, "activated");
  }

  @Override
  public void jobCompleted(final String jobType) {
    job(jobType, "completed");
  }

  @Override
  public void jobFailed(final String jobType) {
    job(jobType, "failed");
  }

  @Override
  public void timerTriggered(final Duration lateness) {
    timerLateness.record(lateness);
  }

  @Override
  public void messageCorrelated(final String messageName) {
    count(
        "flowdesk.engine.message.correlations",
        "Messages correlated to a waiting instance",
        "message_name",
        messageName);
  }

  // One counter with an event label: Prometheus reserves the suffix _created on counters.
  private void instance(final String bpmnProcessId, final String event) {
    count(
        "flowdesk.engine.process.instances",
        "Process instances created and completed",
        "bpmn_process_id",
        bpmnProcessId,
        "event",
        event);
  }

  private void job(final String type, final String event) {
    count(
        "flowdesk.engine.jobs",
        "Jobs activated, completed and failed",
        "type",
        type,
        "event",
        event);
  }

  private void count(final String name, final String description, final String... tags) {
    Counter.builder(name).description(description).tags(tags).register(registry).increment();
  }
}
