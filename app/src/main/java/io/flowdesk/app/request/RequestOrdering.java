package io.flowdesk.app.request;

import io.camunda.client.CamundaClient;
import io.flowdesk.app.portal.catalog.CatalogItem;
import io.flowdesk.app.record.ProcessNotStartedException;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.Person;
import io.flowdesk.domain.record.Actor;
import io.flowdesk.domain.request.NewRequest;
import io.flowdesk.domain.request.Request;
import io.flowdesk.domain.request.RequestRecords;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Orders a catalog item of kind request: records the request first (REQ…, state Submitted), then
 * starts the latest version of the item's process with the answers as top-level variables and
 * {@code requestNumber}, {@code requester}, {@code requestedFor} and {@code requestedBy} (= the
 * requester, for older diagrams), and stores the process instance key on the record.
 *
 * <p>The record is committed before the process starts, so the process's workers find it as soon as
 * they run. If the process does not start, the record is canceled at once (audited, with a comment
 * saying why), so no request claims to be running, and the caller gets an error.
 */
@Service
public class RequestOrdering {

  private static final Logger LOG = LoggerFactory.getLogger(RequestOrdering.class);

  private final RequestRecords records;
  private final Directory directory;
  private final CamundaClient client;

  RequestOrdering(
      final RequestRecords records, final Directory directory, final CamundaClient client) {
    this.records = records;
    this.directory = directory;
    this.client = client;
  }

  /**
   * @param requestedFor for whom; null or blank for the requester
   * @param answers the item's form answers, already validated against its form
   * @throws UnknownPersonException nobody enabled has the name {@code requestedFor}
   * @throws ProcessNotStartedException the process did not start; the record was canceled
   */
  public Request order(
      final CatalogItem item,
      final String requester,
      final String requestedFor,
      final Map<String, Object> answers) {
    final String beneficiary =
        requestedFor == null || requestedFor.isBlank() ? requester : requestedFor.strip();
    if (directory.person(beneficiary).filter(Person::enabled).isEmpty()) {
      throw new UnknownPersonException(beneficiary);
    }
    final Actor actor = Actor.person(requester);
    final Request recorded =
        records.submit(
            new NewRequest(
                requester,
                beneficiary,
                item.processId(),
                item.version(),
                item.title(),
                answers,
                item.fulfilmentTarget()),
            actor);
    final long processInstanceKey;
    try {
      processInstanceKey = start(item, recorded, answers);
    } catch (RuntimeException startFailed) {
      withdraw(recorded, requester, startFailed);
      throw new ProcessNotStartedException(recorded.number(), item.processId(), startFailed);
    }
    return records.started(recorded.id(), processInstanceKey, actor);
  }

  private long start(
      final CatalogItem item, final Request request, final Map<String, Object> answers) {
    final Map<String, Object> variables = new LinkedHashMap<>(answers);
    variables.put("requestNumber", request.number());
    variables.put("requester", request.requester());
    variables.put("requestedFor", request.requestedFor());
    variables.put("requestedBy", request.requester());
    final long key =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(item.processId())
            .latestVersion()
            .variables(variables)
            .send()
            .join()
            .getProcessInstanceKey();
    LOG.info(
        "Request {} ordered by {} for {}: process {} instance {}",
        request.number(),
        request.requester(),
        request.requestedFor(),
        item.processId(),
        key);
    return key;
  }

  private void withdraw(
      final Request request, final String requester, final RuntimeException cause) {
    LOG.error(
        "Process {} did not start for request {}; canceling the record",
        request.itemProcessId(),
        request.number(),
        cause);
    try {
      records.cancel(
          request.id(),
          "This request could not be started and was canceled; nothing was done. Please order it"
              + " again.",
          Actor.person(requester));
    } catch (RuntimeException cancelFailed) {
      cause.addSuppressed(cancelFailed);
    }
  }
}
