package io.flowdesk.app.request;

import io.flowdesk.app.security.Viewer;
import io.flowdesk.domain.request.Request;
import io.flowdesk.domain.request.RequestNotFoundException;
import io.flowdesk.domain.request.RequestRecords;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Which requests a person may see and act on: their own (they ordered it, or it was ordered for
 * them); agents, managers and administrators every request, since fulfilment tasks go to groups
 * that the request itself does not name. Every page and API that shows requests asks here.
 *
 * <p>A request that exists but is not the viewer's is answered with 403, one that does not exist
 * with 404; numbers are sequential, so hiding existence would hide nothing.
 */
@Component
public class RequestAccess {

  private final RequestRecords records;

  RequestAccess(final RequestRecords records) {
    this.records = records;
  }

  /** Whether {@code viewer} may see and act on {@code request}. */
  public boolean permits(final Viewer viewer, final Request request) {
    return viewer.worksTickets() || request.concerns(viewer.username());
  }

  /** Whether {@code viewer} sees it as its requester (portal) rather than as an agent. */
  public boolean isOwn(final Viewer viewer, final Request request) {
    return request.concerns(viewer.username());
  }

  /**
   * The request by number, when the viewer may see it.
   *
   * @throws RequestNotFoundException no such request (HTTP 404)
   * @throws AccessDeniedException it is someone else's (HTTP 403)
   */
  public Request find(final Viewer viewer, final String number) {
    final Request request =
        records.findByNumber(number).orElseThrow(() -> new RequestNotFoundException(number));
    if (!permits(viewer, request)) {
      throw new AccessDeniedException(viewer.username() + " may not see request " + number);
    }
    return request;
  }
}
