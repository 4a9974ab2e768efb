package io.flowdesk.app.request;

import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.flowdesk.app.CatalogDeployments;
import io.flowdesk.app.portal.catalog.ServiceCatalog;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** A fresh request item per test (form with model and reason, one fulfilment task), offered. */
public final class RequestItems {

  private RequestItems() {}

  public static String deploy(
      final CamundaClient client, final ServiceCatalog catalog, final Map<String, String> extra) {
    final String id = "request-" + UUID.randomUUID().toString().substring(0, 8);
    CatalogDeployments.deployForm(client, id);
    final Map<String, String> properties = new HashMap<>(extra);
    properties.put("catalog.category", "Hardware " + id);
    properties.putIfAbsent("catalog.fulfilmentTarget", "P3D");
    CatalogDeployments.deployProcess(client, id, "New laptop", id, properties);
    await().atMost(Duration.ofSeconds(20)).until(() -> catalog.item(id).isPresent());
    return id;
  }
}
