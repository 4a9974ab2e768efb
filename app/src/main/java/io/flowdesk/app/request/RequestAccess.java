package io.flowdesk.app.request;

import io.flowdesk.app.record.RecordAccess;
import io.flowdesk.app.record.RecordRef;
import io.flowdesk.app.security.Viewer;
import io.flowdesk.domain.record.RecordKind;
import io.flowdesk.domain.request.Request;
import io.flowdesk.domain.request.RequestNotFoundException;
import io.flowdesk.domain.request.RequestRecords;
import org.springframework.stereotype.Component;

/**
 * Which requests a person may see and act on: their own (they ordered it, or it was ordered for
 * them); agents, managers and administrators every request, since fulfilment tasks go to groups
 * that the request itself does not name. Every page and API that shows requests asks here (403 for
 * someone else's, 404 for none, as for every kind of record).
 */
@Component
public class RequestAccess extends RecordAccess<Request> {

  private final RequestRecords records;

  RequestAccess(final RequestRecords records) {
    super(RecordKind.REQUEST);
    this.records = records;
  }

  /** Whether {@code viewer} may see and act on {@code request}. */
  @Override
  public boolean permits(final Viewer viewer, final Request request) {
    return viewer.worksTickets() || request.concerns(viewer.username());
  }

  @Override
  public RecordRef ref(final Request request) {
    return new RecordRef(records.core(), request.id(), request.number());
  }

  /**
   * @throws RequestNotFoundException no such request
   */
  @Override
  protected Request load(final String number) {
    return records.findByNumber(number).orElseThrow(() -> new RequestNotFoundException(number));
  }
}
