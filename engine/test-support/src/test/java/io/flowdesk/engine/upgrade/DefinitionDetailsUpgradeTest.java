package io.flowdesk.engine.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.response.ProcessDefinition;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flowdesk.engine.Engine;
import io.flowdesk.engine.EngineBootstrap;
import io.flowdesk.engine.EngineProperties;
import io.flowdesk.engine.support.EngineClock;
import io.flowdesk.engine.test.ClientProtocol;
import io.flowdesk.engine.test.FlowdeskEngineExtension;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Process definitions deployed before definitions kept their name and start form get both from
 * their BPMN when the engine is upgraded; one whose resource no longer parses does not keep the
 * engine from starting.
 */
class DefinitionDetailsUpgradeTest {

  @Test
  void definitionsDeployedBeforeTheUpgradeAreFoundByTheirNameAndStartForm() {
    try (HikariDataSource dataSource = OlderSchema.at("8")) {
      final JdbcClient jdbc = JdbcClient.create(dataSource);
      jdbc.sql("INSERT INTO engine.deployment (key, created_at) VALUES (1, now())").update();
      final String bpmn =
          Bpmn.convertToString(
              Bpmn.createExecutableProcess("onboarding")
                  .name("Employee onboarding")
                  .startEvent()
                  .zeebeFormId("onboarding-request")
                  .endEvent()
                  .done());
      insertDefinition(jdbc, 2, "onboarding", bpmn.getBytes(StandardCharsets.UTF_8));
      insertDefinition(jdbc, 3, "garbled", "<definitions".getBytes(StandardCharsets.UTF_8));

      try (Engine engine =
              EngineBootstrap.start(dataSource, EngineProperties.loopback(), new EngineClock());
          CamundaClient client = FlowdeskEngineExtension.client(engine, ClientProtocol.REST)) {
        final ProcessDefinition onboarding =
            client
                .newProcessDefinitionSearchRequest()
                .filter(f -> f.name("Employee onboarding").hasStartForm(true))
                .send()
                .join()
                .items()
                .get(0);
        final ProcessDefinition garbled = client.newProcessDefinitionGetRequest(3).send().join();

        assertThat(onboarding.getProcessDefinitionKey()).isEqualTo(2);
        assertThat(garbled.getName()).isNull();
        assertThat(garbled.getHasStartForm()).isFalse();
      }
    }
  }

  private static void insertDefinition(
      final JdbcClient jdbc, final long key, final String id, final byte[] resource) {
    jdbc.sql(
            "INSERT INTO engine.process_definition (key, bpmn_process_id, version, resource_name,"
                + " checksum, deployment_key, resource) VALUES (?, ?, 1, ?, ?, 1, ?)")
        .params(key, id, id + ".bpmn", new byte[] {1}, resource)
        .update();
  }
}
