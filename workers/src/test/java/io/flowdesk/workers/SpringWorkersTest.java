package io.flowdesk.workers;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.flowdesk.workers.WorkerTesting.deploy;
import static io.flowdesk.workers.WorkerTesting.processId;
import static io.flowdesk.workers.WorkerTesting.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flowdesk.domain.incident.ChangeSource;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.incident.Level;
import io.flowdesk.domain.incident.NewIncident;
import io.flowdesk.domain.incident.Priority;
import io.flowdesk.engine.Engine;
import io.flowdesk.engine.test.EngineRecords;
import io.flowdesk.engine.test.FlowdeskEngineTest;
import io.flowdesk.workers.chat.ChatWorker;
import io.flowdesk.workers.etl.EtlWorker;
import io.flowdesk.workers.http.HttpWorker;
import io.flowdesk.workers.incident.ClassifyIncidentWorker;
import io.flowdesk.workers.incident.SlaBreachWorker;
import io.flowdesk.workers.mail.EmailWorker;
import io.flowdesk.workers.rpa.RpaWorker;
import io.flowdesk.workers.sms.SmsWorker;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;

/** The workers as the app runs them: Spring beans whose @JobWorker methods the starter opens. */
@FlowdeskEngineTest
class SpringWorkersTest {

  @RegisterExtension
  static final WireMockExtension API =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  CamundaClient client;
  EngineRecords records;
  Engine engine;

  ConfigurableApplicationContext app(final String... properties) {
    return SpringWorkers.start(engine, properties);
  }

  static String key() {
    return "flowdesk.secrets.key=" + Base64.getEncoder().encodeToString(new byte[32]);
  }

  @Test
  void onlyTheConfiguredConnectorsHaveWorkers() {
    try (ConfigurableApplicationContext context =
        app(key(), "flowdesk.connectors.etl.allowed-schemas=etl")) {
      assertThat(context.getBeansOfType(ChatWorker.class)).hasSize(1);
      assertThat(context.getBeansOfType(HttpWorker.class)).hasSize(1);
      assertThat(context.getBeansOfType(EtlWorker.class)).hasSize(1);
      assertThat(context.getBeansOfType(EmailWorker.class)).isEmpty();
      assertThat(context.getBeansOfType(SmsWorker.class)).isEmpty();
      assertThat(context.getBeansOfType(RpaWorker.class)).isEmpty();
      assertThat(context.getBeansOfType(ClassifyIncidentWorker.class)).hasSize(1);
      assertThat(context.getBeansOfType(SlaBreachWorker.class)).hasSize(1);
    }
  }

  @Test
  void withoutASecretsKeyTheAppDoesNotStartAndSaysWhichSettingIsMissing() {
    assertThatThrownBy(() -> app().close())
        .rootCause()
        .hasMessageContaining("FLOWDESK_SECRETS_KEY");
  }

  @Test
  void theStarterRunsTheHttpWorkerOnTheEnginesJobs() {
    API.stubFor(get(urlEqualTo("/health")).willReturn(okJson("{\"up\": true}")));
    try (ConfigurableApplicationContext context =
        app(
            key(),
            "flowdesk.connectors.http.allowed-hosts=127.0.0.1",
            "flowdesk.connectors.http.allowed-address-ranges=127.0.0.1/32")) {
      final String id = processId();
      deploy(
          client,
          Bpmn.createExecutableProcess(id)
              .startEvent()
              .serviceTask(
                  "check",
                  t ->
                      t.zeebeJobType(HttpWorker.TYPE)
                          .zeebeInput("http://127.0.0.1:" + API.getPort() + "/health", "url")
                          .zeebeTaskHeader("resultVariable", "health"))
              .endEvent()
              .done());

      final long instance = start(client, id, Map.of());

      records.awaitCompleted(instance);
      assertThat(records.variable(instance, "health")).contains("\"up\": true");
    }
  }

  @Test
  void theStarterRunsTheIncidentWorkersWithTheVariablesTheyFetch() {
    try (ConfigurableApplicationContext context = app(key())) {
      final IncidentRecords incidents = context.getBean(IncidentRecords.class);
      final Incident incident =
          incidents.report(
              new NewIncident(
                  "carol", "Monitor flickers", null, "hardware", null, Level.LOW, Level.MEDIUM),
              ChangeSource.person("carol"));
      final String id = processId();
      deploy(
          client,
          Bpmn.createExecutableProcess(id)
              .startEvent()
              .serviceTask("classify", t -> t.zeebeJobType(ClassifyIncidentWorker.TYPE))
              .endEvent()
              .done());

      final long instance =
          start(
              client,
              id,
              Map.of(
                  "incidentId", incident.id(),
                  "priority", "P4",
                  "assignmentGroup", "workplace-team",
                  "unrelated", "not fetched"));

      records.awaitCompleted(instance);
      final Incident classified = incidents.find(incident.id()).orElseThrow();
      assertThat(classified.priority()).isEqualTo(Priority.P4);
      assertThat(classified.assignmentGroup()).isEqualTo("workplace-team");
      assertThat(records.variable(instance, "resolutionDue"))
          .isEqualTo("\"" + classified.resolutionDue() + "\"");
      assertThat(records.variable(instance, "taskPriority")).isEqualTo("30");
    }
  }
}
