package io.flowdesk.app.incident;

import io.flowdesk.app.security.Viewer;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentNotFoundException;
import io.flowdesk.domain.incident.IncidentQuery;
import io.flowdesk.domain.incident.IncidentRecords;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Which incidents a person may see and act on, after the ITSM role matrix: end users (and everyone
 * else) their own, where they are the caller; agents also those of their assignment groups and
 * those assigned to them; managers and administrators all. Every page and API that shows incidents
 * asks here: {@link #restrict} for lists, {@link #check}/{@link #find} for one record.
 *
 * <p>An incident that exists but is not the viewer's is answered with 403 (AccessDeniedException),
 * one that does not exist with 404; incident numbers are sequential, so hiding existence would hide
 * nothing.
 */
@Component
public class IncidentAccess {

  // IncidentQuery treats an empty set as "no restriction"; a set holding only a name nobody can
  // have (usernames and group names are never empty) restricts to nothing.
  private static final Set<String> NOBODY = Set.of("");

  private final IncidentRecords records;

  IncidentAccess(final IncidentRecords records) {
    this.records = records;
  }

  /** Whether {@code viewer} may see and act on {@code incident}. */
  public boolean permits(final Viewer viewer, final Incident incident) {
    if (viewer.seesAllRecords()) {
      return true;
    }
    if (viewer.username().equals(incident.caller())) {
      return true;
    }
    return viewer.worksTickets()
        && (viewer.username().equals(incident.assignee())
            || incident.assignmentGroup() != null
                && viewer.groups().contains(incident.assignmentGroup()));
  }

  /**
   * @throws AccessDeniedException when the viewer may not see the incident (HTTP 403)
   */
  public Incident check(final Viewer viewer, final Incident incident) {
    if (!permits(viewer, incident)) {
      throw new AccessDeniedException(
          viewer.username() + " may not see incident " + incident.number());
    }
    return incident;
  }

  /**
   * The incident by number, when the viewer may see it.
   *
   * @throws IncidentNotFoundException no such incident (HTTP 404)
   * @throws AccessDeniedException it is someone else's (HTTP 403)
   */
  public Incident find(final Viewer viewer, final String number) {
    final Incident incident =
        records.findByNumber(number).orElseThrow(() -> new IncidentNotFoundException(number));
    return check(viewer, incident);
  }

  /**
   * {@code query} narrowed to what the viewer may see. Agents get the incidents of their groups;
   * their own reports and assignments outside those groups are found with {@link #ownOnly}.
   */
  public IncidentQuery restrict(final Viewer viewer, final IncidentQuery query) {
    if (viewer.seesAllRecords()) {
      return query;
    }
    if (viewer.worksTickets() && !viewer.groups().isEmpty()) {
      final Set<String> groups =
          query.assignmentGroups().isEmpty()
              ? viewer.groups()
              : intersection(query.assignmentGroups(), viewer.groups());
      return with(query, query.callers(), groups.isEmpty() ? NOBODY : groups);
    }
    return ownOnly(viewer, query);
  }

  /** {@code query} narrowed to incidents the viewer reported (the portal's "My requests"). */
  public IncidentQuery ownOnly(final Viewer viewer, final IncidentQuery query) {
    final Set<String> callers =
        query.callers().isEmpty() || query.callers().contains(viewer.username())
            ? Set.of(viewer.username())
            : NOBODY;
    return with(query, callers, query.assignmentGroups());
  }

  private static Set<String> intersection(final Set<String> a, final Set<String> b) {
    return a.stream().filter(b::contains).collect(Collectors.toSet());
  }

  private static IncidentQuery with(
      final IncidentQuery query, final Set<String> callers, final Set<String> groups) {
    return new IncidentQuery(
        Objects.requireNonNull(callers),
        Objects.requireNonNull(groups),
        query.states(),
        query.priorities(),
        query.assignee(),
        query.breached(),
        query.text());
  }
}
