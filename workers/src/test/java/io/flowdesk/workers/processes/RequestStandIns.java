package io.flowdesk.workers.processes;

import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.ProcessInstance;
import io.flowdesk.workers.TestWorker;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stand-ins for the request building blocks the catalog items call, built in parallel and not yet
 * packaged: the approval process {@code flowdesk-approval} (test resource {@code
 * stand-ins/flowdesk-approval.bpmn}: one user task whose completion sets {@code approval}) and a
 * {@code flowdesk:request-stage} job handler that records the stages it saw. The item tests reach
 * both only through this class, so swapping in the real ones touches nothing else: deploy the real
 * approval process, let {@link #decide} complete its approver's task, and check the request
 * record's states instead of {@link #stages}.
 */
final class RequestStandIns implements AutoCloseable {

  static final String STAGE_TYPE = "flowdesk:request-stage";
  static final String APPROVAL_PROCESS = "flowdesk-approval";

  /** One {@code flowdesk:request-stage} job as the worker would see it. */
  record Stage(String requestNumber, String stage, String comment) {}

  private final CamundaClient client;
  private final TestWorker stageWorker;
  private final List<Stage> seen = new CopyOnWriteArrayList<>();

  private RequestStandIns(final CamundaClient client) {
    this.client = client;
    this.stageWorker = new TestWorker(client, STAGE_TYPE);
    stageWorker.use(
        (jobClient, job) -> {
          final Map<String, Object> variables = job.getVariablesAsMap();
          final String stage =
              job.getCustomHeaders().getOrDefault("stage", (String) variables.get("stage"));
          seen.add(
              new Stage(
                  (String) variables.get("requestNumber"),
                  stage,
                  (String) variables.get("comment")));
          jobClient.newCompleteCommand(job.getKey()).send().join();
        });
  }

  /** Deploys the approval stand-in and starts recording request stages. */
  static RequestStandIns start(final CamundaClient client) {
    try (InputStream approval =
        RequestStandIns.class.getResourceAsStream("/stand-ins/flowdesk-approval.bpmn")) {
      client
          .newDeployResourceCommand()
          .addResourceStream(approval, "flowdesk-approval.bpmn")
          .send()
          .join();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new RequestStandIns(client);
  }

  /** The stages the request went through, in order. */
  List<String> stages(final String requestNumber) {
    return stagesOf(requestNumber).stream().map(Stage::stage).toList();
  }

  /** Every stage job of the request, with its comment. */
  List<Stage> stagesOf(final String requestNumber) {
    return seen.stream().filter(s -> requestNumber.equals(s.requestNumber())).toList();
  }

  /** The approval the instance's call activity started and that still waits, once it exists. */
  long awaitApproval(final long instance) {
    final long[] found = new long[1];
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              final List<ProcessInstance> open =
                  client
                      .newProcessInstanceSearchRequest()
                      .filter(
                          f ->
                              f.parentProcessInstanceKey(instance)
                                  .processDefinitionId(APPROVAL_PROCESS)
                                  .state(ProcessInstanceState.ACTIVE))
                      .send()
                      .join()
                      .items();
              found[0] = open.isEmpty() ? 0 : open.get(0).getProcessInstanceKey();
              return !open.isEmpty();
            });
    return found[0];
  }

  /** Decides the waiting approval as its approver would: "approved" or "rejected". */
  void decide(final long approval, final String decision, final String approver) {
    final long task = ItemTesting.awaitTask(client, approval, "decide").getUserTaskKey();
    client
        .newCompleteUserTaskCommand(task)
        .variables(
            Map.of(
                "approval",
                Map.of(
                    "decision",
                    decision,
                    "decisions",
                    List.of(
                        Map.of(
                            "approver",
                            approver,
                            "decision",
                            decision,
                            "comment",
                            decision.equals("rejected") ? "Not this year" : "",
                            "decidedAt",
                            "2026-12-06T10:00:00Z")))))
        .send()
        .join();
  }

  @Override
  public void close() {
    stageWorker.close();
  }
}
