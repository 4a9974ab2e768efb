package io.flowdesk.app.problem;

import io.flowdesk.app.security.Viewer;
import io.flowdesk.domain.problem.Problem;
import io.flowdesk.domain.problem.ProblemRecords;
import io.flowdesk.domain.record.Actor;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The fix of a problem: the changes raised from it. The change pages ask here whether a problem may
 * be fixed by whoever raises the change, and link the raised change to it, as a change raised from
 * an incident is linked to the incident.
 */
@Component
public class ProblemFixes {

  private final ProblemAccess access;
  private final ProblemRecords records;

  ProblemFixes(final ProblemAccess access, final ProblemRecords records) {
    this.access = access;
    this.records = records;
  }

  /**
   * The problem a change is raised for.
   *
   * @throws io.flowdesk.domain.problem.ProblemNotFoundException no such problem (404)
   * @throws org.springframework.security.access.AccessDeniedException {@code raiser} may not see it
   *     (403)
   */
  public Problem problemToFix(final Viewer raiser, final String number) {
    return access.findForPage(access.requireProblemWorker(raiser), number);
  }

  /** Links the change (CHG…) raised by {@code raiser} to the problem as its fix. */
  public void fixedBy(final Viewer raiser, final Problem problem, final String changeNumber) {
    records.linkFix(problem.id(), changeNumber, Actor.person(raiser.username()));
  }

  /** The problems this change was raised to fix, for the change's page. */
  public List<Problem> fixedWith(final String changeNumber) {
    return records.fixedBy(changeNumber);
  }
}
