package io.flowdesk.app.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.camunda.client.CamundaClient;
import io.flowdesk.app.WebTestSupport;
import io.flowdesk.app.portal.catalog.ServiceCatalog;
import io.flowdesk.app.security.Viewer;
import io.flowdesk.domain.directory.Role;
import io.flowdesk.domain.record.JournalKind;
import io.flowdesk.domain.request.Request;
import io.flowdesk.domain.request.RequestRecords;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;

/**
 * The agents' request page: fields, answers, diagram and audit trail; work notes stay internal on
 * every requester's view; attachments from both pages; only agents, managers and admins get in.
 */
class AgentRequestPageTest extends WebTestSupport {

  @Autowired CamundaClient client;
  @Autowired ServiceCatalog catalog;
  @Autowired RequestOrdering ordering;
  @Autowired RequestRecords records;

  private Request orderedByAliceForBob() {
    final String id = RequestItems.deploy(client, catalog, Map.of());
    // Ordered on bob's behalf, as alice could while she worked the service desk (who may order for
    // whom: RequestsTest); the pages are read by alice as she is now.
    return ordering.order(
        catalog.item(id).orElseThrow(),
        new Viewer("alice", "Alice Andersen", Set.of(Role.AGENT), Set.of()),
        "bob",
        Map.of("model", "14 inch, light", "reason", "Mine is six years old"));
  }

  @Test
  void theRequestPageShowsFieldsAnswersAuditTrailAndTheProcessDiagram() throws Exception {
    final Request request = orderedByAliceForBob();

    final Document page = html(get("/requests/" + request.number()).session(signIn("agent.anna")));

    assertThat(page.getElementById("request-number").text()).isEqualTo(request.number());
    assertThat(page.getElementById("item").text())
        .contains("New laptop", request.itemProcessId(), "version 1");
    assertThat(page.getElementById("requester").text()).isEqualTo("alice");
    assertThat(page.getElementById("requested-for").text()).isEqualTo("bob");
    assertThat(page.getElementById("state").text()).isEqualTo("Submitted");
    assertThat(page.selectFirst("#due time")).isNotNull();
    assertThat(page.getElementById("process-instance").text())
        .isEqualTo(request.processInstanceKey().toString());
    assertThat(page.getElementById("answers").text()).contains("Model", "14 inch, light");
    assertThat(page.select("#audit-trail tbody td:nth-child(3)").eachText())
        .contains("number", "requester", "requestedFor", "item", "processInstanceKey");
    // The test item's diagram has no shapes (no DI); the story test sees the drawn, marked one.
    assertThat(page.selectFirst("#process-diagram svg")).isNotNull();
  }

  @Test
  void onlyAgentsManagersAndAdminsGetInAndAPostNeedsTheCsrfToken() throws Exception {
    final Request request = orderedByAliceForBob();
    final String page = "/requests/" + request.number();

    // Even the requester herself: the agents' page shows work notes.
    mvc.perform(get(page).session(signIn("alice"))).andExpect(status().isForbidden());
    mvc.perform(
            post(page + "/journal")
                .session(signIn("bob"))
                .with(csrf())
                .param("kind", "work-note")
                .param("text", "sneaky"))
        .andExpect(status().isForbidden());
    mvc.perform(get(page).session(signIn("admin"))).andExpect(status().isOk());
    mvc.perform(get("/requests/REQ9999999").session(signIn("agent.anna")))
        .andExpect(status().isNotFound());
    mvc.perform(
            post(page + "/journal")
                .session(signIn("agent.anna"))
                .param("kind", "work-note")
                .param("text", "no token"))
        .andExpect(status().isForbidden());
    assertThat(records.journal(request.id(), true)).isEmpty();
  }

  @Test
  void aWorkNoteNeverReachesTheRequesterButACommentDoes() throws Exception {
    final Request request = orderedByAliceForBob();
    final MockHttpSession anna = signIn("agent.anna");
    final String page = "/requests/" + request.number();

    mvc.perform(
            post(page + "/journal")
                .session(anna)
                .with(csrf())
                .param("kind", "work-note")
                .param("text", "Budget code 4711 is over"))
        .andExpect(redirectedUrl(page));
    mvc.perform(
            post(page + "/journal")
                .session(anna)
                .with(csrf())
                .param("kind", "comment")
                .param("text", "Your laptop is ordered"))
        .andExpect(redirectedUrl(page));

    assertThat(records.journal(request.id(), true))
        .extracting(entry -> entry.kind())
        .containsExactly(JournalKind.WORK_NOTE, JournalKind.COMMENT);
    assertThat(html(get(page).session(anna)).getElementById("timeline").text())
        .contains("Budget code 4711 is over", "Your laptop is ordered");
    for (final String person : new String[] {"alice", "bob"}) {
      final String portal =
          html(get("/portal/requests/" + request.number()).session(signIn(person))).text();
      assertThat(portal).contains("Your laptop is ordered").doesNotContain("4711");
      final String api =
          mvc.perform(
                  get("/api/requests/" + request.number()).with(httpBasic(person, DEMO_PASSWORD)))
              .andExpect(status().isOk())
              .andReturn()
              .getResponse()
              .getContentAsString(StandardCharsets.UTF_8);
      assertThat(api).contains("Your laptop is ordered").doesNotContain("4711");
    }
  }

  @Test
  void theRequesterAndTheAgentAttachFilesThatAreOfferedAsDownloadsOnly() throws Exception {
    final Request request = orderedByAliceForBob();
    final MockHttpSession alice = signIn("alice");
    final MockHttpSession anna = signIn("agent.anna");

    mvc.perform(
            multipart("/portal/requests/" + request.number() + "/attachments")
                .file(
                    new MockMultipartFile(
                        "file", "quote.html", "text/html", "<script>1</script>".getBytes()))
                .session(alice)
                .with(csrf()))
        .andExpect(redirectedUrl("/portal/requests/" + request.number()))
        .andExpect(flash().attribute("flash", "Attached quote.html."));
    mvc.perform(
            multipart("/requests/" + request.number() + "/attachments")
                .file(new MockMultipartFile("file", "order.txt", "text/plain", "PO 1".getBytes()))
                .session(anna)
                .with(csrf()))
        .andExpect(flash().attribute("flash", "Attached order.txt."));
    mvc.perform(
            multipart("/portal/requests/" + request.number() + "/attachments")
                .file(new MockMultipartFile("file", "empty.txt", "text/plain", new byte[0]))
                .session(alice)
                .with(csrf()))
        .andExpect(flash().attribute("problem", "Choose a file to attach."));

    assertThat(
            html(get("/portal/requests/" + request.number()).session(alice))
                .select("#attachments a")
                .eachText())
        .containsExactly("quote.html", "order.txt");
    final long id = records.attachments(request.id()).get(0).id();
    mvc.perform(get("/portal/requests/" + request.number() + "/attachments/" + id).session(alice))
        .andExpect(status().isOk())
        .andExpect(header().string("Content-Type", "application/octet-stream"))
        .andExpect(header().string("Content-Disposition", containsString("attachment")));
    mvc.perform(get("/requests/" + request.number() + "/attachments/" + id).session(anna))
        .andExpect(status().isOk());
  }
}
