package io.flowdesk.workers.rpa;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.flowdesk.connectors.ConnectorException;
import io.flowdesk.connectors.rpa.BrowserUnavailableException;
import io.flowdesk.connectors.rpa.RpaResult;
import io.flowdesk.connectors.rpa.RpaRunner;
import io.flowdesk.connectors.rpa.RpaScript;
import io.flowdesk.connectors.rpa.RpaScriptException;
import io.flowdesk.connectors.rpa.RpaStepException;
import io.flowdesk.domain.secret.SecretStore;
import io.flowdesk.workers.BpmnErrorException;
import io.flowdesk.workers.InvalidJobInputException;
import io.flowdesk.workers.JobInputs;
import io.flowdesk.workers.JobOutcomes;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Task type {@code flowdesk:rpa} (template {@code io.flowdesk.connectors.rpa.v1}): runs a browser
 * script with the {@link RpaRunner}; {@code fill} steps name secrets of the {@link SecretStore},
 * each typed only when bound to connector {@code rpa} and to the origin of the page it goes into.
 *
 * <p>Inputs: {@code script} (the JSON script as text, or as an object), optional {@code inputs}
 * (values for {@code ${name}}). Header {@code resultVariable}: receives {@code {variables,
 * screenshots}}. A failed step is BPMN error {@code FLOWDESK_RPA_STEP_FAILED} whose message names
 * the step and the failure screenshot; a bad script {@code FLOWDESK_RPA_INVALID_INPUT}; no free
 * browser fails the job for a later retry.
 */
public class RpaWorker {

  public static final String TYPE = "flowdesk:rpa";

  /** The connector's name in secret bindings. */
  public static final String CONNECTOR = "rpa";

  public static final String STEP_FAILED = "FLOWDESK_RPA_STEP_FAILED";
  public static final List<String> INPUTS = List.of("script", "inputs");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final RpaRunner runner;
  private final SecretStore secrets;
  private final JobOutcomes outcomes;

  public RpaWorker(final RpaRunner runner, final SecretStore secrets, final Duration retryBackoff) {
    this.runner = runner;
    this.secrets = secrets;
    this.outcomes = new JobOutcomes(CONNECTOR, retryBackoff);
  }

  @JobWorker(type = TYPE, autoComplete = false, fetchAllVariables = true)
  public void handle(final JobClient client, final ActivatedJob job) {
    outcomes.handle(client, job, this::run);
  }

  /** Runs the job's script and answers what it extracted. */
  public Map<String, Object> run(final JobInputs inputs) {
    final RpaResult result;
    try (RunBoundSecrets bound = new RunBoundSecrets(secrets, CONNECTOR)) {
      result = runner.run(script(inputs.raw("script")), inputs.object("inputs"), bound);
    } catch (RpaScriptException e) {
      throw new InvalidJobInputException(e.getMessage());
    } catch (BrowserUnavailableException e) {
      throw new ConnectorException(e.getMessage(), true, e);
    } catch (RpaStepException e) {
      throw new BpmnErrorException(
          STEP_FAILED, e.getMessage() + " (screenshot: " + e.failure().screenshot() + ")");
    }
    final Map<String, Object> screenshots = new LinkedHashMap<>();
    result.screenshots().forEach((name, file) -> screenshots.put(name, file.toString()));
    final Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("variables", result.variables());
    answer.put("screenshots", screenshots);
    return inputs.resultAs(answer);
  }

  private static RpaScript script(final Object script) {
    if (script == null) {
      throw new InvalidJobInputException("input 'script' is missing");
    }
    try {
      return RpaScript.parse(
          script instanceof String text ? text : JSON.writeValueAsString(script));
    } catch (JsonProcessingException e) {
      throw new InvalidJobInputException("input 'script' cannot be read as JSON");
    }
  }
}
