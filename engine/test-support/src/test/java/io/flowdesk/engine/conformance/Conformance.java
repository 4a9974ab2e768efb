package io.flowdesk.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.Process;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What every conformance test does through the client: deploy, start, work jobs. */
final class Conformance {

  private final CamundaClient client;

  Conformance(final CamundaClient client) {
    this.client = client;
  }

  /** A process id no other test uses, so tests share one engine without seeing each other. */
  static String processId() {
    return "p" + UUID.randomUUID().toString().replace("-", "");
  }

  String deploy(final BpmnModelInstance model) {
    final String id = model.getModelElementsByType(Process.class).iterator().next().getId();
    client.newDeployResourceCommand().addProcessModel(model, id + ".bpmn").send().join();
    return id;
  }

  /** Deploys {@code start -> catch "paid" (message, keyed by orderId) -> end}; answers its id. */
  String deployMessageCatch(final String message) {
    return deploy(
        Bpmn.createExecutableProcess(processId())
            .startEvent()
            .intermediateCatchEvent(
                "paid",
                e -> e.message(m -> m.name(message).zeebeCorrelationKeyExpression("orderId")))
            .endEvent()
            .done());
  }

  long start(final String processId, final Map<String, Object> variables) {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId(processId)
        .latestVersion()
        .variables(variables)
        .send()
        .join()
        .getProcessInstanceKey();
  }

  List<ActivatedJob> activate(final String type, final int max) {
    return client
        .newActivateJobsCommand()
        .jobType(type)
        .maxJobsToActivate(max)
        .requestTimeout(Duration.ofSeconds(5))
        .send()
        .join()
        .getJobs();
  }

  ActivatedJob activateOne(final String type) {
    final List<ActivatedJob> jobs = activate(type, 1);
    assertThat(jobs).as("activated jobs of type %s", type).hasSize(1);
    return jobs.get(0);
  }

  void complete(final ActivatedJob job, final Map<String, Object> variables) {
    client.newCompleteCommand(job.getKey()).variables(variables).send().join();
  }

  void publish(final String name, final String correlationKey, final Map<String, Object> vars) {
    publish(name, correlationKey, Duration.ZERO, vars);
  }

  void publish(
      final String name,
      final String correlationKey,
      final Duration timeToLive,
      final Map<String, Object> vars) {
    client
        .newPublishMessageCommand()
        .messageName(name)
        .correlationKey(correlationKey)
        .timeToLive(timeToLive)
        .variables(vars)
        .send()
        .join();
  }
}
