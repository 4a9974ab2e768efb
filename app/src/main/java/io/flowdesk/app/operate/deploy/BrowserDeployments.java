package io.flowdesk.app.operate.deploy;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.DeployResourceCommandStep1.DeployResourceCommandStep2;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.DeploymentEvent;
import io.flowdesk.app.audit.AdminAction;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deploys what a process owner uploads through the camunda client, all files in one deployment as
 * Camunda Modeler deploys them: the engine checks every file first and stores all or nothing. The
 * engine's own audit entry ({@code deployment.created}) names the app's client as the deployer; the
 * entry {@code deployment.uploaded} written here names the person, so the history can tell.
 */
@Service
class BrowserDeployments {

  static final String UPLOADED = "deployment.uploaded";

  // Validating FEEL in every element of several large diagrams takes a while on a busy machine.
  private static final Duration TIMEOUT = Duration.ofMinutes(1);

  private final CamundaClient client;
  private final ApplicationEventPublisher events;
  private final TransactionTemplate transactions;

  BrowserDeployments(
      final CamundaClient client,
      final ApplicationEventPublisher events,
      final TransactionTemplate transactions) {
    this.client = client;
    this.events = events;
    this.transactions = transactions;
  }

  /** An uploaded file: its name (which decides its kind, as in Modeler) and content. */
  record Upload(String name, byte[] content) {}

  /** What a deployment answered: the deployment key, or the problems it was refused for. */
  sealed interface Outcome {}

  /**
   * A deployment made. Serializable: the page shows it after its redirect as a flash attribute,
   * which lives in the (JDBC-stored) session meanwhile.
   */
  record Deployed(long deploymentKey, List<Map<String, Object>> resources)
      implements Outcome, Serializable {

    Deployed {
      // Copies that are Serializable whatever list and maps the caller built.
      resources = new ArrayList<>(resources.stream().map(LinkedHashMap::new).toList());
    }
  }

  record Refused(String message, DeploymentProblems problems) implements Outcome {}

  Outcome deploy(final List<Upload> uploads, final String person) {
    DeployResourceCommandStep2 command = null;
    for (final Upload upload : uploads) {
      command =
          command == null
              ? client.newDeployResourceCommand().addResourceBytes(upload.content(), upload.name())
              : command.addResourceBytes(upload.content(), upload.name());
    }
    final DeploymentEvent event;
    try {
      event = command.requestTimeout(TIMEOUT).send().join();
    } catch (ProblemException e) {
      if (e.code() != 400) {
        throw e;
      }
      final String detail = e.details() == null ? e.getMessage() : e.details().getDetail();
      return new Refused(detail, DeploymentProblems.parse(detail));
    }
    final List<Map<String, Object>> resources = resources(event);
    final Map<String, Object> after = new LinkedHashMap<>();
    after.put("deploymentKey", String.valueOf(event.getKey()));
    after.put("files", uploads.stream().map(Upload::name).toList());
    after.put("resources", resources);
    transactions.executeWithoutResult(
        tx ->
            events.publishEvent(
                new AdminAction(
                    person,
                    UPLOADED,
                    resources.stream()
                        .map(r -> r.get("kind") + ":" + r.get("id") + " v" + r.get("version"))
                        .collect(Collectors.joining(", ")),
                    Map.of(),
                    after)));
    return new Deployed(event.getKey(), resources);
  }

  private static List<Map<String, Object>> resources(final DeploymentEvent event) {
    final List<Map<String, Object>> resources = new ArrayList<>();
    event
        .getProcesses()
        .forEach(
            p ->
                resources.add(
                    resource(
                        "process",
                        p.getBpmnProcessId(),
                        p.getVersion(),
                        p.getProcessDefinitionKey(),
                        p.getResourceName())));
    event
        .getDecisionRequirements()
        .forEach(
            d ->
                resources.add(
                    resource(
                        "decision-requirements",
                        d.getDmnDecisionRequirementsId(),
                        d.getVersion(),
                        d.getDecisionRequirementsKey(),
                        d.getResourceName())));
    event
        .getForm()
        .forEach(
            f ->
                resources.add(
                    resource(
                        "form",
                        f.getFormId(),
                        f.getVersion(),
                        f.getFormKey(),
                        f.getResourceName())));
    return resources;
  }

  private static Map<String, Object> resource(
      final String kind, final String id, final int version, final long key, final String file) {
    final Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("kind", kind);
    fields.put("id", id);
    fields.put("version", version);
    fields.put("key", String.valueOf(key));
    fields.put("resourceName", file);
    return fields;
  }
}
