package io.flowdesk.app.operate.instance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientException;
import io.camunda.client.api.command.ClientHttpException;
import io.camunda.client.api.command.ModifyProcessInstanceCommandStep1;
import io.camunda.client.api.command.ModifyProcessInstanceCommandStep1.ModifyProcessInstanceCommandStep2;
import io.camunda.client.api.command.ModifyProcessInstanceCommandStep1.ModifyProcessInstanceCommandStep3;
import io.camunda.client.api.search.enums.IncidentState;
import io.camunda.client.api.search.response.Incident;
import io.flowdesk.app.operate.instance.JsonValues.InvalidJsonException;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The operator's repairs of one process instance, each a command through the camunda client: set a
 * variable, retry or resolve an incident, cancel, modify. Input is checked before anything is sent;
 * what the engine refuses comes back in its words.
 */
@Service
class InstanceRepairs {

  // Operate gives a failed job one more try when an operator retries it.
  private static final int RETRIES = 1;

  private final CamundaClient client;
  private final ObjectMapper json;

  InstanceRepairs(final CamundaClient client, final ObjectMapper json) {
    this.client = client;
    this.json = json;
  }

  /** Sets {@code name} to the JSON {@code value} in scope {@code scopeKey}, locally. */
  void setVariable(
      final long instanceKey, final long scopeKey, final String name, final String value) {
    if (name == null || name.isBlank()) {
      throw new RepairRefusedException(
          "variables", HttpStatus.BAD_REQUEST, "Give the variable's name.");
    }
    requireScopeOf(instanceKey, scopeKey);
    final JsonNode parsed = parse("variables", "Value of " + name.strip(), value);
    final ObjectNode variables = json.createObjectNode();
    variables.set(name.strip(), parsed);
    engine(
        "variables",
        () ->
            client
                .newSetVariablesCommand(scopeKey)
                .variables(variables.toString())
                .local(true)
                .send()
                .join());
  }

  /** The scope must be the instance or one of its live element instances. */
  private void requireScopeOf(final long instanceKey, final long scopeKey) {
    if (scopeKey == instanceKey) {
      return;
    }
    try {
      if (client.newElementInstanceGetRequest(scopeKey).send().join().getProcessInstanceKey()
          == instanceKey) {
        return;
      }
    } catch (ClientHttpException e) {
      if (e.code() != 404) {
        throw e;
      }
    }
    throw new RepairRefusedException(
        "variables",
        HttpStatus.BAD_REQUEST,
        "Scope " + scopeKey + " is not a live scope of this instance.");
  }

  /** Gives the incident's job one more retry, then resolves the incident. */
  void retry(final long instanceKey, final long incidentKey) {
    final Incident incident = openIncident(instanceKey, incidentKey, "retry");
    if (incident.getJobKey() != null) {
      engine(
          "incidents",
          () ->
              client.newUpdateRetriesCommand(incident.getJobKey()).retries(RETRIES).send().join());
    }
    engine("incidents", () -> client.newResolveIncidentCommand(incidentKey).send().join());
  }

  /** Resolves the incident as it is (the failed step runs again). */
  void resolve(final long instanceKey, final long incidentKey) {
    openIncident(instanceKey, incidentKey, "resolve");
    engine("incidents", () -> client.newResolveIncidentCommand(incidentKey).send().join());
  }

  private Incident openIncident(final long instanceKey, final long incidentKey, final String what) {
    final Incident incident;
    try {
      incident = client.newIncidentGetRequest(incidentKey).send().join();
    } catch (ClientHttpException e) {
      if (e.code() == 404) {
        throw new IncidentNotFoundException(incidentKey);
      }
      throw e;
    }
    if (incident.getProcessInstanceKey() != instanceKey) {
      throw new IncidentNotFoundException(incidentKey);
    }
    if (incident.getState() != IncidentState.ACTIVE) {
      throw new RepairRefusedException(
          "incidents",
          HttpStatus.CONFLICT,
          "Incident "
              + incidentKey
              + " is already resolved: nothing to "
              + what
              + ", nothing was changed.");
    }
    return incident;
  }

  void cancel(final long instanceKey) {
    engine("cancel", () -> client.newCancelInstanceCommand(instanceKey).send().join());
  }

  /**
   * Moves a token: terminates the element instance {@code terminateKey} (if given) and activates
   * {@code activateElementId} (if given) with {@code variablesJson} (a JSON object, if given).
   */
  void modify(
      final long instanceKey,
      final Long terminateKey,
      final String activateElementId,
      final String variablesJson) {
    final boolean activates = activateElementId != null && !activateElementId.isBlank();
    if (!activates && terminateKey == null) {
      throw new RepairRefusedException(
          "modify",
          HttpStatus.BAD_REQUEST,
          "Choose an element instance to terminate, an element to activate, or both.");
    }
    final boolean hasVariables = variablesJson != null && !variablesJson.isBlank();
    if (hasVariables && !activates) {
      throw new RepairRefusedException(
          "modify",
          HttpStatus.BAD_REQUEST,
          "Variables go with the element to activate: name that element too.");
    }
    final JsonNode variables =
        hasVariables ? parse("modify", "Variables", variablesJson) : json.createObjectNode();
    if (!variables.isObject()) {
      throw new RepairRefusedException(
          "modify",
          HttpStatus.BAD_REQUEST,
          "Variables must be a JSON object of names and values, e.g. {\"approved\": true}.");
    }
    engine(
        "modify",
        () -> {
          final ModifyProcessInstanceCommandStep1 command =
              client.newModifyProcessInstanceCommand(instanceKey);
          ModifyProcessInstanceCommandStep2 step = null;
          if (activates) {
            final ModifyProcessInstanceCommandStep3 activation =
                command.activateElement(activateElementId.strip());
            step =
                variables.isEmpty() ? activation : activation.withVariables(variables.toString());
          }
          if (terminateKey != null) {
            step = (step == null ? command : step.and()).terminateElement(terminateKey);
          }
          return step.send().join();
        });
  }

  private JsonNode parse(final String form, final String what, final String text) {
    try {
      return JsonValues.read(json, text);
    } catch (InvalidJsonException e) {
      throw new RepairRefusedException(form, HttpStatus.BAD_REQUEST, what + ": " + e.getMessage());
    }
  }

  private static <T> T engine(final String form, final Supplier<T> command) {
    try {
      return command.get();
    } catch (ClientException e) {
      throw RepairRefusedException.byEngine(form, e);
    }
  }
}
