package io.flowdesk.app.report;

import io.flowdesk.app.record.InvalidRequestException;
import io.flowdesk.app.security.Viewer;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.report.ReportRange;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Who sees which numbers, after the ITSM permission matrix: managers and administrators every
 * group's, agents their own groups' only (asking for another group is refused, not emptied), end
 * users none (403). Turns the pages' and the API's {@code from}, {@code to} and {@code group}
 * parameters into a {@link ReportRange}, refusing bad ones by name; without dates a report covers
 * the last 30 days.
 */
@Component
public class ReportScopes {

  // A group name nobody has: restricts an agent without groups to nothing.
  private static final Set<String> NOBODY = Set.of("");

  static final int DEFAULT_DAYS = 30;

  private final Directory directory;
  private final Clock clock;

  ReportScopes(final Directory directory, final Clock clock) {
    this.directory = directory;
    this.clock = clock;
  }

  /**
   * @throws AccessDeniedException for end users, and for an agent asking for a group not theirs
   * @throws InvalidRequestException for an unreadable or reversed range, a range longer than {@link
   *     ReportRange#MAX_DAYS} days, or an unknown group
   */
  public ReportRange scope(
      final Viewer viewer, final String from, final String to, final String group) {
    requireReportViewer(viewer);
    final Map<String, String> errors = new LinkedHashMap<>();
    final LocalDate end = date("to", to, LocalDate.now(clock), errors);
    final LocalDate start = date("from", from, end.minusDays(DEFAULT_DAYS - 1L), errors);
    if (errors.isEmpty() && start.isAfter(end)) {
      errors.put("from", "from (" + start + ") is after to (" + end + ")");
    } else if (errors.isEmpty()
        && new ReportRange(start, end, Set.of()).days() > ReportRange.MAX_DAYS) {
      errors.put("to", "a report covers at most " + ReportRange.MAX_DAYS + " days");
    }
    final String groupName = group == null ? "" : group.strip();
    if (!groupName.isEmpty() && directory.group(groupName).isEmpty()) {
      errors.put("group", "no assignment group '" + groupName + "'");
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(String.join("; ", errors.values()), errors);
    }
    return new ReportRange(start, end, groups(viewer, groupName));
  }

  /**
   * @throws AccessDeniedException unless {@code viewer} is an agent, manager or administrator
   */
  public Viewer requireReportViewer(final Viewer viewer) {
    if (!viewer.worksTickets()) {
      throw new AccessDeniedException(viewer.username() + " may not see reports");
    }
    return viewer;
  }

  /** The groups a viewer may pick from; empty for those who see all (any group). */
  public Set<String> restrictedTo(final Viewer viewer) {
    return viewer.seesAllRecords() ? Set.of() : viewer.groups();
  }

  private static Set<String> groups(final Viewer viewer, final String group) {
    if (viewer.seesAllRecords()) {
      return group.isEmpty() ? Set.of() : Set.of(group);
    }
    if (group.isEmpty()) {
      return viewer.groups().isEmpty() ? NOBODY : viewer.groups();
    }
    if (!viewer.groups().contains(group)) {
      throw new AccessDeniedException(
          viewer.username() + " sees the numbers of their own groups only, not of " + group);
    }
    return Set.of(group);
  }

  private static LocalDate date(
      final String name,
      final String value,
      final LocalDate otherwise,
      final Map<String, String> errors) {
    if (value == null || value.isBlank()) {
      return otherwise;
    }
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      errors.put(name, name + " must be a date such as 2026-01-31, not '" + value.strip() + "'");
      return otherwise;
    }
  }
}
