package io.flowdesk.app.change.conflict;

import io.flowdesk.app.change.ChangeDrafts;
import io.flowdesk.app.security.Viewer;
import io.flowdesk.domain.change.AffectedCi;
import io.flowdesk.domain.change.Change;
import io.flowdesk.domain.change.ChangeNotEditableException;
import io.flowdesk.domain.change.conflict.ChangeRescheduling;
import io.flowdesk.domain.change.conflict.UnknownCiException;
import io.flowdesk.domain.record.Actor;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Who may plan a change (move its window, change its CIs) and the edit itself, for the change page
 * and the API alike: the change's assignment group, change managers (group {@value
 * #CHANGE_MANAGERS}) and administrators, while the change is New, Assess or Authorize. Every
 * problem is named by field ({@code plannedStart}, {@code plannedEnd}, {@code affectedCis}); an
 * edit with a problem writes nothing. An accepted edit checks the change's conflicts again.
 */
@Component
public class ChangePlanning {

  /** The directory group of change managers (change-normal.bpmn's authorizers). */
  public static final String CHANGE_MANAGERS = "change-management";

  private final ChangeDrafts drafts;
  private final ChangeRescheduling rescheduling;

  ChangePlanning(final ChangeDrafts drafts, final ChangeRescheduling rescheduling) {
    this.drafts = drafts;
    this.rescheduling = rescheduling;
  }

  /** Change managers and administrators: they also keep the blackout windows. */
  public static boolean managesChanges(final Viewer viewer) {
    return viewer.isAdmin() || viewer.groups().contains(CHANGE_MANAGERS);
  }

  public boolean mayPlan(final Viewer viewer, final Change change) {
    return viewer.worksTickets()
        && (viewer.groups().contains(change.assignmentGroup()) || managesChanges(viewer));
  }

  /**
   * @throws AccessDeniedException {@code viewer} may not plan the change (HTTP 403)
   */
  public void requirePlanner(final Viewer viewer, final Change change) {
    if (!mayPlan(viewer, change)) {
      throw new AccessDeniedException(
          viewer.username()
              + " may not plan "
              + change.number()
              + ": only its assignment group ("
              + change.assignmentGroup()
              + "), change managers and administrators may");
    }
  }

  /** The outcome of an edit: the change with its conflicts, or the problems by field. */
  public record Planned(ChangeRescheduling.Rescheduled result, Map<String, String> problems) {
    public boolean done() {
      return problems.isEmpty();
    }
  }

  /**
   * Moves the change's window and replaces its CIs as {@code viewer}.
   *
   * @param cis the CIs as CI pickers name them (a name or a CMDB id)
   * @param chosen the ids the browser's pickers chose, position by position (empty for the API)
   * @throws AccessDeniedException {@code viewer} may not plan the change
   * @throws ChangeNotEditableException the change is scheduled or later
   */
  public Planned reschedule(
      final Viewer viewer,
      final Change change,
      final String plannedStart,
      final String plannedEnd,
      final List<String> cis,
      final List<String> chosen) {
    requirePlanner(viewer, change);
    final Map<String, String> problems = new LinkedHashMap<>();
    final Instant start = drafts.time("plannedStart", plannedStart, problems);
    final Instant end = drafts.time("plannedEnd", plannedEnd, problems);
    if (start != null && end != null && !end.isAfter(start)) {
      problems.put("plannedEnd", "must be after the planned start");
    }
    final List<UUID> ids =
        drafts.affectedCis(cis, chosen, problems).stream().map(AffectedCi::ciId).toList();
    if (!problems.isEmpty()) {
      return new Planned(null, problems);
    }
    try {
      return new Planned(
          rescheduling.reschedule(change.id(), start, end, ids, Actor.person(viewer.username())),
          Map.of());
    } catch (UnknownCiException unknown) {
      return new Planned(
          null, Map.of("affectedCis", "no CI in the CMDB has the id " + unknown.ciId()));
    }
  }
}
