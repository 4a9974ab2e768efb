package io.flowdesk.engine.rest;

import io.flowdesk.engine.command.CommandCore;
import io.flowdesk.engine.deployment.DeployedResources;
import io.flowdesk.engine.deployment.DeploymentResource;
import io.flowdesk.engine.support.Rejection;
import io.flowdesk.engine.support.Tenants;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deployments and deployed resources: {@code POST /v2/deployments} (multipart, as Desktop Modeler
 * and the Java client send it) and {@code POST /v2/resources/{key}/deletion}.
 */
final class DeploymentEndpoints {

  private final CommandCore core;

  DeploymentEndpoints(final CommandCore core) {
    this.core = core;
  }

  void register(final Router router) {
    router
        .add("POST", "/deployments", this::deploy)
        .add("POST", "/resources/{resourceKey}/deletion", this::delete);
  }

  private void deploy(final Exchange exchange) throws IOException {
    final List<DeploymentResource> resources = new ArrayList<>();
    String tenantId = null;
    for (final Part part : exchange.parts()) {
      if ("tenantId".equals(part.getName())) {
        tenantId = new String(read(part), StandardCharsets.UTF_8);
      } else if ("resources".equals(part.getName())) {
        final String name =
            part.getSubmittedFileName() == null || part.getSubmittedFileName().isBlank()
                ? part.getName()
                : part.getSubmittedFileName();
        resources.add(new DeploymentResource(name, read(part)));
      }
    }
    Tenants.requireDefault(tenantId);
    if (resources.isEmpty()) {
      throw Rejection.invalidArgument(
          "Expected to deploy at least one resource in multipart parts named 'resources', but"
              + " none given");
    }
    final DeployedResources deployed = core.deployments().deploy(resources, exchange.client());
    final List<Map<String, Object>> deployments = new ArrayList<>();
    deployed
        .processes()
        .forEach(
            p -> {
              final Map<String, Object> process = new LinkedHashMap<>();
              process.put("processDefinitionId", p.bpmnProcessId());
              process.put("processDefinitionVersion", p.version());
              process.put("resourceName", p.resourceName());
              process.put("tenantId", Tenants.DEFAULT);
              process.put("processDefinitionKey", Keys.format(p.key()));
              deployments.add(Map.of("processDefinition", process));
            });
    deployed
        .decisions()
        .forEach(
            d -> {
              final Map<String, Object> decision = new LinkedHashMap<>();
              decision.put("decisionDefinitionId", d.decisionId());
              decision.put("version", d.version());
              decision.put("name", d.name());
              decision.put("tenantId", Tenants.DEFAULT);
              decision.put("decisionRequirementsId", d.decisionRequirementsId());
              decision.put("decisionDefinitionKey", Keys.format(d.key()));
              decision.put("decisionRequirementsKey", Keys.format(d.decisionRequirementsKey()));
              deployments.add(Map.of("decisionDefinition", decision));
            });
    deployed
        .decisionRequirements()
        .forEach(
            d -> {
              final Map<String, Object> graph = new LinkedHashMap<>();
              graph.put("decisionRequirementsId", d.decisionRequirementsId());
              graph.put("version", d.version());
              graph.put("decisionRequirementsName", d.name());
              graph.put("tenantId", Tenants.DEFAULT);
              graph.put("resourceName", d.resourceName());
              graph.put("decisionRequirementsKey", Keys.format(d.key()));
              deployments.add(Map.of("decisionRequirements", graph));
            });
    deployed
        .forms()
        .forEach(
            f -> {
              final Map<String, Object> form = new LinkedHashMap<>();
              form.put("formId", f.formId());
              form.put("version", f.version());
              form.put("resourceName", f.resourceName());
              form.put("tenantId", Tenants.DEFAULT);
              form.put("formKey", Keys.format(f.key()));
              deployments.add(Map.of("form", form));
            });
    final Map<String, Object> body = new LinkedHashMap<>();
    body.put("deploymentKey", Keys.format(deployed.deploymentKey()));
    body.put("tenantId", Tenants.DEFAULT);
    body.put("deployments", deployments);
    exchange.json(200, body);
  }

  private static byte[] read(final Part part) throws IOException {
    try (InputStream in = part.getInputStream()) {
      return in.readAllBytes();
    }
  }

  private void delete(final Exchange exchange) {
    exchange.json(); // Only operationReference may come, which the engine does not track.
    final long key = exchange.pathKey("resourceKey");
    core.deletions().delete(key, exchange.client());
    // Camunda 8.8 answers 200 without a body; its client refuses a body here.
    exchange.emptyOk();
  }
}
