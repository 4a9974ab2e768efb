package io.flowdesk.app.portal.catalog;

import io.flowdesk.app.change.ChangeOrdering;
import io.flowdesk.app.incident.IncidentReporting;
import io.flowdesk.app.request.RequestOrdering;
import io.flowdesk.app.security.Viewer;
import io.flowdesk.domain.change.Change;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.request.Request;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Orders a catalog item with a person's valid answers: a request item goes through {@link
 * RequestOrdering}, an incident item through {@link IncidentReporting}, a change item through
 * {@link ChangeOrdering} (each: record first, then its process).
 */
@Service
public class CatalogOrders {

  /** What was started, in words for the person, and where to send them next. */
  public record Ordered(String confirmation, String next) {

    /** As kept for a repeated submission ({@link #parse}): the address, then the words. */
    public String remembered() {
      return next + "\n" + confirmation;
    }

    public static Ordered parse(final String remembered) {
      final int newline = remembered.indexOf('\n');
      return new Ordered(remembered.substring(newline + 1), remembered.substring(0, newline));
    }
  }

  private final IncidentReporting reporting;
  private final RequestOrdering requests;
  private final ChangeOrdering changes;

  CatalogOrders(
      final IncidentReporting reporting,
      final RequestOrdering requests,
      final ChangeOrdering changes) {
    this.reporting = reporting;
    this.requests = requests;
    this.changes = changes;
  }

  /** The data an item's start form is rendered and validated with, besides its fields. */
  public Map<String, Object> formData(final CatalogItem item) {
    return item.kind() == CatalogItem.Kind.CHANGE ? changes.formData() : Map.of();
  }

  /**
   * @param orderer who orders or reports
   * @param requestedFor for whom a request is ordered; null or blank for the person ordering (an
   *     incident is always the caller's own)
   * @throws IllegalArgumentException naming the field, when an incident report is incomplete
   * @throws io.flowdesk.app.request.UnknownPersonException nobody enabled is called {@code
   *     requestedFor}
   * @throws io.flowdesk.app.request.OrderingForOthersRefusedException the orderer may order only
   *     for themselves
   * @throws io.flowdesk.app.change.ChangeDraftRefusedException a change item's answers name a
   *     change the change checks refuse (each field's problem)
   * @throws io.flowdesk.app.record.ProcessNotStartedException the process did not start; the record
   *     made for it was canceled
   */
  public Ordered order(
      final CatalogItem item,
      final Viewer orderer,
      final String requestedFor,
      final Map<String, Object> answers) {
    if (item.kind() == CatalogItem.Kind.INCIDENT) {
      final Incident incident = reporting.report(orderer.username(), answers);
      return new Ordered(
          "Thank you. Your issue is recorded as "
              + incident.number()
              + "; the service desk will pick it up.",
          "/portal/requests/" + incident.number());
    }
    if (item.kind() == CatalogItem.Kind.CHANGE) {
      final Change change = changes.raise(orderer, answers);
      return new Ordered("Change " + change.number() + " raised.", "/changes/" + change.number());
    }
    final Request request = requests.order(item, orderer, requestedFor, answers);
    return new Ordered(
        "Thank you. Your request \"" + item.title() + "\" is recorded as " + request.number() + ".",
        "/portal/requests/" + request.number());
  }
}
