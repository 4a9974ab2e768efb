package io.flowdesk.app.cmdb;

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
import io.camunda.client.api.search.response.UserTask;
import io.flowdesk.app.WebTestSupport;
import io.flowdesk.domain.change.AffectedCi;
import io.flowdesk.domain.change.Change;
import io.flowdesk.domain.change.ChangeRecords;
import io.flowdesk.domain.change.ChangeRisk;
import io.flowdesk.domain.change.ChangeState;
import io.flowdesk.domain.change.ChangeType;
import io.flowdesk.domain.change.NewChange;
import io.flowdesk.domain.cmdb.CiDraft;
import io.flowdesk.domain.cmdb.Cmdb;
import io.flowdesk.domain.cmdb.ConfigurationItem;
import io.flowdesk.domain.cmdb.Criticality;
import io.flowdesk.domain.cmdb.Environment;
import io.flowdesk.domain.cmdb.LifecycleStatus;
import io.flowdesk.domain.cmdb.RelationshipType;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.incident.LinkedCi;
import io.flowdesk.domain.record.Actor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Incidents and changes naming CMDB CIs: the picker's lookup (everyone signed in, name and class
 * only), the report form's CI, the agents' incident page (set CI, impacted services, "possibly
 * caused by CHG…", which the change page lists too and callers never see), the CI page's open
 * incidents, changes that take real CI ids, and the impacted services' criticality in the change
 * risk.
 */
class CiLinksTest extends WebTestSupport {

  static final Actor MARIA = Actor.person("manager.maria");

  @Autowired Cmdb cmdb;
  @Autowired IncidentRecords incidents;
  @Autowired ChangeRecords changes;
  @Autowired CamundaClient client;
  @Autowired ObjectMapper json;

  String tag;
  ConfigurationItem server;
  ConfigurationItem crm;
  ConfigurationItem sales;

  /** sales (critical business service) depends on crm (application), which runs on the server. */
  @BeforeEach
  void cmdbWithAServiceOnAServer() {
    deployCallerWaitingStandIn(client);
    tag = UUID.randomUUID().toString().substring(0, 8);
    server = ci("server", "srv-" + tag, null);
    crm = ci("application", "crm-" + tag, Criticality.HIGH);
    sales = ci("business_service", "sales-" + tag, Criticality.CRITICAL);
    cmdb.relate(crm.id(), RelationshipType.RUNS_ON, server.id(), MARIA);
    cmdb.relate(sales.id(), RelationshipType.DEPENDS_ON, crm.id(), MARIA);
  }

  ConfigurationItem ci(final String className, final String name, final Criticality criticality) {
    return cmdb.create(
        new CiDraft(
            className,
            name,
            "manager.maria",
            "service-desk",
            Environment.PRODUCTION,
            LifecycleStatus.IN_SERVICE,
            criticality,
            null,
            Map.of()),
        MARIA);
  }

  JsonNode body(final ResultActions result) throws Exception {
    return json.readTree(
        result.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
  }

  Incident reportByPortal(final MockHttpSession session, final Map<String, String> ci)
      throws Exception {
    final var request =
        post("/portal/items/incident")
            .session(session)
            .with(csrf())
            .param("_once", UUID.randomUUID().toString())
            .param("shortDescription", "Sales app is down " + tag)
            .param("category", "software")
            .param("impact", "high")
            .param("urgency", "high");
    ci.forEach(request::param);
    mvc.perform(request).andExpect(status().is3xxRedirection());
    final Incident reported =
        incidents
            .search(
                new io.flowdesk.domain.incident.IncidentQuery(
                    java.util.Set.of(),
                    java.util.Set.of(),
                    java.util.Set.of(),
                    java.util.Set.of(),
                    null,
                    null,
                    "Sales app is down " + tag),
                org.springframework.data.domain.PageRequest.of(0, 5))
            .getContent()
            .get(0);
    // The stand-in process assigns nobody: the service desk gets it, as the real one would.
    return incidents.change(
        reported.id(),
        io.flowdesk.domain.incident.IncidentChange.of().assignmentGroup("service-desk"),
        io.flowdesk.domain.incident.ChangeSource.person("agent.anna"));
  }

  @Test
  void endUsersFindCisByNameAndClassOnlyAndCannotReadTheCmdb() throws Exception {
    final ConfigurationItem retired = ci("server", "srv-" + tag + "-old", null);
    cmdb.update(
        retired.id(),
        new CiDraft(
            null,
            retired.name(),
            null,
            null,
            Environment.PRODUCTION,
            LifecycleStatus.RETIRED,
            null,
            null,
            Map.of()),
        MARIA);

    final JsonNode found =
        body(
            mvc.perform(
                    get("/api/cmdb/lookup").param("q", tag).with(httpBasic("alice", DEMO_PASSWORD)))
                .andExpect(status().isOk()));

    assertThat(found).hasSize(3);
    for (final JsonNode ci : found) {
      assertThat(ci.fieldNames())
          .toIterable()
          .containsExactlyInAnyOrder("id", "name", "class", "classLabel");
    }
    assertThat(found.findValuesAsText("name"))
        .containsExactlyInAnyOrder(server.name(), crm.name(), sales.name());
    assertThat(found.toString()).doesNotContain("manager.maria").doesNotContain("service-desk");
    // The CMDB itself stays the agents': no search, no CI by id (even knowing it), no impact.
    mvc.perform(get("/api/cmdb/cis").param("text", tag).with(httpBasic("alice", DEMO_PASSWORD)))
        .andExpect(status().isForbidden());
    mvc.perform(get("/api/cmdb/cis/" + server.id()).with(httpBasic("alice", DEMO_PASSWORD)))
        .andExpect(status().isForbidden());
    mvc.perform(
            get("/api/cmdb/cis/" + server.id() + "/impact").with(httpBasic("alice", DEMO_PASSWORD)))
        .andExpect(status().isForbidden());
    mvc.perform(get("/api/cmdb/lookup").param("q", tag)).andExpect(status().isUnauthorized());
  }

  @Test
  void theReportFormLinksTheChosenCiOrTheExactNameAndKeepsOtherTextAsTyped() throws Exception {
    final MockHttpSession alice = signIn("alice");
    final ConfigurationItem twin = ci("application", server.name(), null);

    final Incident chosen =
        reportByPortal(
            alice,
            Map.of(
                "configurationItem",
                server.name(),
                "chosen:configurationItem",
                server.id().toString()));
    assertThat(incidents.cis().of(chosen.id()))
        .extracting(LinkedCi::id)
        .containsExactly(server.id());
    assertThat(chosen.configurationItem()).isEqualTo(server.name());

    final Incident byName =
        reportByPortal(alice, Map.of("configurationItem", crm.name().toUpperCase()));
    assertThat(incidents.cis().of(byName.id())).extracting(LinkedCi::id).containsExactly(crm.id());

    // Two CIs of that name and nothing chosen: no guess, the text stays as typed.
    final Incident ambiguous = reportByPortal(alice, Map.of("configurationItem", twin.name()));
    assertThat(incidents.cis().of(ambiguous.id())).isEmpty();
    assertThat(ambiguous.configurationItem()).isEqualTo(twin.name());

    final Incident unknown = reportByPortal(alice, Map.of("configurationItem", "my laptop " + tag));
    assertThat(incidents.cis().of(unknown.id())).isEmpty();
    assertThat(unknown.configurationItem()).isEqualTo("my laptop " + tag);

    final Document form = html(get("/portal/items/incident").session(alice));
    assertThat(form.select("[data-ci-picker] input[name=configurationItem]")).hasSize(1);
    assertThat(form.select("input[type=hidden][name=chosen:configurationItem]")).hasSize(1);
  }

  @Test
  void theAgentSeesImpactedServicesAndTheChangeThatPossiblyCausedItCallersDoNot() throws Exception {
    final Instant now = Instant.now();
    final Change running =
        scheduledChange(server, now.minus(Duration.ofHours(1)), now.plusSeconds(3600));
    final MockHttpSession alice = signIn("alice");
    final Incident incident = reportByPortal(alice, Map.of("configurationItem", server.name()));

    final MockHttpSession anna = signIn("agent.anna");
    final Document page = html(get("/incidents/" + incident.number()).session(anna));
    assertThat(page.select("#linked-cis").text()).contains(server.name());
    assertThat(page.select("#impacted-services tbody tr").eachText())
        .containsExactly(
            sales.name() + " business_service critical", crm.name() + " application high");
    assertThat(page.select("#possible-causes").text())
        .contains("Possibly caused by " + running.number())
        .contains(server.name());
    final Document changePage = html(get("/changes/" + running.number()).session(anna));
    assertThat(changePage.select("#possibly-caused").text()).contains(incident.number());
    final Document ciPage = html(get("/cmdb/cis/" + server.id()).session(anna));
    assertThat(ciPage.select("#open-incidents").text()).contains(incident.number());

    // The caller's own view of the incident shows none of it.
    final String callersView =
        mvc.perform(get("/portal/requests/" + incident.number()).session(alice))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(callersView).doesNotContain(running.number()).doesNotContain(sales.name());
    mvc.perform(get("/incidents/" + incident.number()).session(alice))
        .andExpect(status().isForbidden());
    mvc.perform(get("/changes/" + running.number()).session(alice))
        .andExpect(status().isForbidden());
  }

  @Test
  void theAgentSetsTheCiWithThePickerAndAnUnknownNameIsShownAtTheField() throws Exception {
    final Incident incident = reportByPortal(signIn("alice"), Map.of());
    final MockHttpSession anna = signIn("agent.anna");

    mvc.perform(
            post("/incidents/" + incident.number() + "/cis")
                .session(anna)
                .with(csrf())
                .param("ci", "no-such-ci-" + tag))
        .andExpect(status().is3xxRedirection())
        .andDo(
            result -> {
              final Document page =
                  html(
                      get("/incidents/" + incident.number())
                          .session(anna)
                          .flashAttrs(result.getFlashMap()));
              assertThat(page.select("#incident-ci-error").text())
                  .contains("there is no configuration item called \u201cno-such-ci-" + tag);
              assertThat(page.select("#incident-ci").val()).isEqualTo("no-such-ci-" + tag);
            });
    assertThat(incidents.cis().of(incident.id())).isEmpty();

    mvc.perform(
            post("/incidents/" + incident.number() + "/cis")
                .session(anna)
                .with(csrf())
                .param("ci", crm.name())
                .param("chosen:ci", crm.id().toString()))
        .andExpect(status().is3xxRedirection());
    assertThat(incidents.cis().of(incident.id()))
        .extracting(LinkedCi::id)
        .containsExactly(crm.id());
    assertThat(incidents.auditTrail(incident.id()))
        .anyMatch(
            e -> e.field().equals("ci") && e.newValue().equals(crm.name() + " (application)"));
  }

  @Test
  void changesTakeRealCiIdsAndAnUnknownOneIsNamed() throws Exception {
    final UUID unknown = UUID.randomUUID();
    final String body =
        """
        {"type": "normal", "summary": "Patch %s", "assignmentGroup": "service-desk",
         "affectedCis": ["%s", "%s"],
         "plannedStart": "2030-01-10T20:00+01:00", "plannedEnd": "2030-01-10T22:00+01:00"}
        """;
    final JsonNode refused =
        body(
            mvc.perform(
                    post("/api/changes")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body.formatted(tag, server.id(), unknown))
                        .with(httpBasic("agent.anna", DEMO_PASSWORD)))
                .andExpect(status().isBadRequest()));
    assertThat(refused.toString()).contains("affectedCis").contains(unknown.toString());

    final String number =
        body(mvc.perform(
                    post("/api/changes")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body.formatted(tag, server.id(), crm.id()))
                        .with(httpBasic("agent.anna", DEMO_PASSWORD)))
                .andExpect(status().isCreated()))
            .get("number")
            .asText();
    assertThat(changes.findByNumber(number).orElseThrow().affectedCis())
        .containsExactlyInAnyOrder(
            new AffectedCi(server.id(), server.name()), new AffectedCi(crm.id(), crm.name()));
  }

  @Test
  void aChangeOnAServerUnderACriticalServiceIsRatedHigherRisk() throws Exception {
    final ConfigurationItem lonely = ci("server", "lonely-" + tag, null);

    final Change critical = raiseByApi(server);
    final Change plain = raiseByApi(lonely);

    assertThat(variable(critical, "serviceCriticality")).isEqualTo("\"critical\"");
    assertThat(variable(plain, "serviceCriticality")).isNull();
    // The same answers: a first-time change, no user impact, a tested backout.
    answerRiskQuestions(critical);
    answerRiskQuestions(plain);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                changes.find(critical.id()).orElseThrow().risk() != null
                    && changes.find(plain.id()).orElseThrow().risk() != null);
    assertThat(changes.find(critical.id()).orElseThrow().risk()).isEqualTo(ChangeRisk.HIGH);
    assertThat(changes.find(plain.id()).orElseThrow().risk()).isEqualTo(ChangeRisk.MODERATE);
  }

  Change raiseByApi(final ConfigurationItem ci) throws Exception {
    final String number =
        body(mvc.perform(
                    post("/api/changes")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(
                            """
                                {"type": "normal", "summary": "Upgrade %s",
                                 "assignmentGroup": "service-desk", "affectedCis": ["%s"],
                                 "plannedStart": "2030-03-10T20:00Z", "plannedEnd": "2030-03-10T22:00Z"}
                                """
                                .formatted(ci.name(), ci.id()))
                        .with(httpBasic("agent.anna", DEMO_PASSWORD)))
                .andExpect(status().isCreated()))
            .get("number")
            .asText();
    return changes.findByNumber(number).orElseThrow();
  }

  String variable(final Change change, final String name) {
    return client
        .newVariableSearchRequest()
        .filter(f -> f.processInstanceKey(change.processInstanceKey()).name(name))
        .send()
        .join()
        .items()
        .stream()
        .map(v -> v.getValue())
        .findFirst()
        .orElse(null);
  }

  void answerRiskQuestions(final Change change) {
    final UserTask questions =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    client
                        .newUserTaskSearchRequest()
                        .filter(
                            f ->
                                f.processInstanceKey(change.processInstanceKey())
                                    .elementId("riskAssessment"))
                        .send()
                        .join()
                        .items()
                        .stream()
                        .findFirst()
                        .orElse(null),
                task -> task != null);
    client
        .newCompleteUserTaskCommand(questions.getUserTaskKey())
        .variables(Map.of("userImpact", "none", "doneBefore", false, "backoutTested", true))
        .send()
        .join();
  }

  Change scheduledChange(final ConfigurationItem ci, final Instant start, final Instant end) {
    final Change raised =
        changes.raise(
            new NewChange(
                ChangeType.NORMAL,
                null,
                "Patch " + ci.name(),
                null,
                "agent.anna",
                "service-desk",
                null,
                List.of(new AffectedCi(ci.id(), ci.name())),
                start,
                end,
                null,
                null,
                null,
                null,
                List.of()),
            MARIA);
    for (final ChangeState state :
        List.of(ChangeState.ASSESS, ChangeState.AUTHORIZE, ChangeState.SCHEDULED)) {
      changes.moveTo(raised.id(), state, null, null, MARIA);
    }
    return raised;
  }
}
