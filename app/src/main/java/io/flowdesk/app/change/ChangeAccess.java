package io.flowdesk.app.change;

import io.flowdesk.app.record.RecordAccess;
import io.flowdesk.app.record.RecordRef;
import io.flowdesk.app.security.Viewer;
import io.flowdesk.domain.change.Change;
import io.flowdesk.domain.change.ChangeNotFoundException;
import io.flowdesk.domain.change.ChangeRecords;
import io.flowdesk.domain.record.RecordKind;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Who may see, raise and act on changes: agents, managers and administrators, every change (changes
 * are IT's own work; end users neither raise nor follow them). Every change page and API asks here
 * (403 for an end user, also for a change by number; 404 for none).
 */
@Component
public class ChangeAccess extends RecordAccess<Change> {

  /** The directory group of the change managers (processes/change/ assign them their tasks). */
  public static final String CHANGE_MANAGERS = "change-management";

  private final ChangeRecords records;

  ChangeAccess(final ChangeRecords records) {
    super(RecordKind.CHANGE);
    this.records = records;
  }

  @Override
  public boolean permits(final Viewer viewer, final Change change) {
    return viewer.worksTickets();
  }

  /**
   * @throws AccessDeniedException when {@code viewer} may not work with changes at all (HTTP 403)
   */
  public Viewer requireChangeWorker(final Viewer viewer) {
    if (!viewer.worksTickets()) {
      throw new AccessDeniedException(viewer.username() + " does not work with changes");
    }
    return viewer;
  }

  /** Change managers (and administrators) may raise emergency changes; other agents may not. */
  public static boolean raisesEmergencies(final Viewer viewer) {
    return viewer.isAdmin() || viewer.worksTickets() && viewer.groups().contains(CHANGE_MANAGERS);
  }

  @Override
  public RecordRef ref(final Change change) {
    return new RecordRef(records.core(), change.id(), change.number());
  }

  /**
   * @throws ChangeNotFoundException no such change
   */
  @Override
  protected Change load(final String number) {
    return records.findByNumber(number).orElseThrow(() -> new ChangeNotFoundException(number));
  }
}
