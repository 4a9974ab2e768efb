package io.flowdesk.app.change.calendar;

import io.flowdesk.app.security.Viewer;
import io.flowdesk.domain.directory.Role;
import java.util.Set;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Who sees the change calendar (agents, managers, administrators and CAB members) and the CAB view
 * (CAB members: the CAB role or the groups {@code cab} and {@code change-management}; managers and
 * administrators). Pages, the API and the calendar feed ask here alike; end users get 403.
 */
@Component
public class CalendarAccess {

  static final Set<String> CAB_GROUPS = Set.of("cab", "change-management");

  public boolean seesCalendar(final Viewer viewer) {
    return viewer.worksTickets() || cabMember(viewer);
  }

  public boolean seesCab(final Viewer viewer) {
    return viewer.seesAllRecords() || cabMember(viewer);
  }

  /**
   * @throws AccessDeniedException for whoever may not see the calendar (HTTP 403)
   */
  public Viewer requireCalendar(final Viewer viewer) {
    if (!seesCalendar(viewer)) {
      throw new AccessDeniedException(viewer.username() + " does not see the change calendar");
    }
    return viewer;
  }

  /**
   * @throws AccessDeniedException for whoever is not on the CAB (HTTP 403)
   */
  public Viewer requireCab(final Viewer viewer) {
    if (!seesCab(viewer)) {
      throw new AccessDeniedException(viewer.username() + " is not on the CAB");
    }
    return viewer;
  }

  private static boolean cabMember(final Viewer viewer) {
    return viewer.has(Role.CAB_MEMBER) || viewer.groups().stream().anyMatch(CAB_GROUPS::contains);
  }
}
