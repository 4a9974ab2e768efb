package io.flowdesk.app.incident.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.camunda.client.CamundaClient;
import io.flowdesk.app.IncidentTasks;
import io.flowdesk.app.WebTestSupport;
import io.flowdesk.domain.incident.IncidentRecords;
import java.util.Map;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.ResultActions;

/** The workspace's API (transfer, major) and the admin's reply templates on the agents' page. */
class AgentWorkspaceApiAndTemplatesTest extends WebTestSupport {

  @Autowired CamundaClient client;
  @Autowired IncidentRecords records;

  private IncidentTasks incidents;

  @BeforeEach
  void standInProcess() {
    incidents = new IncidentTasks(client, records);
  }

  private ResultActions api(final String path, final String json, final String as)
      throws Exception {
    return mvc.perform(
        post("/api/incidents/" + path)
            .contentType(MediaType.APPLICATION_JSON)
            .content(json)
            .with(httpBasic(as, DEMO_PASSWORD)));
  }

  @Test
  void theApiTransfersAndFlagsWithThePagesChecks() throws Exception {
    final IncidentTasks.Waiting waiting = incidents.reportedBy("alice", "Wi-Fi flaky", null);
    final String number = waiting.number();

    api(number + "/transfer", "{\"group\": \"network-team\"}", "agent.anna")
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.errors.reason").value("please give a reason"));
    api(number + "/transfer", "{\"group\": \"network-team\", \"reason\": \"x\"}", "alice")
        .andExpect(status().isForbidden());
    // IDOR: another group's agent may not touch it.
    api(number + "/major", "{\"reason\": \"x\"}", "agent.nils")
        .andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    api("INC9999999/major", "{\"reason\": \"x\"}", "agent.anna").andExpect(status().isNotFound());
    assertThat(records.major().reason(waiting.incident().id())).isEmpty();
    assertThat(records.find(waiting.incident().id()).orElseThrow().assignmentGroup())
        .isEqualTo("service-desk");

    api(number + "/major", "{\"reason\": \"Whole floor offline\"}", "agent.anna")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.major").value(true));
    assertThat(records.major().reason(waiting.incident().id())).contains("Whole floor offline");
    api(
            number + "/transfer",
            "{\"group\": \"network-team\", \"reason\": \"Access points\"}",
            "agent.anna")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.assignmentGroup").value("network-team"));
    api(number + "/transfer", "{\"group\": \"service-desk\", \"reason\": \"back\"}", "agent.anna")
        .andExpect(status().isForbidden());
  }

  @Test
  void adminsKeepReplyTemplatesThatAgentsSeeAtTheCommentBox() throws Exception {
    final String title = "Restart " + UUID.randomUUID().toString().substring(0, 6);
    final MockHttpSession admin = signIn("admin");

    mvc.perform(get("/admin/reply-templates").session(signIn("agent.anna")))
        .andExpect(status().isForbidden());
    mvc.perform(
            post("/admin/reply-templates")
                .session(admin)
                .param("title", title)
                .param("body", "Please restart."))
        .andExpect(status().isForbidden());
    mvc.perform(
            post("/admin/reply-templates")
                .session(admin)
                .with(csrf())
                .param("title", "")
                .param("body", "Please restart."))
        .andExpect(
            flash()
                .attribute(
                    "errors", Map.of("title", "a title of 1 to 100 characters is required")));
    mvc.perform(
            post("/admin/reply-templates")
                .session(admin)
                .with(csrf())
                .param("title", title)
                .param("body", "Please restart <the> laptop."))
        .andExpect(flash().attribute("notice", "Template " + title + " added."));
    assertThat(html(get("/admin").session(admin)).select("a[href=/admin/reply-templates]"))
        .hasSize(1);

    final IncidentTasks.Waiting waiting = incidents.reportedBy("alice", "Laptop slow", null);
    final Document page = html(get("/incidents/" + waiting.number()).session(signIn("agent.anna")));
    assertThat(
            page.select("#reply-templates li[data-template=\"" + title + "\"] .fd-template-body")
                .text())
        .isEqualTo("Please restart <the> laptop.");
    assertThat(page.select("script[src*=reply-templates.js]")).hasSize(1);
  }
}
