package io.flowdesk.app.deployment;

import io.flowdesk.app.audit.AdminAction;
import io.flowdesk.engine.access.ApiClient;
import io.flowdesk.engine.deployment.DeploymentListener;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Puts every deployment to the embedded engine and every deletion of a deployed resource into the
 * admin audit trail ({@code deployment.created}, {@code deployment.deleted}), whoever made it:
 * Camunda Modeler, another camunda client, or the app itself. The engine calls this inside its own
 * transaction on the app's database, so the entry commits with the deployment or not at all. Only
 * ids, versions, keys and file names are recorded, never a file's content.
 */
@Component
class DeploymentAudit implements DeploymentListener {

  /** The actor of what the app deploys itself (its packaged processes, forms and decisions). */
  static final String OWN_CLIENT = "flowdesk (internal)";

  private final ApplicationEventPublisher events;

  DeploymentAudit(final ApplicationEventPublisher events) {
    this.events = events;
  }

  @Override
  public void deployed(final Deployed deployment) {
    if (deployment.caller().kind() == ApiClient.Kind.OWN && deployment.unchanged()) {
      // Every start re-deploys the packaged resources; an unchanged re-deploy by the app itself
      // is no administrative action and would bury the real ones.
      return;
    }
    final Map<String, Object> after = new LinkedHashMap<>();
    after.put("deploymentKey", String.valueOf(deployment.deploymentKey()));
    after.put("unchanged", deployment.unchanged());
    after.put("client", client(deployment.caller()));
    after.put("resources", deployment.resources().stream().map(DeploymentAudit::fields).toList());
    events.publishEvent(
        new AdminAction(
            actor(deployment.caller()),
            "deployment.created",
            target(deployment.resources()),
            Map.of(),
            after));
  }

  @Override
  public void deleted(final Deleted deletion) {
    final Map<String, Object> before = new LinkedHashMap<>();
    before.put("kind", kind(deletion.kind()));
    before.put("id", deletion.id());
    before.put("version", deletion.version());
    before.put("key", String.valueOf(deletion.key()));
    events.publishEvent(
        new AdminAction(
            actor(deletion.caller()),
            "deployment.deleted",
            kind(deletion.kind()) + ":" + deletion.id() + " v" + deletion.version(),
            before,
            Map.of("client", client(deletion.caller()))));
  }

  /**
   * Who deployed: the engine client's name (a configured user, an OAuth client), except the app's
   * own client, which is named so that nobody takes it for a person called "flowdesk".
   */
  static String actor(final ApiClient caller) {
    return caller.kind() == ApiClient.Kind.OWN ? OWN_CLIENT : caller.name();
  }

  private static Map<String, Object> client(final ApiClient caller) {
    return Map.of("name", caller.name(), "authentication", lowerCase(caller.kind().name()));
  }

  /**
   * What was deployed, as {@code process:order v3, form:order-form v1}; the decisions of a DMN file
   * are in its decision requirements graph and listed in {@code after} only.
   */
  private static String target(final List<Resource> resources) {
    return resources.stream()
        .filter(resource -> resource.kind() != Kind.DECISION)
        .map(resource -> kind(resource.kind()) + ":" + resource.id() + " v" + resource.version())
        .collect(Collectors.joining(", "));
  }

  private static Map<String, Object> fields(final Resource resource) {
    final Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("kind", kind(resource.kind()));
    fields.put("id", resource.id());
    fields.put("version", resource.version());
    fields.put("key", String.valueOf(resource.key()));
    fields.put("resourceName", resource.resourceName());
    fields.put("duplicate", resource.duplicate());
    return fields;
  }

  private static String kind(final Kind kind) {
    return lowerCase(kind.name()).replace('_', '-');
  }

  private static String lowerCase(final String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
