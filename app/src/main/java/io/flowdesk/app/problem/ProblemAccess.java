package io.flowdesk.app.problem;

import io.flowdesk.app.record.RecordAccess;
import io.flowdesk.app.record.RecordRef;
import io.flowdesk.app.security.Viewer;
import io.flowdesk.domain.problem.Problem;
import io.flowdesk.domain.problem.ProblemNotFoundException;
import io.flowdesk.domain.problem.ProblemRecords;
import io.flowdesk.domain.record.RecordKind;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Who may see, raise and work problems: as for changes, agents, managers and administrators, every
 * problem (problems are IT's own analysis; end users neither raise nor read them). Every problem
 * page and API asks here (403 for an end user, also for a problem by number; 404 for none).
 */
@Component
public class ProblemAccess extends RecordAccess<Problem> {

  /** The directory group of the problem managers (proposed problems go to them). */
  public static final String PROBLEM_MANAGERS = "problem-management";

  private final ProblemRecords records;

  ProblemAccess(final ProblemRecords records) {
    super(RecordKind.PROBLEM);
    this.records = records;
  }

  @Override
  public boolean permits(final Viewer viewer, final Problem problem) {
    return viewer.worksTickets();
  }

  /**
   * @throws AccessDeniedException when {@code viewer} may not work with problems at all (HTTP 403)
   */
  public Viewer requireProblemWorker(final Viewer viewer) {
    if (!viewer.worksTickets()) {
      throw new AccessDeniedException(viewer.username() + " does not work with problems");
    }
    return viewer;
  }

  @Override
  public RecordRef ref(final Problem problem) {
    return new RecordRef(records.core(), problem.id(), problem.number());
  }

  /**
   * @throws ProblemNotFoundException no such problem
   */
  @Override
  protected Problem load(final String number) {
    return records.findByNumber(number).orElseThrow(() -> new ProblemNotFoundException(number));
  }
}
