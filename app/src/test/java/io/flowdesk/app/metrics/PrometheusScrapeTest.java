package io.flowdesk.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flowdesk.app.WebTestSupport;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code /actuator/prometheus} through the real filter chain: an admin's credentials scrape the
 * engine's, the connectors' and Spring's meters after a process ran; no credentials get 401 (not
 * the login page), other roles 403, and health stays open.
 */
class PrometheusScrapeTest extends WebTestSupport {

  @Autowired CamundaClient client;

  @Test
  void anAdminScrapesTheEngineMetersAfterAProcessRan() throws Exception {
    final String processId = "metrics-" + UUID.randomUUID().toString().substring(0, 8);
    final String jobType = processId + "-work";
    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess(processId)
                .startEvent()
                .serviceTask("work", task -> task.zeebeJobType(jobType))
                .serviceTask("again", task -> task.zeebeJobType(jobType))
                .endEvent()
                .done(),
            processId + ".bpmn")
        .send()
        .join();
    client.newCreateInstanceCommand().bpmnProcessId(processId).latestVersion().send().join();
    final ActivatedJob first = activateOne(jobType);
    client.newFailCommand(first).retries(1).errorMessage("try again").send().join();
    client.newCompleteCommand(activateOne(jobType)).send().join();
    client.newCompleteCommand(activateOne(jobType)).send().join();

    final String scrape =
        mvc.perform(get("/actuator/prometheus").with(httpBasic("admin", DEMO_PASSWORD)))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(scrape)
        .contains(
            "flowdesk_engine_process_instances_total{application=\"flowdesk\","
                + "bpmn_process_id=\""
                + processId
                + "\",event=\"created\"} 1.0",
            "flowdesk_engine_process_instances_total{application=\"flowdesk\","
                + "bpmn_process_id=\""
                + processId
                + "\",event=\"completed\"} 1.0",
            "flowdesk_engine_jobs_total{application=\"flowdesk\",event=\"activated\",type=\""
                + jobType
                + "\"} 3.0",
            "flowdesk_engine_jobs_total{application=\"flowdesk\",event=\"completed\",type=\""
                + jobType
                + "\"} 2.0",
            "flowdesk_engine_jobs_total{application=\"flowdesk\",event=\"failed\",type=\""
                + jobType
                + "\"} 1.0",
            "flowdesk_engine_incidents_open{application=\"flowdesk\"}",
            "flowdesk_engine_timer_lateness_seconds_count",
            "flowdesk_incidents_open{application=\"flowdesk\",priority=\"P1\"}",
            "flowdesk_incidents_open_breached{application=\"flowdesk\",priority=\"P1\"}",
            "http_server_requests_seconds_bucket");
    // The test client talks REST or gRPC as configured: the call is counted either way.
    assertThat(scrape)
        .containsPattern(
            "flowdesk_engine_commands_total\\{api=\"(grpc|rest)\",application=\"flowdesk\","
                + "command=\"(CreateProcessInstance|POST /process-instances)\"} [0-9.]+");
  }

  private ActivatedJob activateOne(final String jobType) {
    final List<ActivatedJob> jobs =
        client
            .newActivateJobsCommand()
            .jobType(jobType)
            .maxJobsToActivate(1)
            .requestTimeout(Duration.ofSeconds(10))
            .send()
            .join()
            .getJobs();
    assertThat(jobs).as("a job of " + jobType).hasSize(1);
    return jobs.get(0);
  }

  @Test
  void withoutCredentialsTheScrapeIsRefusedWith401() throws Exception {
    mvc.perform(get("/actuator/prometheus"))
        .andExpect(status().isUnauthorized())
        .andExpect(header().string("WWW-Authenticate", "Basic realm=\"Flowdesk\""));
  }

  @Test
  void anAgentMayNotScrape() throws Exception {
    mvc.perform(get("/actuator/prometheus").with(httpBasic("agent.anna", DEMO_PASSWORD)))
        .andExpect(status().isForbidden());
  }

  @Test
  void healthStaysOpen() throws Exception {
    mvc.perform(get("/actuator/health")).andExpect(status().isOk());
  }
}
