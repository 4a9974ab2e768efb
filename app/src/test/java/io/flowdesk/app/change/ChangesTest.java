package io.flowdesk.app.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.flowdesk.app.WebTestSupport;
import io.flowdesk.app.cmdb.ImpactedServices;
import io.flowdesk.domain.change.Change;
import io.flowdesk.domain.change.ChangeRecords;
import io.flowdesk.domain.change.ChangeState;
import io.flowdesk.domain.change.ChangeType;
import io.flowdesk.domain.cmdb.Cmdb;
import io.flowdesk.domain.record.Actor;
import io.flowdesk.domain.record.JournalKind;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Raising changes through the form and the API (record first, then the type's model with the
 * models' start variables), the checks naming each field, double submits, the change list and page,
 * and that only agents, managers and admins get at changes.
 */
class ChangesTest extends WebTestSupport {

  private static final String NORMAL =
      """
      {"type": "normal", "summary": "Patch the mail servers", "assignmentGroup": "service-desk",
       "affectedCis": ["mail-server-01", "mail-server-02"],
       "plannedStart": "2030-01-10T20:00+01:00", "plannedEnd": "2030-01-10T22:00+01:00",
       "implementationPlan": "Patch one, then the other", "backoutPlan": "Restore the snapshot"}
      """;

  @Autowired CamundaClient client;
  @Autowired ChangeRecords records;
  @Autowired ObjectMapper json;
  @Autowired ChangeDrafts drafts;
  @Autowired Cmdb cmdb;
  @Autowired ImpactedServices impactedServices;

  /** The servers the changes here name: changes take CIs of the CMDB. */
  @BeforeEach
  void serversInTheCmdb() {
    CmdbServers.ensure(
        cmdb, "mail-server-01", "mail-server-02", "core-switch-01", "core-switch-02");
  }

  @Autowired io.flowdesk.domain.change.conflict.ChangeConflicts conflicts;

  private static RequestPostProcessor as(final String username) {
    return httpBasic(username, DEMO_PASSWORD);
  }

  private static MockHttpServletRequestBuilder postJson(final String body) {
    return post("/api/changes").contentType(MediaType.APPLICATION_JSON).content(body);
  }

  private JsonNode body(final ResultActions result) throws Exception {
    return json.readTree(
        result.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
  }

  private ResultActions raiseByForm(final MockHttpSession session, final Map<String, String> form)
      throws Exception {
    final MockHttpServletRequestBuilder request = post("/changes").session(session).with(csrf());
    form.forEach(request::param);
    return mvc.perform(request);
  }

  private static Map<String, String> normalForm(final String once) {
    return Map.of(
        "_once", once,
        "type", "normal",
        "summary", "Replace the core switch",
        "affectedCis", "core-switch-01\ncore-switch-02\n",
        "plannedStart", "2030-02-01T20:00",
        "plannedEnd", "2030-02-01T23:30",
        "assignmentGroup", "service-desk");
  }

  private Map<String, String> variables(final long processInstanceKey) {
    return client
        .newVariableSearchRequest()
        .filter(f -> f.processInstanceKey(processInstanceKey))
        .send()
        .join()
        .items()
        .stream()
        .collect(Collectors.toMap(v -> v.getName(), v -> v.getValue(), (a, b) -> a));
  }

  @Test
  void theApiRaisesANormalChangeRecordFirstThenStartsItsModelWithTheStartVariables()
      throws Exception {
    final ResultActions raised =
        mvc.perform(postJson(NORMAL).with(as("agent.anna"))).andExpect(status().isCreated());
    final JsonNode created = body(raised);
    final String number = created.get("number").asText();
    assertThat(number).matches("CHG\\d{7}");
    raised.andExpect(header().string("Location", "/api/changes/" + number));

    final Change change = records.findByNumber(number).orElseThrow();
    assertThat(change.type()).isEqualTo(ChangeType.NORMAL);
    assertThat(change.requestedBy()).isEqualTo("agent.anna");
    assertThat(change.affectedCis())
        .extracting(ci -> ci.name())
        .containsExactly("mail-server-01", "mail-server-02");
    assertThat(change.processInstanceKey()).isNotNull();
    assertThat(
            client
                .newProcessInstanceGetRequest(change.processInstanceKey())
                .send()
                .join()
                .getProcessDefinitionId())
        .isEqualTo("change-normal");
    assertThat(variables(change.processInstanceKey()))
        .containsEntry("changeNumber", "\"" + number + "\"")
        .containsEntry("requestedBy", "\"agent.anna\"")
        .containsEntry("assignmentGroup", "\"service-desk\"")
        .containsEntry("shortDescription", "\"Patch the mail servers\"")
        .containsKey("plannedStart")
        .containsKey("plannedEnd");
    assertThat(
            java.time.OffsetDateTime.parse(
                    variables(change.processInstanceKey()).get("plannedStart").replace("\"", ""))
                .toInstant())
        .isEqualTo(java.time.Instant.parse("2030-01-10T19:00:00Z"));
  }

  @Test
  void theChangesTasksInTheInboxNameTheChange() throws Exception {
    final String number =
        body(mvc.perform(postJson(NORMAL).with(as("agent.anna"))).andExpect(status().isCreated()))
            .get("number")
            .asText();
    final MockHttpSession anna = signIn("agent.anna");

    org.awaitility.Awaitility.await("the risk questionnaire of " + number + " in the inbox")
        .atMost(java.time.Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        html(get("/inbox?view=groups&sort=created").session(anna))
                            .select("tr:has(a[href=/changes/" + number + "])")
                            .text())
                    .contains("Answer risk questionnaire", number, "Patch the mail servers"));
  }

  @Test
  void aStandardChangeTakesItsTemplateAndAnUnknownTemplateIsNamed() throws Exception {
    final JsonNode created =
        body(
            mvc.perform(
                    postJson(
                            """
                            {"type": "standard", "template": "restart-app-server",
                             "assignmentGroup": "service-desk",
                             "plannedStart": "2030-03-01T08:00Z", "plannedEnd": "2030-03-01T09:00Z"}
                            """)
                        .with(as("manager.maria")))
                .andExpect(status().isCreated()));
    assertThat(created.get("type").asText()).isEqualTo("STANDARD");
    assertThat(created.get("summary").asText()).isEqualTo("Restart an application server");
    final Change change = records.findByNumber(created.get("number").asText()).orElseThrow();
    assertThat(
            client
                .newProcessInstanceGetRequest(change.processInstanceKey())
                .send()
                .join()
                .getProcessDefinitionId())
        .isEqualTo("change-standard");

    final JsonNode unknown =
        body(
            mvc.perform(
                    postJson(
                            """
                            {"type": "standard", "template": "no-such-template",
                             "plannedStart": "2030-03-01T08:00Z", "plannedEnd": "2030-03-01T09:00Z"}
                            """)
                        .with(as("agent.anna")))
                .andExpect(status().isBadRequest()));
    assertThat(unknown.get("errors").get("template").asText()).contains("no-such-template");
  }

  @Test
  void anAssignmentGroupTheDirectoryDoesNotKnowIsNamed() throws Exception {
    final long before = records.search(null, null, null, PAGE).getTotalElements();
    final JsonNode refused =
        body(
            mvc.perform(
                    postJson(NORMAL.replace("\"service-desk\"", "\"no-such-group\""))
                        .with(as("agent.anna")))
                .andExpect(status().isBadRequest()));
    assertThat(refused.get("errors").get("assignmentGroup").asText())
        .isEqualTo("there is no group 'no-such-group'");
    assertThat(records.search(null, null, null, PAGE).getTotalElements()).isEqualTo(before);
  }

  @Test
  void theApiNamesEveryFieldThatIsWrongAndWritesNothing() throws Exception {
    final long before = records.search(null, null, null, PAGE).getTotalElements();
    final ResultActions refused =
        mvc.perform(
                postJson(
                        """
                        {"assignmentGroup": "service-desk",
                         "plannedStart": "2030-01-10T22:00+01:00",
                         "plannedEnd": "2030-01-10T20:00+01:00"}
                        """)
                    .with(as("agent.anna")))
            .andExpect(status().isBadRequest())
            .andExpect(header().string("Content-Type", MediaType.APPLICATION_PROBLEM_JSON_VALUE));
    final JsonNode errors = body(refused).get("errors");
    assertThat(errors.get("type").asText()).contains("required");
    assertThat(errors.get("summary").asText()).contains("required");
    assertThat(errors.get("plannedEnd").asText()).contains("after the planned start");

    final JsonNode unknownField =
        body(
            mvc.perform(postJson("{\"type\": \"normal\", \"color\": \"red\"}").with(as("admin")))
                .andExpect(status().isBadRequest()));
    assertThat(unknownField.get("errors").get("color").asText()).contains("unknown field");
    final JsonNode numbersNotTexts =
        body(
            mvc.perform(postJson("{\"type\": \"normal\", \"incidents\": [7]}").with(as("admin")))
                .andExpect(status().isBadRequest()));
    assertThat(numbersNotTexts.get("errors").get("incidents").asText())
        .isEqualTo("must be incident numbers");
    assertThat(records.search(null, null, null, PAGE).getTotalElements()).isEqualTo(before);
  }

  private static final org.springframework.data.domain.Pageable PAGE =
      org.springframework.data.domain.PageRequest.of(0, 1);

  @Test
  void theSameIdempotencyKeyOrFormKeyRaisesOneChange() throws Exception {
    final String key = UUID.randomUUID().toString();
    final String first =
        body(mvc.perform(postJson(NORMAL).header("Idempotency-Key", key).with(as("agent.anna")))
                .andExpect(status().isCreated()))
            .get("number")
            .asText();
    final String second =
        body(mvc.perform(postJson(NORMAL).header("Idempotency-Key", key).with(as("agent.anna")))
                .andExpect(status().isCreated()))
            .get("number")
            .asText();
    assertThat(second).isEqualTo(first);

    final MockHttpSession anna = signIn("agent.anna");
    final String once = UUID.randomUUID().toString();
    final long before = records.search(null, null, null, PAGE).getTotalElements();
    final String page1 =
        raiseByForm(anna, normalForm(once))
            .andExpect(status().is3xxRedirection())
            .andReturn()
            .getResponse()
            .getRedirectedUrl();
    final String page2 =
        raiseByForm(anna, normalForm(once)).andReturn().getResponse().getRedirectedUrl();
    assertThat(page2).isEqualTo(page1);
    assertThat(records.search(null, null, null, PAGE).getTotalElements()).isEqualTo(before + 1);
  }

  @Test
  void theFormRaisesAChangeAndShowsItsPageWithJournalAndDiagram() throws Exception {
    final MockHttpSession anna = signIn("agent.anna");
    final String location =
        raiseByForm(anna, normalForm(UUID.randomUUID().toString()))
            .andExpect(status().is3xxRedirection())
            .andReturn()
            .getResponse()
            .getRedirectedUrl();
    assertThat(location).matches("/changes/CHG\\d{7}");
    final Change change = records.findByNumber(location.substring(9)).orElseThrow();
    assertThat(change.affectedCis())
        .extracting(ci -> ci.name())
        .containsExactly("core-switch-01", "core-switch-02");
    records.addJournalEntry(
        change.id(), JournalKind.WORK_NOTE, "Vendor ticket 4711", Actor.person("agent.anna"));

    final Document page = html(get(location).session(anna));
    assertThat(page.select("#change-number").text()).isEqualTo(change.number());
    assertThat(page.select("#state").text()).isIn("New", "Assess");
    assertThat(page.select("#type").text()).isEqualTo("Normal");
    assertThat(page.select("#affected-cis").text()).contains("core-switch-01");
    assertThat(page.select("#timeline").text())
        .contains("Raised by")
        .contains("Vendor ticket 4711");
    assertThat(page.select("#process-diagram svg")).isNotEmpty();

    final Document list = html(get("/changes?type=NORMAL&group=service-desk").session(anna));
    assertThat(list.select("#changes a").eachText()).contains(change.number());
    final Document emergencies = html(get("/changes?type=EMERGENCY").session(anna));
    assertThat(emergencies.select("#changes a").eachText()).doesNotContain(change.number());
    assertThat(html(get("/portal").session(anna)).select(".fd-nav a").eachText())
        .contains("Changes");
  }

  @Test
  void theFormShowsEachProblemAtItsFieldAndKeepsTheInput() throws Exception {
    final MockHttpSession anna = signIn("agent.anna");
    final long before = records.search(null, null, null, PAGE).getTotalElements();
    final Map<String, String> form = new java.util.HashMap<>(normalForm("x" + UUID.randomUUID()));
    form.put("summary", " ");
    form.put("plannedEnd", "2030-02-01T19:00");
    final Document page =
        org.jsoup.Jsoup.parse(
            raiseByForm(anna, form)
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
    assertThat(page.select("#change-summary-error").text()).contains("is required");
    assertThat(page.select("#change-plannedEnd-error").text()).contains("after the planned start");
    assertThat(page.select("input[name=affectedCis]").eachAttr("value"))
        .contains("core-switch-01", "core-switch-02");
    assertThat(page.select("#change-plannedStart").val()).isEqualTo("2030-02-01T20:00");
    assertThat(page.select("#change-assignmentGroup").val()).isEqualTo("service-desk");
    assertThat(records.search(null, null, null, PAGE).getTotalElements()).isEqualTo(before);
  }

  @Test
  void aProcessThatDoesNotStartLeavesTheChangeCanceledNotClaimingToRun() {
    final CamundaClient down =
        org.mockito.Mockito.mock(
            CamundaClient.class,
            invocation -> {
              throw new IllegalStateException("engine down");
            });
    final ChangeRaising raising =
        new ChangeRaising(records, conflicts, down, impactedServices, java.time.Clock.systemUTC());
    final ChangeDrafts.Checked checked =
        drafts.check(
            new ChangeDraft(
                "emergency",
                null,
                "Reboot the stuck firewall " + UUID.randomUUID(),
                null,
                null,
                "2030-01-10T20:00Z",
                "2030-01-10T21:00Z",
                null,
                null,
                null,
                "service-desk",
                null),
            new io.flowdesk.app.security.Viewer(
                "manager.maria",
                "Maria Manager",
                java.util.Set.of(io.flowdesk.domain.directory.Role.MANAGER),
                java.util.Set.of(ChangeAccess.CHANGE_MANAGERS)));

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> raising.raise(checked.change()))
        .isInstanceOf(io.flowdesk.app.record.ProcessNotStartedException.class)
        .hasMessageContaining("change-emergency did not start for CHG");

    final Change ghost =
        records
            .search(
                null,
                ChangeType.EMERGENCY,
                null,
                org.springframework.data.domain.PageRequest.of(0, 200))
            .stream()
            .filter(c -> c.shortDescription().equals(checked.change().shortDescription()))
            .findFirst()
            .orElseThrow();
    assertThat(ghost.state()).isEqualTo(ChangeState.CANCELED);
    assertThat(ghost.processInstanceKey()).isNull();
    assertThat(records.journal(ghost.id(), false))
        .extracting(e -> e.text())
        .anyMatch(text -> text.contains("could not be started"));
  }

  @Test
  void anEndUserGets403OnEveryChangeEndpointAndASessionPostNeedsTheCsrfToken() throws Exception {
    final String number =
        body(mvc.perform(postJson(NORMAL).with(as("agent.anna")))).get("number").asText();
    final MockHttpSession alice = signIn("alice");

    mvc.perform(postJson(NORMAL).with(as("alice"))).andExpect(status().isForbidden());
    mvc.perform(get("/api/changes").with(as("alice"))).andExpect(status().isForbidden());
    mvc.perform(get("/api/changes/" + number).with(as("alice"))).andExpect(status().isForbidden());
    mvc.perform(get("/changes").session(alice)).andExpect(status().isForbidden());
    mvc.perform(get("/changes/new").session(alice)).andExpect(status().isForbidden());
    mvc.perform(get("/changes/" + number).session(alice)).andExpect(status().isForbidden());
    raiseByForm(alice, normalForm(UUID.randomUUID().toString())).andExpect(status().isForbidden());
    assertThat(html(get("/portal").session(alice)).select(".fd-nav a").eachText())
        .doesNotContain("Changes");

    final MockHttpSession anna = signIn("agent.anna");
    mvc.perform(
            post("/api/changes")
                .session(anna)
                .contentType(MediaType.APPLICATION_JSON)
                .content(NORMAL))
        .andExpect(status().isForbidden());
    mvc.perform(get("/api/changes/CHG9999999").with(as("agent.anna")))
        .andExpect(status().isNotFound());
    final JsonNode found =
        body(
            mvc.perform(
                    get("/api/changes")
                        .param("state", ChangeState.values()[0].name(), "ASSESS")
                        .param("type", "NORMAL")
                        .with(as("manager.maria")))
                .andExpect(status().isOk()));
    assertThat(found.get("items").findValuesAsText("number")).contains(number);
    final JsonNode one =
        body(
            mvc.perform(get("/api/changes/" + number).with(as("admin")))
                .andExpect(status().isOk()));
    assertThat(one.get("change").get("state").asText()).isIn("NEW", "ASSESS");
  }

  @Test
  void theOpenApiDocumentDescribesTheChangeApi() throws Exception {
    final JsonNode api = body(mvc.perform(get("/v3/api-docs").session(signIn("agent.anna"))));

    assertThat(api.get("paths").has("/api/changes")).isTrue();
    assertThat(api.get("paths").has("/api/changes/{number}")).isTrue();
    assertThat(api.get("paths").get("/api/changes").get("post").get("tags").get(0).asText())
        .isEqualTo("Changes");
  }
}
