package io.flowdesk.app.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flowdesk.app.WebTestSupport;
import io.flowdesk.domain.incident.ChangeSource;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentChange;
import io.flowdesk.domain.incident.IncidentQuery;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.incident.IncidentState;
import io.flowdesk.domain.incident.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Pageable;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

class AlertApiTest extends WebTestSupport {

  @Autowired CamundaClient client;
  @Autowired IncidentRecords records;
  @Autowired ObjectMapper json;

  /** The stand-in incident process: just the task an agent resolves the incident with. */
  @BeforeEach
  void resolvableStandIn() {
    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess(TEST_PROCESS)
                .startEvent()
                .userTask("resolveIncident", task -> task.zeebeUserTask().zeebeCandidateGroups("x"))
                .endEvent()
                .done(),
            TEST_PROCESS + ".bpmn")
        .send()
        .join();
  }

  private static String alertmanager(
      final String status, final String fingerprint, final String severity) {
    return """
        {"version": "4", "receiver": "flowdesk", "status": "%1$s", "groupKey": "{}:{}",
         "alerts": [{"status": "%1$s", "fingerprint": "%2$s",
           "labels": {"alertname": "DiskFull", "instance": "db-%2$s:9100", "severity": "%3$s"},
           "annotations": {"summary": "Disk almost full on db-%2$s",
                           "description": "Less than 5%% free"},
           "startsAt": "2026-12-07T10:00:00Z", "generatorURL": "http://prometheus/graph"}]}
        """
        .formatted(status, fingerprint, severity);
  }

  private ResultActions deliver(final String body, final String as) throws Exception {
    return mvc.perform(
        post("/api/alerts")
            .contentType(MediaType.APPLICATION_JSON)
            .content(body)
            .with(httpBasic(as, DEMO_PASSWORD)));
  }

  private JsonNode outcome(final String body) throws Exception {
    final String answer =
        deliver(body, "agent.anna")
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    return json.readTree(answer).get("alerts").get(0);
  }

  private List<Incident> incidentsAbout(final String text) {
    return records
        .search(
            new IncidentQuery(
                java.util.Set.of(),
                java.util.Set.of(),
                java.util.Set.of(),
                java.util.Set.of(),
                null,
                null,
                text),
            Pageable.ofSize(20))
        .getContent();
  }

  @Test
  void aFiringAlertOpensOneIncidentRepeatsCountAndItsResolutionResolvesTheIncident()
      throws Exception {
    final String fingerprint = UUID.randomUUID().toString().substring(0, 8);

    final JsonNode opened = outcome(alertmanager("firing", fingerprint, "critical"));
    final JsonNode repeated = outcome(alertmanager("firing", fingerprint, "critical"));

    assertThat(opened.get("action").asText()).isEqualTo("OPENED");
    final String number = opened.get("incident").asText();
    assertThat(repeated.get("action").asText()).isEqualTo("REPEATED");
    assertThat(repeated.get("incident").asText()).isEqualTo(number);
    final List<Incident> incidents = incidentsAbout("db-" + fingerprint);
    assertThat(incidents).extracting(Incident::number).containsExactly(number);
    final Incident incident = incidents.get(0);
    assertThat(incident.caller()).isEqualTo("agent.anna");
    assertThat(incident.shortDescription()).isEqualTo("Disk almost full on db-" + fingerprint);
    assertThat(incident.impact()).isEqualTo(Level.HIGH);
    assertThat(incident.urgency()).isEqualTo(Level.HIGH);
    assertThat(incident.configurationItem()).isEqualTo("db-" + fingerprint);
    assertThat(incident.description()).contains("Less than 5% free", "severity: critical");

    final String page =
        mvc.perform(get("/incidents/" + number).session(signIn("agent.anna")))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(Jsoup.parse(page).select("#monitoring-alert").text())
        .contains("alertmanager " + fingerprint, "firing", "fired 2 times");

    final UserTask task = openTask(incident);
    final JsonNode resolved = outcome(alertmanager("resolved", fingerprint, "critical"));

    assertThat(resolved.get("action").asText()).isEqualTo("RESOLVED");
    assertThat(resolved.get("incident").asText()).isEqualTo(number);
    assertThat(
            client
                .newUserTaskSearchRequest()
                .filter(f -> f.userTaskKey(task.getUserTaskKey()))
                .send()
                .join()
                .items()
                .get(0)
                .getState())
        .isEqualTo(UserTaskState.COMPLETED);
  }

  @Test
  void anAlertFiringAgainAfterItsIncidentEndedOpensANewOne() throws Exception {
    final String fingerprint = UUID.randomUUID().toString().substring(0, 8);
    final String first =
        outcome(alertmanager("firing", fingerprint, "warning")).get("incident").asText();
    final Incident incident = records.findByNumber(first).orElseThrow();
    records.change(
        incident.id(),
        IncidentChange.of().state(IncidentState.CANCELED),
        ChangeSource.person("agent.anna"));

    final JsonNode again = outcome(alertmanager("firing", fingerprint, "warning"));

    assertThat(again.get("action").asText()).isEqualTo("OPENED");
    assertThat(again.get("incident").asText()).isNotEqualTo(first);
  }

  @Test
  void concurrentDeliveriesOfOneNewAlertOpenOneIncident() throws Exception {
    final String fingerprint = UUID.randomUUID().toString().substring(0, 8);
    final String body = alertmanager("firing", fingerprint, "major");
    final ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      final List<Callable<JsonNode>> deliveries = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        deliveries.add(() -> outcome(body));
      }
      final List<String> actions = new ArrayList<>();
      for (final Future<JsonNode> delivered : pool.invokeAll(deliveries)) {
        actions.add(delivered.get().get("action").asText());
      }
      assertThat(actions).containsOnlyOnce("OPENED");
    } finally {
      pool.shutdownNow();
    }
    assertThat(incidentsAbout("db-" + fingerprint)).hasSize(1);
  }

  @Test
  void theGenericShapeIsCheckedStrictlyAndBadAlertsRecordNothing() throws Exception {
    final String fingerprint = "generic-" + UUID.randomUUID();

    deliver("{\"status\": \"firing\", \"summary\": \"x\"}", "agent.anna")
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.errors.fingerprint").exists());
    deliver(
            "{\"fingerprint\": \"%s\", \"status\": \"firing\", \"summary\": \"Queue stuck %1$s\", \"severity\": \"apocalyptic\"}"
                .formatted(fingerprint),
            "agent.anna")
        .andExpect(status().isBadRequest())
        .andExpect(
            jsonPath("$.errors.severity")
                .value("must be one of critical, major, warning, minor, info"));
    deliver("{\"fingerprint\": \"f\", \"status\": \"burning\"}", "agent.anna")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors.status").exists());
    deliver("{\"fingerprint\": \"f\", \"status\": \"firing\", \"priority\": \"P1\"}", "agent.anna")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors.priority").exists());
    deliver("{\"alerts\": [{\"status\": \"firing\", \"labels\": {}}]}", "agent.anna")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors['alerts[0].fingerprint']").exists());
    assertThat(incidentsAbout("Queue stuck " + fingerprint)).isEmpty();

    final JsonNode unknown =
        outcome("{\"fingerprint\": \"%s\", \"status\": \"resolved\"}".formatted(fingerprint));
    assertThat(unknown.get("action").asText()).isEqualTo("IGNORED");
    final JsonNode generic =
        outcome(
            "{\"source\": \"zabbix\", \"fingerprint\": \"%s\", \"status\": \"firing\", \"summary\": \"Queue stuck %1$s\", \"severity\": \"info\", \"category\": \"software\"}"
                .formatted(fingerprint));
    assertThat(generic.get("action").asText()).isEqualTo("OPENED");
    final Incident incident = records.findByNumber(generic.get("incident").asText()).orElseThrow();
    assertThat(incident.impact()).isEqualTo(Level.LOW);
    assertThat(incident.category()).isEqualTo("software");
  }

  @Test
  void endUsersStrangersAndCrossSitePostsMayNotDeliverAlerts() throws Exception {
    final String body = alertmanager("firing", "forbidden", "critical");
    deliver(body, "bob").andExpect(status().isForbidden());
    mvc.perform(
            post("/api/alerts")
                .contentType(MediaType.APPLICATION_JSON)
                .content(body)
                .header("Authorization", "Bearer fdp_unknown"))
        .andExpect(status().isUnauthorized());
    // An agent's browser session without its CSRF token: what a cross-site form would send.
    mvc.perform(
            post("/api/alerts")
                .contentType(MediaType.APPLICATION_JSON)
                .content(body)
                .session(signIn("agent.anna")))
        .andExpect(status().isForbidden());
    assertThat(incidentsAbout("db-forbidden")).isEmpty();
  }

  private UserTask openTask(final Incident incident) {
    return Awaitility.await("the incident's resolve task")
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                client
                    .newUserTaskSearchRequest()
                    .filter(
                        f ->
                            f.processInstanceKey(incident.processInstanceKey())
                                .state(UserTaskState.CREATED))
                    .send()
                    .join()
                    .items(),
            tasks -> !tasks.isEmpty())
        .get(0);
  }
}
