package io.flowdesk.app.record;

import io.flowdesk.app.security.Viewer;
import io.flowdesk.domain.record.RecordKind;
import io.flowdesk.domain.record.RecordNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.server.ResponseStatusException;

/**
 * Which records of one kind a person may see and act on. Each kind says who ({@link #permits}) and
 * how its records are found; finding one and refusing someone else's is the same for every kind.
 * Every page and API that shows a record asks its kind's access.
 *
 * <p>A record that exists but is not the viewer's is answered with 403 (AccessDeniedException), one
 * that does not exist with 404; numbers are sequential, so hiding existence would hide nothing.
 *
 * @param <R> the kind's record
 */
public abstract class RecordAccess<R> {

  private final RecordKind kind;

  protected RecordAccess(final RecordKind kind) {
    this.kind = kind;
  }

  /** Whether {@code viewer} may see and act on {@code record}. */
  public abstract boolean permits(Viewer viewer, R record);

  /** The record and its shared parts, for {@link RecordFiles}, {@link JournalPosting} and such. */
  public abstract RecordRef ref(R record);

  /**
   * The record by number, whoever asks.
   *
   * @throws RecordNotFoundException the kind's own, when there is no such record
   */
  protected abstract R load(String number);

  /**
   * @throws AccessDeniedException when the viewer may not see the record (HTTP 403)
   */
  public R check(final Viewer viewer, final R record) {
    if (!permits(viewer, record)) {
      throw new AccessDeniedException(viewer.username() + " may not see " + ref(record).named());
    }
    return record;
  }

  /**
   * Whether the viewer may see the record as it is now, e.g. after a change that may have taken
   * their access away (a transfer to another group); false also when there is no such record.
   */
  public boolean sees(final Viewer viewer, final String number) {
    try {
      return permits(viewer, load(number));
    } catch (RecordNotFoundException gone) {
      return false;
    }
  }

  /**
   * The record by number, when the viewer may see it.
   *
   * @throws RecordNotFoundException no such record (the API answers 404)
   * @throws AccessDeniedException it is someone else's (HTTP 403)
   */
  public R find(final Viewer viewer, final String number) {
    return check(viewer, load(number));
  }

  /**
   * {@link #find} for pages, where no problem document is made: no such record is a plain 404.
   *
   * @throws ResponseStatusException 404 when there is no such record
   * @throws AccessDeniedException it is someone else's (HTTP 403)
   */
  public R findForPage(final Viewer viewer, final String number) {
    try {
      return find(viewer, number);
    } catch (RecordNotFoundException notFound) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No " + kind.noun() + " " + number);
    }
  }
}
