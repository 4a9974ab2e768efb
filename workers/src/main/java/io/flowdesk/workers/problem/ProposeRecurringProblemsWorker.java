package io.flowdesk.workers.problem;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.flowdesk.domain.incident.Priority;
import io.flowdesk.domain.problem.NewProblem;
import io.flowdesk.domain.problem.Problem;
import io.flowdesk.domain.problem.ProblemRecords;
import io.flowdesk.domain.problem.RecurringIncidents;
import io.flowdesk.domain.problem.RecurringIncidents.Cluster;
import io.flowdesk.domain.problem.RecurringIncidents.GroupBy;
import io.flowdesk.domain.record.Actor;
import io.flowdesk.workers.InvalidJobInputException;
import io.flowdesk.workers.JobInputs;
import io.flowdesk.workers.JobOutcomes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Task type {@code flowdesk:problem-propose-recurring}: proposes a problem (state New, flagged
 * proposed, the incidents linked) for every cluster of recurring incidents, by CI with rule {@code
 * ciRule} and by category with {@code categoryRule}, each {@code {minimumIncidents, windowHours}}
 * as decision {@code recurring-incidents} gives it (a missing rule: that grouping is off). The
 * problems go to {@code assignmentGroup} (variable, else header; default {@code
 * problem-management}). Result {@code proposals}: {@code [{problemNumber, assignmentGroup,
 * shortDescription}]}. A retried job proposes nothing twice: incidents linked to a problem do not
 * recur.
 */
public class ProposeRecurringProblemsWorker {

  public static final String TYPE = "flowdesk:problem-propose-recurring";

  static final String PROBLEM_MANAGEMENT = "problem-management";

  private final ProblemRecords problems;
  private final RecurringIncidents recurring;
  private final JobOutcomes outcomes;

  public ProposeRecurringProblemsWorker(
      final ProblemRecords problems,
      final RecurringIncidents recurring,
      final Duration retryBackoff) {
    this.problems = problems;
    this.recurring = recurring;
    this.outcomes = new JobOutcomes("problem", retryBackoff);
  }

  @JobWorker(
      type = TYPE,
      autoComplete = false,
      fetchVariables = {"ciRule", "categoryRule", "assignmentGroup"})
  public void handle(final JobClient client, final ActivatedJob job) {
    outcomes.handle(client, job, this::propose);
  }

  /** Proposes a problem per cluster. */
  public Map<String, Object> propose(final JobInputs inputs) {
    final String group =
        inputs
            .optionalText("assignmentGroup")
            .or(() -> inputs.header("assignmentGroup"))
            .orElse(PROBLEM_MANAGEMENT);
    final List<Map<String, Object>> proposals = new ArrayList<>();
    for (final GroupBy by : GroupBy.values()) {
      final String name = by == GroupBy.CI ? "ciRule" : "categoryRule";
      if (inputs.raw(name) == null) {
        continue;
      }
      final Map<String, Object> rule = inputs.object(name);
      final int minimum = whole(name, rule, "minimumIncidents");
      final Duration window = Duration.ofHours(whole(name, rule, "windowHours"));
      for (final Cluster cluster : find(name, by, minimum, window)) {
        final Problem proposed =
            problems.record(proposal(cluster, group, window), Actor.person(Actor.PROCESS));
        final Map<String, Object> proposal = new LinkedHashMap<>();
        proposal.put("problemNumber", proposed.number());
        proposal.put("assignmentGroup", proposed.assignmentGroup());
        proposal.put("shortDescription", proposed.shortDescription());
        proposals.add(proposal);
      }
    }
    return Map.of("proposals", proposals);
  }

  private List<Cluster> find(
      final String name, final GroupBy by, final int minimum, final Duration window) {
    try {
      return recurring.find(by, minimum, window);
    } catch (IllegalArgumentException badRule) {
      throw new InvalidJobInputException("input '" + name + "': " + badRule.getMessage());
    }
  }

  private static NewProblem proposal(
      final Cluster cluster, final String group, final Duration window) {
    final String subject =
        cluster.ci() != null ? "CI " + cluster.ci().name() : "category " + cluster.category();
    return new NewProblem(
        "Recurring incidents on " + subject,
        cluster.incidents().size()
            + " incidents on "
            + subject
            + " within "
            + window.toHours()
            + " hours: "
            + String.join(", ", cluster.incidents())
            + ". Proposed by the recurring-incident detection.",
        cluster.category(),
        cluster.ci() == null ? List.of() : List.of(cluster.ci()),
        group,
        null,
        Priority.P3,
        cluster.incidents(),
        Actor.PROCESS,
        true);
  }

  private static int whole(final String name, final Map<String, Object> rule, final String key) {
    if (rule.get(key) instanceof Number number && number.doubleValue() == number.intValue()) {
      return number.intValue();
    }
    throw new InvalidJobInputException(
        "input '" + name + "." + key + "' must be a whole number, was " + rule.get(key));
  }
}
