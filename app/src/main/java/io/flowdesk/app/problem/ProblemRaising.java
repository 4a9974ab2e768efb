package io.flowdesk.app.problem;

import io.camunda.client.CamundaClient;
import io.flowdesk.app.record.ProcessNotStartedException;
import io.flowdesk.domain.problem.NewProblem;
import io.flowdesk.domain.problem.Problem;
import io.flowdesk.domain.problem.ProblemRecords;
import io.flowdesk.domain.problem.ProblemState;
import io.flowdesk.domain.record.Actor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Raises a problem: records it first (PRB…, state New), then starts the latest version of model
 * {@code problem} (processes/problem/) with its start variables and stores the process instance
 * key. If the process does not start, the problem is canceled at once (audited, with a comment
 * saying why), as a change is, and the caller gets an error.
 */
@Service
public class ProblemRaising {

  static final String PROCESS_ID = "problem";

  private static final Logger LOG = LoggerFactory.getLogger(ProblemRaising.class);

  private final ProblemRecords records;
  private final CamundaClient client;

  ProblemRaising(final ProblemRecords records, final CamundaClient client) {
    this.records = records;
    this.client = client;
  }

  /**
   * @throws IllegalArgumentException naming the field the problem record refuses
   * @throws ProcessNotStartedException the process did not start; the problem was canceled
   */
  public Problem raise(final NewProblem problem) {
    final Actor actor = Actor.person(problem.raisedBy());
    final Problem recorded = records.record(problem, actor);
    final long key;
    try {
      final Map<String, Object> variables = new LinkedHashMap<>();
      variables.put("problemNumber", recorded.number());
      variables.put("shortDescription", recorded.shortDescription());
      variables.put("assignmentGroup", recorded.assignmentGroup());
      if (recorded.assignee() != null) {
        variables.put("assignee", recorded.assignee());
      }
      key =
          client
              .newCreateInstanceCommand()
              .bpmnProcessId(PROCESS_ID)
              .latestVersion()
              .variables(variables)
              .send()
              .join()
              .getProcessInstanceKey();
    } catch (RuntimeException startFailed) {
      LOG.error("Process {} did not start for {}", PROCESS_ID, recorded.number(), startFailed);
      try {
        records.moveTo(
            recorded.id(),
            ProblemState.CANCELED,
            "This problem could not be started and was canceled. Please raise it again.",
            actor);
      } catch (RuntimeException cancelFailed) {
        startFailed.addSuppressed(cancelFailed);
      }
      throw new ProcessNotStartedException(recorded.number(), PROCESS_ID, startFailed);
    }
    return records.started(recorded.id(), key, actor);
  }
}
