package io.flowdesk.engine.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flowdesk.engine.Engine;
import io.flowdesk.engine.EngineBootstrap;
import io.flowdesk.engine.EngineProperties;
import io.flowdesk.engine.support.EngineClock;
import io.flowdesk.engine.test.ClientProtocol;
import io.flowdesk.engine.test.FlowdeskEngineExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A database whose record log was written one row per record keeps it after the upgrade. */
class RecordLogUpgradeTest {

  @Test
  void recordsLoggedBeforeTheUpgradeKeepTheirOrderAndComeBeforeNewOnes() {
    try (HikariDataSource dataSource = OlderSchema.at("7")) {
      final JdbcClient jdbc = JdbcClient.create(dataSource);
      for (final String intent : List.of("ELEMENT_ACTIVATING", "ELEMENT_ACTIVATED")) {
        jdbc.sql(
                "INSERT INTO engine.record (key, value_type, intent, process_instance_key,"
                    + " element_id, payload, created_at) VALUES (7, 'PROCESS_INSTANCE', ?, 7,"
                    + " 'old', '{}', now())")
            .param(intent)
            .update();
      }

      try (Engine engine =
          EngineBootstrap.start(dataSource, EngineProperties.loopback(), new EngineClock())) {
        try (CamundaClient client =
            FlowdeskEngineExtension.client(engine, ClientProtocol.CONFIGURED)) {
          client
              .newDeployResourceCommand()
              .addProcessModel(
                  Bpmn.createExecutableProcess("upgraded").startEvent().done(), "upgraded.bpmn")
              .send()
              .join();
        }
        assertThat(
                jdbc.sql("SELECT intent FROM engine.record ORDER BY position")
                    .query(String.class)
                    .list())
            .containsExactly("ELEMENT_ACTIVATING", "ELEMENT_ACTIVATED", "CREATED", "CREATED");
        assertThat(
                jdbc.sql("SELECT element_id FROM engine.record WHERE process_instance_key = 7")
                    .query(String.class)
                    .list())
            .containsExactly("old", "old");
      }
    }
  }
}
