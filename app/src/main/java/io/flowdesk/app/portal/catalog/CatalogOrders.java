package io.flowdesk.app.portal.catalog;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.flowdesk.app.incident.IncidentReporting;
import io.flowdesk.domain.incident.Incident;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Orders a catalog item with a person's valid answers: a request starts the latest version of the
 * item's process with the answers and {@code requestedBy}; an incident item goes through {@link
 * IncidentReporting} (record first, then its process).
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

  private final CamundaClient client;
  private final IncidentReporting reporting;

  CatalogOrders(final CamundaClient client, final IncidentReporting reporting) {
    this.client = client;
    this.reporting = reporting;
  }

  /**
   * @throws IllegalArgumentException naming the field, when an incident report is incomplete
   * @throws io.flowdesk.app.incident.ProcessNotStartedException the incident process did not start
   * @throws RuntimeException the engine refused to start the request's process
   */
  public Ordered order(
      final CatalogItem item, final String username, final Map<String, Object> answers) {
    if (item.kind() == CatalogItem.Kind.INCIDENT) {
      final Incident incident = reporting.report(username, answers);
      return new Ordered(
          "Thank you. Your issue is recorded as "
              + incident.number()
              + "; the service desk will pick it up.",
          "/portal/requests/" + incident.number());
    }
    final Map<String, Object> variables = new LinkedHashMap<>(answers);
    variables.put("requestedBy", username);
    final ProcessInstanceEvent started =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(item.processId())
            .latestVersion()
            .variables(variables)
            .send()
            .join();
    return new Ordered(
        "Thank you. Your request \""
            + item.title()
            + "\" was sent as request "
            + started.getProcessInstanceKey()
            + ".",
        "/portal");
  }
}
