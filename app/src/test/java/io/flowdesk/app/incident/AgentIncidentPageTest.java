package io.flowdesk.app.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.camunda.client.CamundaClient;
import io.flowdesk.app.IncidentTasks;
import io.flowdesk.app.WebTestSupport;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.incident.JournalKind;
import java.nio.charset.StandardCharsets;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;

class AgentIncidentPageTest extends WebTestSupport {

  @Autowired CamundaClient client;
  @Autowired IncidentRecords records;

  private IncidentTasks incidents;

  @BeforeEach
  void standInProcess() {
    incidents = new IncidentTasks(client, records);
  }

  @Test
  void theRecordPageShowsFieldsSlaAuditTrailAndTheDiagramWithTheActiveTask() throws Exception {
    final IncidentTasks.Waiting waiting =
        incidents.reportedBy("alice", "Share drive gone", "<script>alert('x')</script> & more");

    final Document page = html(get("/incidents/" + waiting.number()).session(signIn("agent.anna")));

    assertThat(page.getElementById("incident-number").text()).isEqualTo(waiting.number());
    assertThat(page.getElementById("description").text())
        .isEqualTo("<script>alert('x')</script> & more");
    // The caller's text is never a script: the page's only scripts are Flowdesk's own files.
    assertThat(page.select("main script:not([src])")).isEmpty();
    assertThat(page.select("main script").eachAttr("src")).allMatch(src -> src.startsWith("/js/"));
    assertThat(page.select("#sla tbody th").eachText()).containsExactly("Response", "Resolution");
    assertThat(page.select("#audit-trail tbody td:nth-child(3)").eachText())
        .contains("number", "state", "shortDescription", "processInstanceKey");
    final Element active =
        page.selectFirst("#process-diagram svg g[data-element-id=" + IncidentTasks.TASK + "]");
    assertThat(active).isNotNull();
    assertThat(active.classNames()).contains("active");
    assertThat(page.select("#process-diagram g.active")).hasSize(1);
  }

  @Test
  void anEndUserCannotOpenTheAgentsPageEvenForTheirOwnIncident() throws Exception {
    final IncidentTasks.Waiting waiting = incidents.reportedBy("alice", "Scanner", null);

    mvc.perform(get("/incidents/" + waiting.number()).session(signIn("alice")))
        .andExpect(status().isForbidden());
    mvc.perform(get("/incidents/" + waiting.number()).session(signIn("agent.nils")))
        .andExpect(status().isForbidden());
    mvc.perform(get("/incidents/INC9999999").session(signIn("agent.anna")))
        .andExpect(status().isNotFound());
  }

  @Test
  void aWorkNoteIsInternalAndACommentReachesTheCaller() throws Exception {
    final IncidentTasks.Waiting waiting = incidents.reportedBy("alice", "Phone dead", null);
    final MockHttpSession anna = signIn("agent.anna");

    mvc.perform(
            post("/incidents/" + waiting.number() + "/journal")
                .session(anna)
                .with(csrf())
                .param("kind", "work-note")
                .param("text", "Vendor ticket 4711 opened"))
        .andExpect(redirectedUrl("/incidents/" + waiting.number()));
    mvc.perform(
            post("/incidents/" + waiting.number() + "/journal")
                .session(anna)
                .with(csrf())
                .param("kind", "comment")
                .param("text", "We are on it"))
        .andExpect(redirectedUrl("/incidents/" + waiting.number()));

    assertThat(records.journal(waiting.incident().id(), true))
        .extracting(entry -> entry.kind())
        .containsExactly(JournalKind.WORK_NOTE, JournalKind.COMMENT);
    final String agents = html(get("/incidents/" + waiting.number()).session(anna)).text();
    assertThat(agents).contains("Vendor ticket 4711 opened", "We are on it");
    final String callers =
        html(get("/portal/requests/" + waiting.number()).session(signIn("alice"))).text();
    assertThat(callers).contains("We are on it").doesNotContain("Vendor ticket 4711");
  }

  @Test
  void anAttachmentIsOfferedAsADownloadAndAnOversizedOneStoresNothing() throws Exception {
    final IncidentTasks.Waiting waiting = incidents.reportedBy("alice", "Crash dump", null);
    final MockHttpSession anna = signIn("agent.anna");

    mvc.perform(
            multipart("/incidents/" + waiting.number() + "/attachments")
                .file(
                    new MockMultipartFile(
                        "file",
                        "../../evil.html",
                        "text/html",
                        "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8)))
                .session(anna)
                .with(csrf()))
        .andExpect(flash().attribute("flash", "Attached evil.html."));
    final long id = records.attachments(waiting.incident().id()).get(0).id();
    mvc.perform(get("/incidents/" + waiting.number() + "/attachments/" + id).session(anna))
        .andExpect(status().isOk())
        .andExpect(header().string("Content-Type", "application/octet-stream"))
        .andExpect(header().string("Content-Disposition", containsString("attachment")));

    mvc.perform(
            multipart("/incidents/" + waiting.number() + "/attachments")
                .file(
                    new MockMultipartFile(
                        "file",
                        "huge.bin",
                        "application/octet-stream",
                        new byte[(int) IncidentRecords.MAX_ATTACHMENT_BYTES + 1]))
                .session(anna)
                .with(csrf()))
        .andExpect(flash().attribute("problem", containsString("10")));
    assertThat(records.attachments(waiting.incident().id())).hasSize(1);
  }

  @Test
  void takingOffHoldIsRefusedForAnIncidentThatIsNotOnHold() throws Exception {
    final IncidentTasks.Waiting waiting = incidents.reportedBy("alice", "Monitor", null);

    mvc.perform(
            post("/incidents/" + waiting.number() + "/resume")
                .session(signIn("agent.anna"))
                .with(csrf()))
        .andExpect(flash().attribute("problem", waiting.number() + " is not on hold."));
  }
}
