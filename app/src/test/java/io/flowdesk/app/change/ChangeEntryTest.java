package io.flowdesk.app.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.flowdesk.app.WebTestSupport;
import io.flowdesk.app.portal.catalog.ServiceCatalog;
import io.flowdesk.domain.change.Change;
import io.flowdesk.domain.change.ChangeRecords;
import io.flowdesk.domain.change.ChangeType;
import io.flowdesk.domain.incident.ChangeSource;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.incident.Level;
import io.flowdesk.domain.incident.NewIncident;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The other ways into a change: the portal's change item (kind {@code change}, packaged "Request a
 * change"), raising a change from an incident (prefilled, linked both ways) and {@code incidents}
 * in {@code POST /api/changes}; each through the same checks and {@link ChangeRaising} as {@code
 * /changes/new}, and only for agents, managers and admins.
 */
class ChangeEntryTest extends WebTestSupport {

  static final String ITEM = "request-change";

  @Autowired io.flowdesk.domain.cmdb.Cmdb cmdb;
  @Autowired ChangeRecords changes;
  @Autowired IncidentRecords incidents;
  @Autowired ServiceCatalog catalog;
  @Autowired CamundaClient client;
  @Autowired ObjectMapper json;

  @BeforeEach
  void theItemIsOffered() {
    await().atMost(Duration.ofSeconds(30)).until(() -> catalog.item(ITEM).isPresent());
  }

  /** The switches the changes here name: changes take CIs of the CMDB. */
  @BeforeEach
  void switchesInTheCmdb() {
    CmdbServers.ensure(cmdb, "core-switch-01", "core-switch-02", "core-switch-07");
  }

  private long changeCount() {
    return changes.search(null, null, null, PageRequest.of(0, 1)).getTotalElements();
  }

  private ResultActions order(final MockHttpSession session, final Map<String, String> answers)
      throws Exception {
    final MockHttpServletRequestBuilder request =
        post("/portal/items/" + ITEM).session(session).with(csrf());
    answers.forEach(request::param);
    return mvc.perform(request);
  }

  private static Map<String, String> normalAnswers(final String once, final String summary) {
    final Map<String, String> answers = new LinkedHashMap<>();
    answers.put("_once", once);
    answers.put("summary", summary);
    answers.put("type", "normal");
    answers.put("affectedCis", "core-switch-01\ncore-switch-02");
    answers.put("plannedStart", "2030-04-01T20:00");
    answers.put("plannedEnd", "2030-04-01T22:00");
    answers.put("implementationPlan", "Swap the line cards");
    answers.put("assignmentGroup", "network-team");
    return answers;
  }

  private String processOf(final Change change) {
    return client
        .newProcessInstanceGetRequest(change.processInstanceKey())
        .send()
        .join()
        .getProcessDefinitionId();
  }

  private JsonNode body(final ResultActions result) throws Exception {
    return json.readTree(
        result.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
  }

  @Test
  void anAgentOrdersTheChangeItemAndGetsAChangeRunningItsTypesModelOncePerDoubleSubmit()
      throws Exception {
    final MockHttpSession anna = signIn("agent.anna");
    assertThat(html(get("/portal").session(anna)).select("a[href=/portal/items/" + ITEM + "]"))
        .isNotEmpty();
    final String summary = "Replace the line cards " + UUID.randomUUID();
    final String once = UUID.randomUUID().toString();
    final long before = changeCount();

    final String location =
        order(anna, normalAnswers(once, summary))
            .andExpect(status().is3xxRedirection())
            .andReturn()
            .getResponse()
            .getRedirectedUrl();
    final String again =
        order(anna, normalAnswers(once, summary)).andReturn().getResponse().getRedirectedUrl();

    assertThat(location).matches("/changes/CHG\\d{7}");
    assertThat(again).isEqualTo(location);
    assertThat(changeCount()).isEqualTo(before + 1);
    final Change change = changes.findByNumber(location.substring("/changes/".length())).get();
    assertThat(change.shortDescription()).isEqualTo(summary);
    assertThat(change.requestedBy()).isEqualTo("agent.anna");
    assertThat(change.assignmentGroup()).isEqualTo("network-team");
    assertThat(change.affectedCis())
        .extracting(ci -> ci.name())
        .containsExactly("core-switch-01", "core-switch-02");
    assertThat(processOf(change)).isEqualTo("change-normal");
  }

  @Test
  void theItemShowsTheChangeChecksAtTheirFieldsKeepsTheInputAndRaisesNothing() throws Exception {
    final MockHttpSession anna = signIn("agent.anna");
    final long before = changeCount();
    final Map<String, String> answers = normalAnswers(UUID.randomUUID().toString(), "Reboot");
    answers.put("type", "emergency");
    answers.put("plannedEnd", "2030-04-01T19:00");

    final Document page =
        Jsoup.parse(
            order(anna, answers)
                .andExpect(status().isUnprocessableEntity())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8));

    assertThat(page.text())
        .contains("emergency changes are raised by change managers")
        .contains("must be after the planned start");
    assertThat(page.select("[name=summary]").val()).isEqualTo("Reboot");
    assertThat(page.select("[name=affectedCis]").text()).contains("core-switch-02");
    assertThat(changeCount()).isEqualTo(before);

    // A change manager may raise the emergency.
    final Map<String, String> emergency =
        normalAnswers(UUID.randomUUID().toString(), "Patch the firewall now");
    emergency.put("type", "emergency");
    final String location =
        order(signIn("manager.maria"), emergency)
            .andExpect(status().is3xxRedirection())
            .andReturn()
            .getResponse()
            .getRedirectedUrl();
    assertThat(processOf(changes.findByNumber(location.substring(9)).get()))
        .isEqualTo("change-emergency");
  }

  @Test
  void theItemOffersTheStoredStandardTemplatesAndRefusesAnyOther() throws Exception {
    final MockHttpSession anna = signIn("agent.anna");
    final Map<String, String> standard = normalAnswers(UUID.randomUUID().toString(), "");
    standard.put("type", "standard");
    standard.put("template", "no-such-template");
    final long before = changeCount();

    // Once "standard" is chosen the form shows the template field (form-js's conditional).
    final Document form =
        Jsoup.parse(
            order(anna, standard)
                .andExpect(status().isUnprocessableEntity())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
    assertThat(changeCount()).isEqualTo(before);
    assertThat(form.select("select[name=template] option").eachAttr("value"))
        .contains("restart-app-server", "add-dns-record");
    assertThat(form.select("select[name=template] option[value=restart-app-server]").text())
        .isEqualTo("Restart an application server");

    standard.put("_once", UUID.randomUUID().toString());
    standard.put("template", "restart-app-server");
    final String location =
        order(anna, standard)
            .andExpect(status().is3xxRedirection())
            .andReturn()
            .getResponse()
            .getRedirectedUrl();
    final Change change = changes.findByNumber(location.substring("/changes/".length())).get();
    assertThat(change.type()).isEqualTo(ChangeType.STANDARD);
    assertThat(change.shortDescription()).isEqualTo("Restart an application server");
  }

  @Test
  void anEndUserNeitherSeesNorOrdersTheChangeItemByPageOrApi() throws Exception {
    final MockHttpSession alice = signIn("alice");
    final long before = changeCount();

    assertThat(html(get("/portal").session(alice)).select("a[href=/portal/items/" + ITEM + "]"))
        .isEmpty();
    assertThat(html(get("/portal").param("q", "change").session(alice)).text())
        .doesNotContain("Request a change");
    mvc.perform(get("/portal/items/" + ITEM).session(alice)).andExpect(status().isForbidden());
    order(alice, normalAnswers(UUID.randomUUID().toString(), "Sneak a change in"))
        .andExpect(status().isForbidden());
    mvc.perform(get("/api/catalog/items/" + ITEM).with(httpBasic("alice", DEMO_PASSWORD)))
        .andExpect(status().isForbidden());
    assertThat(
            body(mvc.perform(get("/api/catalog/items").with(httpBasic("alice", DEMO_PASSWORD))))
                .findValuesAsText("id"))
        .doesNotContain(ITEM);
    mvc.perform(
            post("/api/requests")
                .with(httpBasic("alice", DEMO_PASSWORD))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"item\": \"" + ITEM + "\", \"variables\": {}}"))
        .andExpect(status().isForbidden());
    assertThat(changeCount()).isEqualTo(before);
  }

  @Test
  void aChangeItemWhoseAudienceIsEveryoneIsStillOfferedToChangeWorkersOnly() throws Exception {
    final String id = "own-change-" + UUID.randomUUID().toString().substring(0, 8);
    io.flowdesk.app.CatalogDeployments.deployProcess(
        client,
        id,
        "Our change",
        "request-change",
        Map.of("catalog.category", "Changes", "catalog.kind", "change"));
    await().atMost(Duration.ofSeconds(30)).until(() -> catalog.item(id).isPresent());

    mvc.perform(get("/portal/items/" + id).session(signIn("alice")))
        .andExpect(status().isForbidden());
    mvc.perform(get("/api/catalog/items/" + id).with(httpBasic("bob", DEMO_PASSWORD)))
        .andExpect(status().isForbidden());
    mvc.perform(get("/portal/items/" + id).session(signIn("agent.nils")))
        .andExpect(status().isOk());
  }

  private Incident unassignedIncident(final String summary, final String ci) {
    return incidents.report(
        new NewIncident("alice", summary, null, "network", ci, Level.HIGH, Level.HIGH),
        ChangeSource.person("alice"));
  }

  @Test
  void aChangeRaisedFromAnIncidentStartsPrefilledAndIsLinkedBothWays() throws Exception {
    final Incident incident = unassignedIncident("Core switch drops packets", "core-switch-07");
    final MockHttpSession maria = signIn("manager.maria");

    final Document incidentPage = html(get("/incidents/" + incident.number()).session(maria));
    assertThat(incidentPage.select("#raise-change").attr("href"))
        .isEqualTo("/changes/new?incident=" + incident.number());

    final Document form = html(get("/changes/new?incident=" + incident.number()).session(maria));
    assertThat(form.select("#change-summary").val()).isEqualTo("Core switch drops packets");
    assertThat(form.select("#change-affectedCis").val()).isEqualTo("core-switch-07");
    assertThat(form.select("input[name=incidents]").val()).isEqualTo(incident.number());

    // A problem elsewhere keeps the incident on the form.
    final Document refused =
        Jsoup.parse(
            mvc.perform(
                    post("/changes")
                        .session(maria)
                        .with(csrf())
                        .param("_once", UUID.randomUUID().toString())
                        .param("type", "normal")
                        .param("summary", "Replace the core switch")
                        .param("affectedCis", "core-switch-07")
                        .param("plannedStart", "2030-05-01T20:00")
                        .param("assignmentGroup", "network-team")
                        .param("incidents", incident.number()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
    assertThat(refused.select("#change-plannedEnd-error").text()).contains("is required");
    assertThat(refused.select("input[name=incidents]").val()).isEqualTo(incident.number());

    final String location =
        mvc.perform(
                post("/changes")
                    .session(maria)
                    .with(csrf())
                    .param("_once", UUID.randomUUID().toString())
                    .param("type", "normal")
                    .param("summary", "Replace the core switch")
                    .param("affectedCis", "core-switch-07")
                    .param("plannedStart", "2030-05-01T20:00")
                    .param("plannedEnd", "2030-05-01T21:00")
                    .param("assignmentGroup", "network-team")
                    .param("incidents", incident.number()))
            .andExpect(status().is3xxRedirection())
            .andReturn()
            .getResponse()
            .getRedirectedUrl();
    final String number = location.substring("/changes/".length());
    assertThat(changes.findByNumber(number).get().incidents()).containsExactly(incident.number());

    assertThat(html(get(location).session(maria)).select("#incidents a").attr("href"))
        .isEqualTo("/incidents/" + incident.number());
    assertThat(
            html(get("/incidents/" + incident.number()).session(maria))
                .select("#incident-changes a")
                .eachText())
        .contains(number);
  }

  @Test
  void theApiLinksIncidentsTheCallerMaySeeAndNamesAnyOtherAsUnknown() throws Exception {
    final Incident incident = unassignedIncident("Mail queue stuck", null);
    final String body =
        """
        {"type": "normal", "summary": "Restart the mail relay", "assignmentGroup": "service-desk",
         "plannedStart": "2030-06-01T20:00Z", "plannedEnd": "2030-06-01T21:00Z",
         "incidents": ["%s"]}
        """;
    final long before = changeCount();

    final JsonNode unknown =
        body(
            mvc.perform(
                    post("/api/changes")
                        .with(httpBasic("manager.maria", DEMO_PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body.formatted("INC9999999")))
                .andExpect(status().isBadRequest()));
    assertThat(unknown.get("errors").get("incidents").asText())
        .isEqualTo("there is no incident INC9999999");

    // Anna may not see an incident outside her group: it reads as unknown, never as forbidden.
    final JsonNode hidden =
        body(
            mvc.perform(
                    post("/api/changes")
                        .with(httpBasic("agent.anna", DEMO_PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body.formatted(incident.number())))
                .andExpect(status().isBadRequest()));
    assertThat(hidden.get("errors").get("incidents").asText())
        .isEqualTo("there is no incident " + incident.number());
    assertThat(changeCount()).isEqualTo(before);

    final JsonNode created =
        body(
            mvc.perform(
                    post("/api/changes")
                        .with(httpBasic("manager.maria", DEMO_PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body.formatted(incident.number())))
                .andExpect(status().isCreated()));
    assertThat(created.get("incidents").get(0).asText()).isEqualTo(incident.number());
    assertThat(changes.linkedTo(incident.number()))
        .extracting(Change::number)
        .containsExactly(created.get("number").asText());
  }
}
