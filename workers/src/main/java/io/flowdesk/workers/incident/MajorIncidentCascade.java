package io.flowdesk.workers.incident;

import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.incident.IncidentState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves a resolved major incident's open children with it, each through its own "Resolve
 * incident" task ({@link IncidentResolveTask}) with the parent's resolution code and notes naming
 * the parent, so the child's process records the resolution and tells its caller. Children without
 * an open task (on hold, not yet assigned, already resolved) are left as they are.
 */
public class MajorIncidentCascade {

  private static final Logger LOG = LoggerFactory.getLogger(MajorIncidentCascade.class);

  // The resolve form's code for a parent resolved without one (a job that set none).
  private static final String SOLVED = "solved-permanently";

  private final IncidentRecords records;
  private final IncidentResolveTask resolveTask;

  public MajorIncidentCascade(
      final IncidentRecords records, final IncidentResolveTask resolveTask) {
    this.records = records;
    this.resolveTask = resolveTask;
  }

  /** Resolves the open children of {@code parent} when it is resolved. */
  public void resolveChildrenOf(final Incident parent) {
    if (parent.state() != IncidentState.RESOLVED) {
      return;
    }
    for (final Incident child : records.major().children(parent.id())) {
      final boolean resolved =
          resolveTask.resolve(
              child,
              parent.resolutionCode() == null ? SOLVED : parent.resolutionCode(),
              "Resolved with major incident "
                  + parent.number()
                  + ": "
                  + (parent.resolutionNotes() == null ? "" : parent.resolutionNotes()));
      if (resolved) {
        LOG.info("{} resolved with its major incident {}", child.number(), parent.number());
      }
    }
  }
}
