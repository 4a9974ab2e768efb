package io.flowdesk.app.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.camunda.client.CamundaClient;
import io.flowdesk.app.WebTestSupport;
import io.flowdesk.domain.incident.ChangeSource;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentChange;
import io.flowdesk.domain.incident.IncidentQuery;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.incident.IncidentState;
import io.flowdesk.domain.incident.JournalKind;
import io.flowdesk.domain.incident.Level;
import io.flowdesk.domain.incident.NewIncident;
import io.flowdesk.domain.incident.Priority;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Pageable;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

class PortalTest extends WebTestSupport {

  @Autowired IncidentRecords records;
  @Autowired CamundaClient client;
  @Autowired DataSource dataSource;

  private JdbcClient jdbc;

  @BeforeEach
  void deployTheStandInProcess() {
    jdbc = JdbcClient.create(dataSource);
    deployCallerWaitingStandIn(client);
  }

  private static MockHttpServletRequestBuilder report(final MockHttpSession session) {
    return post("/portal/items/incident")
        .session(session)
        .with(csrf())
        .param("shortDescription", "VPN drops every few minutes")
        .param("description", "Since this morning, on Wi-Fi and cable")
        .param("category", "network")
        .param("impact", "medium")
        .param("urgency", "high")
        .param("configurationItem", "vpn-gw-1");
  }

  private Incident reportedBy(final String username, final String shortDescription) {
    return records.report(
        new NewIncident(
            username, shortDescription, "details", "network", null, Level.LOW, Level.LOW),
        ChangeSource.person(username));
  }

  private String processState(final long processInstanceKey) {
    return jdbc.sql("SELECT state FROM engine.process_instance WHERE key = ?")
        .param(processInstanceKey)
        .query(String.class)
        .optional()
        .orElse("NONE");
  }

  private String variable(final long processInstanceKey, final String name) {
    return jdbc.sql(
            "SELECT (payload::jsonb -> 'value')::text FROM engine.record"
                + " WHERE process_instance_key = ? AND value_type = 'VARIABLE'"
                + " AND payload::jsonb ->> 'name' = ? ORDER BY position DESC LIMIT 1")
        .params(processInstanceKey, name)
        .query(String.class)
        .optional()
        .orElse(null);
  }

  @Test
  void theCatalogOffersReportAnIssueFirst() throws Exception {
    final Document page = html(get("/portal").session(signIn("alice")));

    final Element first = page.selectFirst(".fd-item a");
    assertThat(first.text()).isEqualTo("Report an issue");
    assertThat(first.attr("href")).isEqualTo("/portal/items/incident");
    // The packaged items' catalog.order puts their categories first (test items have none);
    // "People" (onboarding) is for managers only.
    assertThat(page.select("h2").eachText())
        .startsWith("Get help", "Hardware", "Access", "Request something");
  }

  @Test
  void theOldReportAddressLeadsToTheIncidentItem() throws Exception {
    mvc.perform(get("/portal/report").session(signIn("alice")))
        .andExpect(redirectedUrl("/portal/items/incident"));
  }

  @Test
  void theReportPageRendersTheReportIncidentFormWithACsrfToken() throws Exception {
    final Document page = html(get("/portal/items/incident").session(signIn("alice")));

    final Element form = page.selectFirst("form#fd-form-report-incident");
    assertThat(form.attr("action")).isEqualTo("/portal/items/incident");
    assertThat(form.select("input[name=_csrf]")).isNotEmpty();
    assertThat(form.select("[name=shortDescription]")).hasSize(1);
    assertThat(form.selectFirst("button[type=submit]").text()).isEqualTo("Send report");
  }

  @Test
  void aValidReportRecordsTheIncidentStartsItsProcessAndShowsItsNumber() throws Exception {
    final MockHttpSession alice = signIn("alice");

    final MvcResult result =
        mvc.perform(report(alice))
            .andExpect(status().is3xxRedirection())
            .andExpect(flash().attribute("flash", containsString("INC")))
            .andReturn();

    final String number = result.getResponse().getRedirectedUrl().replace("/portal/requests/", "");
    final Incident incident = records.findByNumber(number).orElseThrow();
    assertThat(incident.caller()).isEqualTo("alice");
    assertThat(incident.state()).isEqualTo(IncidentState.NEW);
    assertThat(incident.impact()).isEqualTo(Level.MEDIUM);
    assertThat(incident.urgency()).isEqualTo(Level.HIGH);
    assertThat(incident.category()).isEqualTo("network");
    assertThat(incident.processInstanceKey()).isNotNull();
    final long instance = incident.processInstanceKey();
    assertThat(processState(instance)).isEqualTo("ACTIVE");
    assertThat(variable(instance, "incidentNumber")).isEqualTo("\"" + number + "\"");
    assertThat(variable(instance, "incidentId")).isEqualTo(String.valueOf(incident.id()));
    assertThat(variable(instance, "caller")).isEqualTo("\"alice\"");
    assertThat(variable(instance, "callerEmail")).isEqualTo("\"alice@example.com\"");
    assertThat(variable(instance, "callerName")).isEqualTo("\"Alice Andersen\"");
    assertThat(variable(instance, "impact")).isEqualTo("\"medium\"");
    assertThat(variable(instance, "urgency")).isEqualTo("\"high\"");
    assertThat(variable(instance, "configurationItem")).isEqualTo("\"vpn-gw-1\"");

    final Document page =
        html(get("/portal/requests/" + number).session(alice).flashAttrs(result.getFlashMap()));
    assertThat(page.selectFirst(".fd-flash").text()).contains(number);
    assertThat(page.getElementById("incident-number").text()).isEqualTo(number);
    assertThat(page.select("#timeline .fd-summary").eachText())
        .contains("Reported by Alice Andersen");
  }

  @Test
  void aMissingRequiredFieldShowsItsErrorKeepsTheInputAndRecordsNothing() throws Exception {
    final MockHttpSession alice = signIn("alice");
    final long before = records.search(IncidentQuery.all(), Pageable.ofSize(1)).getTotalElements();

    final MvcResult result =
        mvc.perform(
                post("/portal/items/incident")
                    .session(alice)
                    .with(csrf())
                    .param("description", "Typed by the user")
                    .param("category", "hardware")
                    .param("impact", "high")
                    .param("urgency", "low"))
            .andExpect(status().isUnprocessableEntity())
            .andReturn();
    final Document page =
        Jsoup.parse(result.getResponse().getContentAsString(StandardCharsets.UTF_8));

    final Element summary = page.selectFirst("[name=shortDescription]");
    assertThat(summary.attr("aria-invalid")).isEqualTo("true");
    assertThat(page.getElementById(summary.id() + "-error").text())
        .isEqualTo("Error: Short description is required.");
    assertThat(page.selectFirst("[name=description]").wholeText()).isEqualTo("Typed by the user");
    assertThat(page.select("select[name=category] option[selected]").eachAttr("value"))
        .containsExactly("hardware");
    assertThat(page.select("input[name=impact][checked]").eachAttr("value"))
        .containsExactly("high");
    assertThat(records.search(IncidentQuery.all(), Pageable.ofSize(1)).getTotalElements())
        .isEqualTo(before);
  }

  @Test
  void myRequestsListsOnlyMyOwnIncidents() throws Exception {
    final Incident mine = reportedBy("bob", "Bob's monitor flickers");
    final Incident theirs = reportedBy("alice", "Alice's keyboard");

    final Document page = html(get("/portal/requests").session(signIn("bob")));

    final var numbers = page.select("#requests tbody td:first-child").eachText();
    assertThat(numbers).contains(mine.number()).doesNotContain(theirs.number());
    assertThat(page.select("#requests tbody tr").first().text()).contains("New");
  }

  @Test
  void anotherUsersIncidentIsForbidden() throws Exception {
    final Incident alices = reportedBy("alice", "Private matter");
    final MockHttpSession bob = signIn("bob");

    mvc.perform(get("/portal/requests/" + alices.number()).session(bob))
        .andExpect(status().isForbidden());
    mvc.perform(
            post("/portal/requests/" + alices.number() + "/comments")
                .session(bob)
                .with(csrf())
                .param("text", "I was here"))
        .andExpect(status().isForbidden());
    mvc.perform(
            post("/portal/requests/" + alices.number() + "/response")
                .session(bob)
                .with(csrf())
                .param("decision", "confirm"))
        .andExpect(status().isForbidden());
    assertThat(records.journal(alices.id(), true)).isEmpty();
  }

  @Test
  void anAgentOutsideTheIncidentsGroupIsForbiddenToo() throws Exception {
    final Incident incident = reportedBy("alice", "Laptop battery");
    records.change(
        incident.id(),
        IncidentChange.of().assignmentGroup("service-desk"),
        ChangeSource.person("agent.anna"));

    mvc.perform(get("/portal/requests/" + incident.number()).session(signIn("agent.nils")))
        .andExpect(status().isForbidden());
    mvc.perform(get("/portal/requests/" + incident.number()).session(signIn("agent.anna")))
        .andExpect(redirectedUrl("/incidents/" + incident.number()));
  }

  @Test
  void anUnknownNumberIsNotFound() throws Exception {
    mvc.perform(get("/portal/requests/INC9999999").session(signIn("alice")))
        .andExpect(status().isNotFound());
  }

  @Test
  void htmlInDescriptionsAndCommentsIsShownEscaped() throws Exception {
    final String attack = "<script>alert('x')</script><img src=x onerror=alert(1)>";
    final Incident incident =
        records.report(
            new NewIncident("alice", attack, attack, "other", null, Level.LOW, Level.LOW),
            ChangeSource.person("alice"));
    final MockHttpSession alice = signIn("alice");
    mvc.perform(
            post("/portal/requests/" + incident.number() + "/comments")
                .session(alice)
                .with(csrf())
                .param("text", attack))
        .andExpect(redirectedUrl("/portal/requests/" + incident.number()));

    final String html =
        mvc.perform(get("/portal/requests/" + incident.number()).session(alice))
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);

    assertThat(html).doesNotContain("<script>alert").doesNotContain("<img src=x");
    final Document page = Jsoup.parse(html);
    assertThat(page.select("main script, main img")).isEmpty();
    assertThat(page.getElementById("short-description").text()).isEqualTo(attack);
    assertThat(page.getElementById("description").text()).isEqualTo(attack);
    assertThat(page.select("#timeline .fd-comment .fd-prose").eachText()).containsExactly(attack);
    assertThat(records.journal(incident.id(), false).get(0).text()).isEqualTo(attack);
  }

  @Test
  void theCallerNeverSeesWorkNotesNeitherOnThePortalNorThroughTheApi() throws Exception {
    final Incident incident = reportedBy("alice", "Shared drive missing");
    final MockHttpSession maria = signIn("manager.maria");
    mvc.perform(
            post("/incidents/" + incident.number() + "/journal")
                .session(maria)
                .with(csrf())
                .param("kind", "work-note")
                .param("text", "Internal: check the GPO of Caller"))
        .andExpect(redirectedUrl("/incidents/" + incident.number()));
    mvc.perform(
            post("/api/incidents/" + incident.number() + "/comments")
                .with(httpBasic("manager.maria", DEMO_PASSWORD))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"text\": \"Vendor case 0815 opened\", \"internal\": true}"))
        .andExpect(status().isCreated());
    records.addJournalEntry(
        incident.id(),
        JournalKind.COMMENT,
        "We are looking into it",
        ChangeSource.person("agent.anna"));

    final MockHttpSession alice = signIn("alice");
    final Document page = html(get("/portal/requests/" + incident.number()).session(alice));
    assertThat(page.text()).contains("We are looking into it");
    final String portal = page.text().toLowerCase(Locale.ROOT);
    assertThat(portal).doesNotContain("gpo").doesNotContain("0815").doesNotContain("work note");
    final RequestPostProcessor asAlice = httpBasic("alice", DEMO_PASSWORD);
    final String journal =
        mvc.perform(get("/api/incidents/" + incident.number() + "/journal").with(asAlice))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(journal).contains("We are looking into it").doesNotContain("GPO", "0815");
    mvc.perform(get("/api/incidents/" + incident.number() + "/audit-trail").with(asAlice))
        .andExpect(status().isForbidden());
    assertThat(records.auditTrail(incident.id()))
        .extracting(entry -> String.valueOf(entry.newValue()))
        .noneMatch(value -> value.contains("GPO") || value.contains("0815"));
  }

  @Test
  void theTimelineReadsLikeAHistory() throws Exception {
    final Incident incident = reportedBy("alice", "Wi-Fi in room 4");
    records.change(
        incident.id(),
        IncidentChange.of().priority(Priority.P3).assignmentGroup("network-team"),
        ChangeSource.job(4711L));
    records.change(
        incident.id(),
        IncidentChange.of()
            .state(IncidentState.RESOLVED)
            .resolutionCode("fixed")
            .resolutionNotes("Replaced the access point"),
        ChangeSource.person("agent.nils"));

    final Document page =
        html(get("/portal/requests/" + incident.number()).session(signIn("alice")));

    assertThat(page.select("#timeline .fd-summary").eachText())
        .containsExactly(
            "Reported by Alice Andersen",
            "Priority set to P3",
            "Assigned to Network team",
            "Resolved: fixed");
    assertThat(page.select("#timeline .fd-entry").last().text())
        .contains("Replaced the access point");
  }

  @Test
  void confirmingAResolvedIncidentCorrelatesTheCallersAnswerWithTheProcess() throws Exception {
    final MockHttpSession alice = signIn("alice");
    final String number =
        mvc.perform(report(alice))
            .andReturn()
            .getResponse()
            .getRedirectedUrl()
            .replace("/portal/requests/", "");
    final Incident incident = records.findByNumber(number).orElseThrow();
    records.change(
        incident.id(),
        IncidentChange.of().state(IncidentState.RESOLVED).resolutionNotes("Router restarted"),
        ChangeSource.person("agent.nils"));
    final Document page = html(get("/portal/requests/" + number).session(alice));
    assertThat(page.select("#caller-response button").eachAttr("value"))
        .containsExactly("confirm", "reopen");

    mvc.perform(
            post("/portal/requests/" + number + "/response")
                .session(alice)
                .with(csrf())
                .param("decision", "confirm")
                .param("comment", "Works again, thanks"))
        .andExpect(redirectedUrl("/portal/requests/" + number))
        .andExpect(
            flash().attribute("flash", "Thank you for confirming. " + number + " will be closed."));

    final long instance = incident.processInstanceKey();
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> processState(instance).equals("COMPLETED"));
    assertThat(variable(instance, "callerDecision")).isEqualTo("\"confirm\"");
    assertThat(variable(instance, "callerComment")).isEqualTo("\"Works again, thanks\"");
    assertThat(records.journal(incident.id(), false))
        .extracting(entry -> entry.text())
        .containsExactly("Confirmed: Works again, thanks");
  }

  @Test
  void confirmAndReopenAreOfferedOnlyWhenResolvedAndRefusedOtherwise() throws Exception {
    final Incident incident = reportedBy("alice", "Not yet resolved");
    final MockHttpSession alice = signIn("alice");

    assertThat(
            html(get("/portal/requests/" + incident.number()).session(alice))
                .getElementById("caller-response"))
        .isNull();
    mvc.perform(
            post("/portal/requests/" + incident.number() + "/response")
                .session(alice)
                .with(csrf())
                .param("decision", "reopen"))
        .andExpect(
            flash()
                .attribute(
                    "problem", incident.number() + " is new and cannot be confirmed or reopened."));
  }

  @Test
  void aBlankCommentIsRefusedWithAReason() throws Exception {
    final Incident incident = reportedBy("alice", "Mouse");

    mvc.perform(
            post("/portal/requests/" + incident.number() + "/comments")
                .session(signIn("alice"))
                .with(csrf())
                .param("text", "   "))
        .andExpect(flash().attribute("problem", "Please write a comment before sending it."));
    assertThat(records.journal(incident.id(), true)).isEmpty();
  }
}
