package io.flowdesk.app.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flowdesk.app.WebTestSupport;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class AdminIndexTest extends WebTestSupport {

  @Autowired CamundaClient client;

  @Test
  void theAdminPageLinksTheAdminAreaForAdminsOnly() throws Exception {
    final Document page = html(get("/admin").session(signIn("admin")));

    assertThat(page.select("#admin-pages a").eachAttr("href"))
        .contains(
            "/admin/secrets", "/admin/deliveries", "/admin/webhooks", "/admin/catalog", "/forms");
    assertThat(page.select("nav a").eachText()).contains("Admin");
    mvc.perform(get("/admin").session(signIn("agent.anna"))).andExpect(status().isForbidden());
  }

  @Test
  void jobTypesNoWorkerAsksForAreNamedOnTheAdminPageWithTheirWaitingCount() throws Exception {
    final String unattended = "unattended-" + UUID.randomUUID();
    final String attended = "attended-" + UUID.randomUUID();
    for (final String type : List.of(unattended, attended)) {
      client
          .newDeployResourceCommand()
          .addProcessModel(
              Bpmn.createExecutableProcess(type)
                  .startEvent()
                  .serviceTask("work", t -> t.zeebeJobType(type))
                  .endEvent()
                  .done(),
              type + ".bpmn")
          .send()
          .join();
      for (int i = 0; i < 2; i++) {
        client.newCreateInstanceCommand().bpmnProcessId(type).latestVersion().send().join();
      }
    }
    // A worker asks for one job of the attended type, so one still waits but somebody is there.
    Awaitility.await("a job of " + attended)
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                client
                    .newActivateJobsCommand()
                    .jobType(attended)
                    .maxJobsToActivate(1)
                    .workerName("admin-index-test")
                    .send()
                    .join()
                    .getJobs(),
            jobs -> !jobs.isEmpty());

    final Document page =
        Awaitility.await("both types' jobs waiting")
            .atMost(Duration.ofSeconds(15))
            .until(
                () -> html(get("/admin").session(signIn("admin"))),
                admin -> admin.select("#unattended-jobs li").text().contains(unattended));

    final String listed = page.select("#unattended-jobs li").text();
    assertThat(listed).contains(unattended + ": 2 waiting, never asked for");
    assertThat(listed).doesNotContain(attended);
  }
}
