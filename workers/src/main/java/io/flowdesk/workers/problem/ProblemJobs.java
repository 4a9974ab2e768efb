package io.flowdesk.workers.problem;

import io.flowdesk.domain.problem.Problem;
import io.flowdesk.domain.problem.ProblemNotFoundException;
import io.flowdesk.domain.problem.ProblemRecords;
import io.flowdesk.domain.record.Actor;
import io.flowdesk.workers.JobInputs;

/** What the problem workers share: the job's problem. */
final class ProblemJobs {

  /** The variable every problem job fetches at least. */
  static final String NUMBER = "problemNumber";

  private ProblemJobs() {}

  /**
   * The problem of input {@code problemNumber}, which from now on records the job's process
   * instance as its own when it has none yet (a proposed problem's model is started by the
   * recurrence model, not by the app). Not under the job's key: the job's own change of the problem
   * is applied once per key, and this must not use it up; it is idempotent by value. An unknown one
   * fails the job (retried, then an incident).
   */
  static Problem problem(final ProblemRecords records, final JobInputs inputs) {
    final String number = inputs.text(NUMBER);
    final Problem problem =
        records.findByNumber(number).orElseThrow(() -> new ProblemNotFoundException(number));
    if (problem.processInstanceKey() != null) {
      return problem;
    }
    return records.started(problem.id(), inputs.processInstanceKey(), Actor.person(Actor.PROCESS));
  }
}
