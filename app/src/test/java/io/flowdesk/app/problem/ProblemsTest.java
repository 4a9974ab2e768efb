package io.flowdesk.app.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.flowdesk.app.WebTestSupport;
import io.flowdesk.domain.change.Change;
import io.flowdesk.domain.change.ChangeRecords;
import io.flowdesk.domain.incident.ChangeSource;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.incident.Level;
import io.flowdesk.domain.incident.NewIncident;
import io.flowdesk.domain.problem.Problem;
import io.flowdesk.domain.problem.ProblemRecords;
import io.flowdesk.domain.record.Actor;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Problems through the pages and the API: raised from an incident (record first, then model {@code
 * problem}), checks naming each field, linking incidents, known errors on the incident page, a
 * change raised from a problem linked as its fix, and that only agents, managers and admins get at
 * problems.
 */
class ProblemsTest extends WebTestSupport {

  @Autowired CamundaClient client;
  @Autowired ProblemRecords problems;
  @Autowired ChangeRecords changes;
  @Autowired IncidentRecords incidents;
  @Autowired ObjectMapper json;

  private static RequestPostProcessor as(final String username) {
    return httpBasic(username, DEMO_PASSWORD);
  }

  private static MockHttpServletRequestBuilder postJson(final String path, final String body) {
    return post(path).contentType(MediaType.APPLICATION_JSON).content(body);
  }

  private JsonNode body(final ResultActions result) throws Exception {
    return json.readTree(
        result.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
  }

  private Incident incident(final String summary, final String category) {
    return incidents.report(
        new NewIncident("alice", summary, null, category, null, Level.HIGH, Level.HIGH),
        ChangeSource.person("alice"));
  }

  @Test
  void aProblemCreatedFromAnIncidentIsLinkedAndStartsItsModel() throws Exception {
    final Incident incident = incident("VPN drops every morning", "vpn-" + UUID.randomUUID());
    final MockHttpSession maria = signIn("manager.maria");

    final Document incidentPage = html(get("/incidents/" + incident.number()).session(maria));
    assertThat(incidentPage.select("#create-problem").attr("href"))
        .isEqualTo("/problems/new?incident=" + incident.number());
    final Document form = html(get("/problems/new?incident=" + incident.number()).session(maria));
    assertThat(form.select("#problem-summary").val()).isEqualTo("VPN drops every morning");
    assertThat(form.select("input[name=incidents]").val()).isEqualTo(incident.number());

    final String location =
        mvc.perform(
                post("/problems")
                    .session(maria)
                    .with(csrf())
                    .param("_once", UUID.randomUUID().toString())
                    .param("summary", "VPN drops every morning")
                    .param("category", incident.category())
                    .param("assignmentGroup", "problem-management")
                    .param("priority", "P2")
                    .param("incidents", incident.number()))
            .andExpect(status().is3xxRedirection())
            .andReturn()
            .getResponse()
            .getRedirectedUrl();
    final String number = location.substring("/problems/".length());
    final Problem problem = problems.findByNumber(number).orElseThrow();
    assertThat(problem.incidents()).containsExactly(incident.number());
    assertThat(problem.raisedBy()).isEqualTo("manager.maria");
    assertThat(
            client
                .newProcessInstanceGetRequest(problem.processInstanceKey())
                .send()
                .join()
                .getProcessDefinitionId())
        .isEqualTo("problem");

    final Document page = html(get(location).session(maria));
    assertThat(page.select("#problem-number").text()).isEqualTo(number);
    assertThat(page.select("#linked-incidents a").eachText()).contains(incident.number());
    assertThat(
            html(get("/incidents/" + incident.number()).session(maria))
                .select("#linked-problems a")
                .eachText())
        .containsExactly(number);
    assertThat(html(get("/problems").session(maria)).select("#problems a").eachText())
        .contains(number);
    assertThat(html(get("/problems").session(maria)).select(".fd-nav a").eachText())
        .contains("Problems");
  }

  @Test
  void theFormShowsEachProblemAtItsFieldAndRaisesNothing() throws Exception {
    final MockHttpSession anna = signIn("agent.anna");
    final long before =
        problems
            .search(null, null, false, false, org.springframework.data.domain.Pageable.unpaged())
            .getTotalElements();
    final Document form =
        org.jsoup.Jsoup.parse(
            mvc.perform(
                    post("/problems")
                        .session(anna)
                        .with(csrf())
                        .param("_once", UUID.randomUUID().toString())
                        .param("summary", "")
                        .param("description", "Kept as typed")
                        .param("assignmentGroup", "no-such-group")
                        .param("priority", "P9")
                        .param("incidents", "INC9999999"))
                .andExpect(status().isUnprocessableEntity())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
    assertThat(form.select("#problem-summary-error").text()).contains("is required");
    assertThat(form.select("#problem-assignmentGroup-error").text()).contains("no-such-group");
    assertThat(form.select("#problem-priority-error").text()).contains("P1");
    assertThat(form.select("#problem-incidents-error").text()).contains("INC9999999");
    assertThat(form.select("#problem-description").text()).isEqualTo("Kept as typed");
    assertThat(
            problems
                .search(
                    null, null, false, false, org.springframework.data.domain.Pageable.unpaged())
                .getTotalElements())
        .isEqualTo(before);
  }

  @Test
  void theApiRaisesListsGetsAndLinksWithProblemDocumentsForBadInput() throws Exception {
    final Incident first = incident("Printer offline", "printing");
    final ResultActions raised =
        mvc.perform(
                postJson(
                        "/api/problems",
                        "{\"summary\": \"Printers go offline\", \"assignmentGroup\":"
                            + " \"problem-management\", \"priority\": \"P3\", \"incidents\": [\""
                            + first.number()
                            + "\"]}")
                    .with(as("manager.maria")))
            .andExpect(status().isCreated());
    final String number = body(raised).get("number").asText();
    assertThat(number).matches("PRB\\d{7}");
    raised.andExpect(header().string("Location", "/api/problems/" + number));

    mvc.perform(
            postJson("/api/problems", "{\"summary\": \"\", \"priority\": \"urgent\"}")
                .with(as("agent.anna")))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(
            result ->
                assertThat(result.getResponse().getContentAsString())
                    .contains("summary")
                    .contains("priority")
                    .contains("assignmentGroup"));

    final Incident second = incident("Printer offline again", "printing");
    // An agent outside the incident's group cannot see it, so cannot link (or probe) it either.
    mvc.perform(
            postJson(
                    "/api/problems/" + number + "/incidents",
                    "{\"incident\": \"" + second.number() + "\"}")
                .with(as("agent.anna")))
        .andExpect(status().isBadRequest())
        .andExpect(
            result ->
                assertThat(result.getResponse().getContentAsString())
                    .contains("there is no incident " + second.number()));
    final JsonNode linked =
        body(
            mvc.perform(
                    postJson(
                            "/api/problems/" + number + "/incidents",
                            "{\"incident\": \"" + second.number() + "\"}")
                        .with(as("manager.maria")))
                .andExpect(status().isOk()));
    assertThat(linked.get("incidents").findValuesAsText("incidents")).isEmpty();
    assertThat(problems.findByNumber(number).orElseThrow().incidents())
        .containsExactlyInAnyOrder(first.number(), second.number());
    mvc.perform(
            postJson("/api/problems/" + number + "/incidents", "{\"incident\": \"INC9999999\"}")
                .with(as("agent.anna")))
        .andExpect(status().isBadRequest())
        .andExpect(
            result -> assertThat(result.getResponse().getContentAsString()).contains("incident"));

    final JsonNode list =
        body(
            mvc.perform(
                    get("/api/problems").param("state", "NEW", "ASSESS").with(as("manager.maria")))
                .andExpect(status().isOk()));
    assertThat(list.get("items").findValuesAsText("number")).contains(number);
    final JsonNode one =
        body(
            mvc.perform(get("/api/problems/" + number).with(as("admin")))
                .andExpect(status().isOk()));
    assertThat(one.get("problem").get("summary").asText()).isEqualTo("Printers go offline");
    mvc.perform(get("/api/problems/PRB9999999").with(as("agent.anna")))
        .andExpect(status().isNotFound());
  }

  @Test
  void anEndUserGets403EverywhereWorkNotesStayInternalAndASessionPostNeedsTheCsrfToken()
      throws Exception {
    final String number =
        body(mvc.perform(
                postJson(
                        "/api/problems",
                        "{\"summary\": \"Mail queue stalls\", \"assignmentGroup\":"
                            + " \"problem-management\"}")
                    .with(as("agent.anna"))))
            .get("number")
            .asText();
    final Problem problem = problems.findByNumber(number).orElseThrow();
    problems.addJournalEntry(
        problem.id(),
        io.flowdesk.domain.record.JournalKind.WORK_NOTE,
        "Internal: suspect the relay",
        Actor.person("agent.anna"));
    final MockHttpSession alice = signIn("alice");

    mvc.perform(postJson("/api/problems", "{\"summary\": \"x\"}").with(as("alice")))
        .andExpect(status().isForbidden());
    mvc.perform(get("/api/problems").with(as("alice"))).andExpect(status().isForbidden());
    mvc.perform(get("/api/problems/" + number).with(as("alice"))).andExpect(status().isForbidden());
    mvc.perform(
            postJson("/api/problems/" + number + "/incidents", "{\"incident\": \"INC0000001\"}")
                .with(as("alice")))
        .andExpect(status().isForbidden());
    mvc.perform(get("/problems").session(alice)).andExpect(status().isForbidden());
    mvc.perform(get("/problems/new").session(alice)).andExpect(status().isForbidden());
    mvc.perform(get("/problems/" + number).session(alice)).andExpect(status().isForbidden());
    assertThat(html(get("/portal").session(alice)).select(".fd-nav a").eachText())
        .doesNotContain("Problems");

    assertThat(
            mvc.perform(get("/api/problems/" + number).with(as("agent.nils")))
                .andReturn()
                .getResponse()
                .getContentAsString())
        .doesNotContain("suspect the relay");

    final MockHttpSession anna = signIn("agent.anna");
    mvc.perform(
            post("/api/problems")
                .session(anna)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"summary\": \"x\", \"assignmentGroup\": \"problem-management\"}"))
        .andExpect(status().isForbidden());
    mvc.perform(
            post("/problems/" + number + "/known-error")
                .session(anna)
                .param("workaround", "Restart."))
        .andExpect(status().isForbidden());
    assertThat(problems.findByNumber(number).orElseThrow().knownError()).isFalse();
  }

  @Test
  void aKnownErrorsWorkaroundShowsOnItsIncidentsAndAFixChangeIsLinked() throws Exception {
    final String category = "dns-" + UUID.randomUUID();
    final Incident linked = incident("Names do not resolve", category);
    final Incident matching = incident("DNS slow", category);
    final Incident other = incident("Mouse broken", "hardware");
    final MockHttpSession anna = signIn("manager.maria");
    final String number =
        body(mvc.perform(
                postJson(
                        "/api/problems",
                        "{\"summary\": \"Resolver overloaded\", \"category\": \""
                            + category
                            + "\", \"assignmentGroup\": \"problem-management\","
                            + " \"incidents\": [\""
                            + linked.number()
                            + "\"]}")
                    .with(as("manager.maria"))))
            .get("number")
            .asText();

    mvc.perform(
            post("/problems/" + number + "/known-error")
                .session(anna)
                .with(csrf())
                .param("workaround", " "))
        .andExpect(status().is3xxRedirection())
        .andExpect(result -> assertThat(result.getFlashMap().get("workaroundError")).isNotNull());
    assertThat(problems.findByNumber(number).orElseThrow().knownError()).isFalse();
    mvc.perform(
            post("/problems/" + number + "/known-error")
                .session(anna)
                .with(csrf())
                .param("workaround", "Use the secondary resolver 10.0.0.3."))
        .andExpect(status().is3xxRedirection());

    for (final Incident shown : java.util.List.of(linked, matching)) {
      assertThat(
              html(get("/incidents/" + shown.number()).session(anna))
                  .select(".known-error-workaround")
                  .eachText())
          .containsExactly("Use the secondary resolver 10.0.0.3.");
    }
    assertThat(html(get("/incidents/" + other.number()).session(anna)).select(".known-error"))
        .isEmpty();

    // Raise a change from the problem: prefilled, and linked to it as its fix.
    final Document form = html(get("/changes/new?problem=" + number).session(anna));
    assertThat(form.select("input[name=problem]").val()).isEqualTo(number);
    final String changeLocation =
        mvc.perform(
                post("/changes")
                    .session(anna)
                    .with(csrf())
                    .param("_once", UUID.randomUUID().toString())
                    .param("type", "normal")
                    .param("summary", form.select("#change-summary").val())
                    .param("plannedStart", "2030-03-01T20:00")
                    .param("plannedEnd", "2030-03-01T21:00")
                    .param("assignmentGroup", "service-desk")
                    .param("problem", number))
            .andExpect(status().is3xxRedirection())
            .andReturn()
            .getResponse()
            .getRedirectedUrl();
    final String change = changeLocation.substring("/changes/".length());
    assertThat(problems.findByNumber(number).orElseThrow().changes()).containsExactly(change);
    final Change raised = changes.findByNumber(change).orElseThrow();
    assertThat(raised.shortDescription()).contains(number);
    assertThat(html(get(changeLocation).session(anna)).select("#fixes-problems a").eachText())
        .containsExactly(number);
    assertThat(html(get("/problems/" + number).session(anna)).select("#fix-changes a").eachText())
        .containsExactly(change);
    // Through the API too: a fix names its problem; one nobody may see is named at the field.
    final String body =
        """
        {"type": "normal", "summary": "Second fix", "plannedStart": "2030-03-02T20:00Z",
         "plannedEnd": "2030-03-02T21:00Z", "assignmentGroup": "service-desk", "problem": "%s"}""";
    mvc.perform(postJson("/api/changes", body.formatted("PRB9999999")).with(as("agent.anna")))
        .andExpect(status().isBadRequest())
        .andExpect(content().string(org.hamcrest.Matchers.containsString("\"problem\"")));
    final String viaApi =
        body(mvc.perform(postJson("/api/changes", body.formatted(number)).with(as("agent.anna")))
                .andExpect(status().isCreated()))
            .path("number")
            .asText();
    assertThat(problems.findByNumber(number).orElseThrow().changes())
        .containsExactlyInAnyOrder(change, viaApi);

    // Unlinking: the linked incident no longer lists the problem.
    mvc.perform(
            post("/problems/" + number + "/incidents/" + linked.number() + "/unlink")
                .session(anna)
                .with(csrf()))
        .andExpect(status().is3xxRedirection());
    assertThat(problems.findByNumber(number).orElseThrow().incidents()).isEmpty();
    mvc.perform(get("/changes/new?problem=PRB9999999").session(anna))
        .andExpect(status().isNotFound());
  }

  @Test
  void theOpenApiDocumentDescribesTheProblemApi() throws Exception {
    final JsonNode api = body(mvc.perform(get("/v3/api-docs").session(signIn("agent.anna"))));
    assertThat(api.get("paths").has("/api/problems")).isTrue();
    assertThat(api.get("paths").has("/api/problems/{number}")).isTrue();
    assertThat(api.get("paths").has("/api/problems/{number}/incidents")).isTrue();
    assertThat(api.get("paths").get("/api/problems").get("post").get("tags").get(0).asText())
        .isEqualTo("Problems");
  }
}
