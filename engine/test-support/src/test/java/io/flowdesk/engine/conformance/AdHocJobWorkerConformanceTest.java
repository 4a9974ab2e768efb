package io.flowdesk.engine.conformance;

import static io.flowdesk.engine.conformance.Conformance.processId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.JobKind;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flowdesk.engine.test.EngineRecords;
import io.flowdesk.engine.test.FlowdeskEngineTest;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Ad-hoc sub-processes implemented by a job worker (Camunda 8.8's AI Agent Sub-process pattern): a
 * job of the sub-process's type on activation, with {@code adHocSubProcessElements} describing the
 * tools and their {@code fromAi} parameters; the worker's {@code adHocSubProcess} job result
 * activates tools with variables or fulfils the completion condition; each tool flow that ends asks
 * the worker again with a new job, one job at a time. The result travels over the client's
 * protocol: gRPC CompleteJob or REST {@code POST /v2/jobs/{key}/completion}.
 */
@FlowdeskEngineTest
class AdHocJobWorkerConformanceTest {

  CamundaClient client;
  EngineRecords records;
  Conformance conformance;

  @BeforeEach
  void setUp() {
    conformance = new Conformance(client);
  }

  /**
   * start → ad-hoc sub-process "agent" (job type agent-id, tool outputs collected in
   * toolCallResults) with tools "search" (two fromAi parameters, one with named arguments) and
   * "notify" (a fromAi parameter with a schema) → "done".
   */
  private String deployAgent() {
    final String id = processId();
    final String xml =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">
          <bpmn:process id="%1$s" isExecutable="true">
            <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
            <bpmn:adHocSubProcess id="agent">
              <bpmn:extensionElements>
                <zeebe:taskDefinition type="agent-%1$s" retries="3" />
                <zeebe:adHoc outputCollection="toolCallResults" outputElement="=toolCallResult" />
              </bpmn:extensionElements>
              <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
              <bpmn:serviceTask id="search" name="Search">
                <bpmn:documentation>Searches the knowledge base</bpmn:documentation>
                <bpmn:extensionElements>
                  <zeebe:taskDefinition type="search-%1$s" />
                  <zeebe:ioMapping>
                    <zeebe:input target="query"
                        source="=fromAi(toolCall.query, &quot;The search query&quot;, &quot;string&quot;)" />
                    <zeebe:input target="limit"
                        source="=fromAi(value: toolCall.limit, type: &quot;number&quot;, options: {required: false})" />
                  </zeebe:ioMapping>
                </bpmn:extensionElements>
              </bpmn:serviceTask>
              <bpmn:serviceTask id="notify" name="Notify">
                <bpmn:extensionElements>
                  <zeebe:taskDefinition type="notify-%1$s" />
                  <zeebe:ioMapping>
                    <zeebe:input target="channel"
                        source="=fromAi(toolCall.channel, &quot;Where&quot;, &quot;string&quot;, {enum: [&quot;mail&quot;, &quot;chat&quot;]})" />
                  </zeebe:ioMapping>
                </bpmn:extensionElements>
              </bpmn:serviceTask>
            </bpmn:adHocSubProcess>
            <bpmn:endEvent id="done"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="agent" />
            <bpmn:sequenceFlow id="f2" sourceRef="agent" targetRef="done" />
          </bpmn:process>
        </bpmn:definitions>
        """
            .formatted(id);
    client
        .newDeployResourceCommand()
        .addResourceString(xml, StandardCharsets.UTF_8, id + ".bpmn")
        .send()
        .join();
    return id;
  }

  private ActivatedJob agentJob(final String id) {
    return conformance.activateOne("agent-" + id);
  }

  private void activate(final ActivatedJob agentJob, final String... elementIds) {
    client
        .newCompleteCommand(agentJob.getKey())
        .withResult(
            r -> {
              var result = r.forAdHocSubProcess();
              for (final String elementId : elementIds) {
                result = result.activateElement(elementId);
              }
              return result;
            })
        .send()
        .join();
  }

  private void fulfil(
      final ActivatedJob agentJob, final boolean cancelRemaining, final Map<String, Object> vars) {
    client
        .newCompleteCommand(agentJob.getKey())
        .variables(vars)
        .withResult(
            r ->
                r.forAdHocSubProcess()
                    .completionConditionFulfilled(true)
                    .cancelRemainingInstances(cancelRemaining))
        .send()
        .join();
  }

  private long agentJobsCreated(final long instance) {
    return records.of(instance).stream()
        .filter(
            e ->
                e.valueType().equals("JOB")
                    && e.intent().equals("CREATED")
                    && "agent".equals(e.elementId()))
        .count();
  }

  @Test
  void onActivationAJobOfItsTypeDescribesTheToolsAndTheirFromAiParameters() {
    final String id = deployAgent();
    conformance.start(id, Map.of());

    final ActivatedJob job = agentJob(id);

    // Without documentation: null, which Map.of cannot hold.
    final Map<String, Object> notify = new HashMap<>();
    notify.put("elementId", "notify");
    notify.put("elementName", "Notify");
    notify.put("documentation", null);
    notify.put("properties", Map.of());
    notify.put(
        "parameters",
        List.of(
            Map.of(
                "name",
                "channel",
                "description",
                "Where",
                "type",
                "string",
                "schema",
                Map.of("enum", List.of("mail", "chat")))));
    assertThat(job.getKind()).isEqualTo(JobKind.AD_HOC_SUB_PROCESS);
    assertThat(job.getElementId()).isEqualTo("agent");
    assertThat(job.getVariablesAsMap().get("adHocSubProcessElements"))
        .isEqualTo(
            List.of(
                Map.of(
                    "elementId",
                    "search",
                    "elementName",
                    "Search",
                    "documentation",
                    "Searches the knowledge base",
                    "properties",
                    Map.of(),
                    "parameters",
                    List.of(
                        Map.of(
                            "name", "query", "description", "The search query", "type", "string"),
                        Map.of(
                            "name",
                            "limit",
                            "type",
                            "number",
                            "options",
                            Map.of("required", false)))),
                notify));
  }

  @Test
  void theResultActivatesToolsWithTheirVariablesAndEachToolThatEndsAsksTheWorkerAgain() {
    final String id = deployAgent();
    final long instance = conformance.start(id, Map.of());

    client
        .newCompleteCommand(agentJob(id).getKey())
        .withResult(
            r ->
                r.forAdHocSubProcess()
                    .activateElement("search")
                    .variables(Map.of("toolCall", Map.of("query", "printer", "limit", 5))))
        .send()
        .join();
    final ActivatedJob search = conformance.activateOne("search-" + id);
    assertThat(search.getVariablesAsMap())
        .containsEntry("query", "printer")
        .containsEntry("limit", 5);
    conformance.complete(search, Map.of("toolCallResult", "3 articles"));

    final ActivatedJob again = agentJob(id);
    assertThat(again.getVariablesAsMap()).containsEntry("toolCallResults", List.of("3 articles"));
    fulfil(again, true, Map.of("answer", "restart the spooler"));

    records.awaitCompleted(instance);
    assertThat(records.elements(instance, "ELEMENT_COMPLETED"))
        .containsSubsequence("search", "agent", "done");
    assertThat(records.variable(instance, "answer")).isEqualTo("\"restart the spooler\"");
    assertThat(agentJobsCreated(instance)).isEqualTo(2);
  }

  @Test
  void aResultNamingElementsTheSubProcessCannotActivateIsRefusedAndNothingIsActivated() {
    final String id = deployAgent();
    final long instance = conformance.start(id, Map.of());
    final ActivatedJob job = agentJob(id);

    assertThatThrownBy(() -> activate(job, "search", "nope", "done"))
        .satisfies(Rejected.as(Status.Code.INVALID_ARGUMENT))
        .hasMessageContaining("'nope'")
        .hasMessageContaining("'done'");
    assertThatThrownBy(
            () ->
                client
                    .newCompleteCommand(job.getKey())
                    .withResult(
                        r ->
                            r.forAdHocSubProcess()
                                .activateElement("search")
                                .completionConditionFulfilled(true))
                    .send()
                    .join())
        .satisfies(Rejected.as(Status.Code.INVALID_ARGUMENT))
        .hasMessageContaining("either to activate elements or to fulfil");
    assertThat(records.elements(instance, "ELEMENT_ACTIVATING")).doesNotContain("search");

    // The job is still there and a good result goes through.
    activate(job, "notify");
    final ActivatedJob notify = conformance.activateOne("notify-" + id);
    assertThatThrownBy(
            () ->
                client
                    .newCompleteCommand(notify.getKey())
                    .withResult(r -> r.forAdHocSubProcess().completionConditionFulfilled(true))
                    .send()
                    .join())
        .satisfies(Rejected.as(Status.Code.INVALID_ARGUMENT))
        .hasMessageContaining("not the job of an ad-hoc sub-process");
  }

  @Test
  void fulfillingTheConditionWithCancelRemainingInstancesTerminatesWhatStillRuns() {
    final String id = deployAgent();
    final long instance = conformance.start(id, Map.of());
    activate(agentJob(id), "search", "notify");
    conformance.complete(conformance.activateOne("search-" + id), Map.of());

    fulfil(agentJob(id), true, Map.of());

    records.awaitCompleted(instance);
    assertThat(records.elements(instance, "ELEMENT_TERMINATED")).containsExactly("notify");
    assertThat(records.elements(instance, "ELEMENT_COMPLETED")).contains("agent", "done");
  }

  @Test
  void fulfillingTheConditionWithoutCancelingWaitsForWhatRunsAndAsksTheWorkerNothingMore() {
    final String id = deployAgent();
    final long instance = conformance.start(id, Map.of());
    activate(agentJob(id), "search", "notify");
    final ActivatedJob notify = conformance.activateOne("notify-" + id);
    conformance.complete(conformance.activateOne("search-" + id), Map.of());

    fulfil(agentJob(id), false, Map.of());
    assertThat(records.stateOf(instance)).isEqualTo("ACTIVE");
    conformance.complete(notify, Map.of());

    records.awaitCompleted(instance);
    assertThat(records.elements(instance, "ELEMENT_TERMINATED")).isEmpty();
    assertThat(records.elements(instance, "ELEMENT_COMPLETED"))
        .containsSubsequence("notify", "agent", "done");
    assertThat(agentJobsCreated(instance)).isEqualTo(2);
  }

  @Test
  void aJobStillOpenWhenAnotherToolEndsIsReplacedAndCompletingItIsNotFound() {
    final String id = deployAgent();
    final long instance = conformance.start(id, Map.of());
    activate(agentJob(id), "search", "notify");
    final ActivatedJob notify = conformance.activateOne("notify-" + id);
    conformance.complete(conformance.activateOne("search-" + id), Map.of());
    final ActivatedJob stale = agentJob(id);

    conformance.complete(notify, Map.of());

    assertThatThrownBy(() -> fulfil(stale, true, Map.of()))
        .satisfies(Rejected.as(Status.Code.NOT_FOUND));
    fulfil(agentJob(id), true, Map.of());
    records.awaitCompleted(instance);
    assertThat(agentJobsCreated(instance)).isEqualTo(3);
  }

  @Test
  void fromAiEvaluatesToItsValueWithPositionalAndNamedArguments() {
    final String id = processId();
    conformance.deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .serviceTask(
                "add",
                t ->
                    t.zeebeJobType("add-" + id)
                        .zeebeInputExpression(
                            "fromAi(toolCall.a, \"First\", \"number\")"
                                + " + fromAi(value: toolCall.b, description: \"Second\")",
                            "sum"))
            .endEvent()
            .done());
    conformance.start(id, Map.of("toolCall", Map.of("a", 1, "b", 2)));

    assertThat(conformance.activateOne("add-" + id).getVariablesAsMap()).containsEntry("sum", 3);
  }
}
