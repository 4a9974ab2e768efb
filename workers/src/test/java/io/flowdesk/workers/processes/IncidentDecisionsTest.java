package io.flowdesk.workers.processes;

import static io.flowdesk.workers.WorkerTesting.processFile;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.flowdesk.engine.test.FlowdeskEngineTest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** processes/incident-priority.dmn and incident-assignment.dmn as packaged, on the engine. */
@FlowdeskEngineTest
class IncidentDecisionsTest {

  static boolean deployed;

  CamundaClient client;

  @BeforeEach
  void deployOnce() {
    if (deployed) {
      return;
    }
    deployed = true;
    client
        .newDeployResourceCommand()
        .addResourceString(
            processFile("incident-priority.dmn"), StandardCharsets.UTF_8, "incident-priority.dmn")
        .addResourceString(
            processFile("incident-assignment.dmn"),
            StandardCharsets.UTF_8,
            "incident-assignment.dmn")
        .send()
        .join();
  }

  String evaluate(final String decision, final Map<String, Object> variables) {
    return client
        .newEvaluateDecisionCommand()
        .decisionId(decision)
        .variables(variables)
        .send()
        .join()
        .getDecisionOutput();
  }

  @ParameterizedTest(name = "impact {0}, urgency {1} -> {2}")
  @CsvSource({
    "high,   high,   P1",
    "high,   medium, P2",
    "high,   low,    P3",
    "medium, high,   P2",
    "medium, medium, P3",
    "medium, low,    P4",
    "low,    high,   P3",
    "low,    medium, P4",
    "low,    low,    P5"
  })
  void thePriorityFollowsTheItilMatrix(
      final String impact, final String urgency, final String priority) {
    assertThat(evaluate("incident-priority", Map.of("impact", impact, "urgency", urgency)))
        .isEqualTo("\"" + priority + "\"");
  }

  @Test
  void aRatingOutsideTheMatrixGivesNoPriority() {
    assertThat(evaluate("incident-priority", Map.of("impact", "HIGH", "urgency", "high")))
        .isEqualTo("null");
  }

  @ParameterizedTest(name = "category {0}, item {1} -> {2}")
  @CsvSource(
      nullValues = "none",
      value = {
        "network,  none,                network-team",
        "hardware, none,                workplace-team",
        "software, none,                applications",
        "access,   none,                identity-access",
        "other,    none,                service-desk",
        "none,     none,                service-desk",
        "software, Cisco VPN client,    network-team",
        "access,   Office Wi-Fi,        network-team",
        "other,    SAP GUI,             applications",
        "software, Okta MFA,            identity-access",
        "other,    Laptop docking station, workplace-team",
        "network,  coffee machine,      network-team",
        "other,    coffee machine,      service-desk"
      })
  void theGroupComesFromTheConfigurationItemBeforeTheCategory(
      final String category, final String configurationItem, final String group) {
    final Map<String, Object> variables = new HashMap<>();
    variables.put("category", category);
    variables.put("configurationItem", configurationItem);

    assertThat(evaluate("incident-assignment", variables)).isEqualTo("\"" + group + "\"");
  }
}
