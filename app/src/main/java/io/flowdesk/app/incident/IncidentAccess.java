package io.flowdesk.app.incident;

import io.flowdesk.app.record.RecordAccess;
import io.flowdesk.app.record.RecordRef;
import io.flowdesk.app.security.Viewer;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentNotFoundException;
import io.flowdesk.domain.incident.IncidentQuery;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.record.RecordKind;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Which incidents a person may see and act on, after the ITSM role matrix: end users (and everyone
 * else) their own, where they are the caller; agents also those of their assignment groups and
 * those assigned to them; managers and administrators all. Every page and API that shows incidents
 * asks here: {@link #restrict} for lists, {@link #check}/{@link #find} for one record (403 for
 * someone else's, 404 for none, as for every kind of record).
 */
@Component
public class IncidentAccess extends RecordAccess<Incident> {

  // IncidentQuery treats an empty set as "no restriction"; a set holding only a name nobody can
  // have (usernames and group names are never empty) restricts to nothing.
  private static final Set<String> NOBODY = Set.of("");

  private final IncidentRecords records;

  IncidentAccess(final IncidentRecords records) {
    super(RecordKind.INCIDENT);
    this.records = records;
  }

  /**
   * The incident numbers a record links to, each once, when every one is an incident {@code raiser}
   * may see; otherwise the {@code incidents} problem names the others (one the raiser may not see
   * reads as one that does not exist).
   */
  public List<String> linkable(
      final Viewer raiser, final List<String> numbers, final Map<String, String> problems) {
    final Set<String> distinct = new LinkedHashSet<>();
    for (final String number : numbers) {
      if (number != null && !number.isBlank()) {
        distinct.add(number.strip());
      }
    }
    final List<String> unknown =
        distinct.stream()
            .filter(
                number ->
                    records
                        .findByNumber(number)
                        .filter(incident -> permits(raiser, incident))
                        .isEmpty())
            .toList();
    if (!unknown.isEmpty()) {
      problems.put(
          "incidents",
          (unknown.size() == 1 ? "there is no incident " : "there are no incidents ")
              + String.join(", ", unknown));
    }
    return List.copyOf(distinct);
  }

  /** Whether {@code viewer} may see and act on {@code incident}. */
  @Override
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

  @Override
  public RecordRef ref(final Incident incident) {
    return new RecordRef(records.core(), incident.id(), incident.number());
  }

  /**
   * @throws IncidentNotFoundException no such incident
   */
  @Override
  protected Incident load(final String number) {
    return records.findByNumber(number).orElseThrow(() -> new IncidentNotFoundException(number));
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
        query.text(),
        query.configurationItem(),
        query.createdFrom(),
        query.createdBefore());
  }
}
