package io.flowdesk.app.cmdb;

import io.flowdesk.app.security.Viewer;
import io.flowdesk.app.security.Viewers;
import io.flowdesk.domain.directory.Role;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Who may use the CMDB, after the ITSM permission matrix ("Manage CMDB": agents read; managers and
 * administrators manage). The same checks for the pages and the API.
 */
@Component
public class CmdbAccess {

  private final Viewers viewers;

  CmdbAccess(final Viewers viewers) {
    this.viewers = viewers;
  }

  /** Agents, managers and admins read configuration items. */
  public static boolean reads(final Viewer viewer) {
    return viewer.worksTickets();
  }

  /** Managers and admins create and change them. */
  public static boolean manages(final Viewer viewer) {
    return viewer.has(Role.MANAGER) || viewer.isAdmin();
  }

  /** The signed-in reader, or 403. */
  Viewer reader() {
    final Viewer viewer = signedIn();
    if (!reads(viewer)) {
      throw new AccessDeniedException(viewer.username() + " may not read the CMDB");
    }
    return viewer;
  }

  /** The signed-in CMDB manager, or 403. */
  Viewer manager() {
    final Viewer viewer = signedIn();
    if (!manages(viewer)) {
      throw new AccessDeniedException(
          viewer.username() + " may not change the CMDB (managers and administrators may)");
    }
    return viewer;
  }

  private Viewer signedIn() {
    return viewers.current().orElseThrow(() -> new AccessDeniedException("not signed in"));
  }
}
