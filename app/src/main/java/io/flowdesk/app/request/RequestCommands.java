package io.flowdesk.app.request;

import io.camunda.client.CamundaClient;
import io.flowdesk.app.record.JournalPosting;
import io.flowdesk.app.security.Viewer;
import io.flowdesk.domain.record.Actor;
import io.flowdesk.domain.record.JournalKind;
import io.flowdesk.domain.record.TransitionRefusedException;
import io.flowdesk.domain.request.Request;
import io.flowdesk.domain.request.RequestRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * What people do with a request, for pages and API alike: comment (once per one-time key) and
 * cancel. Requesters comment only in the journal's comments; agents may add work notes.
 */
@Service
public class RequestCommands {

  private static final Logger LOG = LoggerFactory.getLogger(RequestCommands.class);

  private final RequestRecords records;
  private final RequestAccess access;
  private final JournalPosting journal;
  private final CamundaClient client;

  RequestCommands(
      final RequestRecords records,
      final RequestAccess access,
      final JournalPosting journal,
      final CamundaClient client) {
    this.records = records;
    this.access = access;
    this.journal = journal;
    this.client = client;
  }

  /**
   * Adds {@code text} by the viewer; answers the entry's id. A requester's entry is always a
   * comment.
   *
   * @param key the page's or client's one-time key; null or blank adds every time
   */
  public long comment(
      final Viewer viewer,
      final Request request,
      final JournalKind kind,
      final String text,
      final String key) {
    final JournalKind allowed = viewer.worksTickets() ? kind : JournalKind.COMMENT;
    return journal.add(access.ref(request), allowed, text, viewer.username(), key);
  }

  /**
   * Cancels the request and its process instance.
   *
   * @throws TransitionRefusedException it is fulfilled, rejected or over already (HTTP 409)
   */
  public Request cancel(final Viewer viewer, final Request request, final String reason) {
    final Request canceled =
        records.cancel(
            request.id(),
            reason == null || reason.isBlank() ? null : reason.strip(),
            Actor.person(viewer.username()));
    if (request.processInstanceKey() != null) {
      try {
        client.newCancelInstanceCommand(request.processInstanceKey()).send().join();
      } catch (RuntimeException alreadyGone) {
        // The record is canceled either way; an instance that ended meanwhile needs nothing.
        LOG.info(
            "Process instance {} of canceled request {} not canceled: {}",
            request.processInstanceKey(),
            request.number(),
            alreadyGone.toString());
      }
    }
    return canceled;
  }
}
