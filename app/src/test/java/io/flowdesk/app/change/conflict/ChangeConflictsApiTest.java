package io.flowdesk.app.change.conflict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flowdesk.app.WebTestSupport;
import io.flowdesk.app.audit.AdminAuditTrail;
import io.flowdesk.app.change.ChangeRaising;
import io.flowdesk.domain.approval.Approval;
import io.flowdesk.domain.approval.Approvals;
import io.flowdesk.domain.change.AffectedCi;
import io.flowdesk.domain.change.Change;
import io.flowdesk.domain.change.ChangeImpact;
import io.flowdesk.domain.change.ChangeRecords;
import io.flowdesk.domain.change.ChangeType;
import io.flowdesk.domain.change.NewChange;
import io.flowdesk.domain.change.conflict.ChangeConflicts;
import io.flowdesk.domain.cmdb.CiDraft;
import io.flowdesk.domain.cmdb.Cmdb;
import io.flowdesk.domain.cmdb.ConfigurationItem;
import io.flowdesk.domain.cmdb.Environment;
import io.flowdesk.domain.cmdb.LifecycleStatus;
import io.flowdesk.domain.record.Actor;
import io.flowdesk.domain.record.AuditEntry;
import io.flowdesk.domain.record.JournalEntry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Conflicts through the app: detected when a change is raised, read and checked again over the API
 * and on the change page, planning a change's window and CIs (who may, what is refused), blackout
 * windows (who keeps them, their audit) and the override reason where a normal change with
 * conflicts is approved (a CAB member's approval, the change manager's task).
 */
class ChangeConflictsApiTest extends WebTestSupport {

  private static final AtomicInteger WEEKS = new AtomicInteger();

  @Autowired CamundaClient client;
  @Autowired ChangeRaising raising;
  @Autowired ChangeRecords records;
  @Autowired Cmdb cmdb;
  @Autowired Approvals approvals;
  @Autowired AdminAuditTrail adminAudit;
  @Autowired ObjectMapper json;
  @Autowired ChangeConflicts conflicts;

  private static RequestPostProcessor as(final String username) {
    return httpBasic(username, DEMO_PASSWORD);
  }

  private JsonNode body(final ResultActions result) throws Exception {
    return json.readTree(
        result.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
  }

  private static MockHttpServletRequestBuilder json(
      final MockHttpServletRequestBuilder request, final String body) {
    return request.contentType(MediaType.APPLICATION_JSON).content(body);
  }

  /** Monday 00:00 UTC of a week no other test of this class uses. */
  private static Instant week() {
    return Instant.parse("2033-01-03T00:00:00Z")
        .plus(Duration.ofDays(7L * WEEKS.incrementAndGet()));
  }

  private ConfigurationItem server() {
    return cmdb.create(
        new CiDraft(
            "server",
            "conflict-server-" + UUID.randomUUID(),
            null,
            "service-desk",
            Environment.PRODUCTION,
            LifecycleStatus.IN_SERVICE,
            null,
            null,
            Map.of()),
        Actor.person("agent.anna"));
  }

  private Change raise(
      final Instant start, final Instant end, final String group, final ConfigurationItem... cis) {
    return raising.raise(
        new NewChange(
            ChangeType.NORMAL,
            null,
            "Patch " + UUID.randomUUID(),
            null,
            "agent.anna",
            group,
            null,
            Arrays.stream(cis).map(ci -> new AffectedCi(ci.id(), ci.name())).toList(),
            start,
            end,
            null,
            null,
            null,
            ChangeImpact.LOW,
            List.of()));
  }

  private static Instant at(final Instant week, final int hours) {
    return week.plus(Duration.ofHours(hours));
  }

  @Test
  void raisingAChangeStoresItsConflictsWhichTheApiAndTheChangePageShow() throws Exception {
    final Instant week = week();
    final ConfigurationItem mail = server();
    final String ci = mail.name();
    final String raise =
        """
        {"type": "normal", "summary": "Patch the mail server", "assignmentGroup": "service-desk",
         "affectedCis": ["%s"], "plannedStart": "%s", "plannedEnd": "%s"}
        """;
    final String first =
        body(mvc.perform(
                    json(
                            post("/api/changes"),
                            raise.formatted(mail.id(), at(week, 10), at(week, 12)))
                        .with(as("agent.anna"))
                        .with(csrf()))
                .andExpect(status().isCreated()))
            .path("number")
            .asText();
    final String second =
        body(mvc.perform(
                    json(
                            post("/api/changes"),
                            raise.formatted(mail.id(), at(week, 11), at(week, 13)))
                        .with(as("agent.anna"))
                        .with(csrf()))
                .andExpect(status().isCreated()))
            .path("number")
            .asText();

    final JsonNode conflicts =
        body(
            mvc.perform(get("/api/changes/" + second + "/conflicts").with(as("agent.anna")))
                .andExpect(status().isOk()));
    assertThat(conflicts).hasSize(1);
    assertThat(conflicts.get(0).path("rule").asText()).isEqualTo("SAME_CI");
    assertThat(conflicts.get(0).path("otherChange").asText()).isEqualTo(first);
    assertThat(conflicts.get(0).path("ci").asText()).isEqualTo(ci);
    assertThat(conflicts.get(0).path("detectedAt").isMissingNode()).isFalse();
    assertThat(conflicts.get(0).path("open").asBoolean()).isTrue();

    final Document page = html(get("/changes/" + second).session(signIn("agent.anna")));
    assertThat(page.select("#conflicts .fd-conflict-rule").text()).isEqualTo("Same CI");
    assertThat(page.select("#conflicts a.fd-conflict-change").attr("href"))
        .isEqualTo("/changes/" + first);
    assertThat(page.select("#check-conflicts")).hasSize(1);

    mvc.perform(get("/api/changes/" + second + "/conflicts").with(as("alice")))
        .andExpect(status().isForbidden());
  }

  @Test
  void checkingAgainFindsABlackoutCreatedSinceAndBlackoutsAreKeptByChangeManagersOnly()
      throws Exception {
    final Instant week = week();
    final Change change = raise(at(week, 10), at(week, 12), "service-desk", server());
    assertThat(
            body(
                mvc.perform(
                    get("/api/changes/" + change.number() + "/conflicts").with(as("agent.anna")))))
        .isEmpty();
    final String blackout =
        """
        {"name": "Audit freeze", "scope": "GLOBAL", "start": "%s", "end": "%s"}
        """
            .formatted(at(week, 0), at(week, 24));

    mvc.perform(json(post("/api/changes/blackouts"), blackout).with(as("agent.anna")).with(csrf()))
        .andExpect(status().isForbidden());
    mvc.perform(get("/api/changes/blackouts").with(as("alice"))).andExpect(status().isForbidden());
    final JsonNode refused =
        body(
            mvc.perform(
                    json(
                            post("/api/changes/blackouts"),
                            """
                            {"name": "Backwards", "scope": "GLOBAL", "start": "%s", "end": "%s"}
                            """
                                .formatted(at(week, 24), at(week, 0)))
                        .with(as("manager.maria"))
                        .with(csrf()))
                .andExpect(status().isBadRequest()));
    assertThat(refused.path("errors").path("end").asText()).contains("after the start");
    final JsonNode created =
        body(
            mvc.perform(
                    json(post("/api/changes/blackouts"), blackout)
                        .with(as("manager.maria"))
                        .with(csrf()))
                .andExpect(status().isCreated()));
    final long id = created.path("id").asLong();
    assertThat(adminAudit.involving("manager.maria"))
        .extracting(io.flowdesk.app.audit.AuditEntry::action)
        .contains("blackout.created");

    final JsonNode checked =
        body(
            mvc.perform(
                    post("/api/changes/" + change.number() + "/conflicts")
                        .with(as("agent.anna"))
                        .with(csrf()))
                .andExpect(status().isOk()));
    assertThat(checked).hasSize(1);
    assertThat(checked.get(0).path("rule").asText()).isEqualTo("BLACKOUT");
    assertThat(checked.get(0).path("blackoutId").asLong()).isEqualTo(id);
    assertThat(
            body(
                mvc.perform(
                    get("/api/changes/" + change.number() + "/conflicts").with(as("agent.anna")))))
        .hasSize(1);
    assertThat(body(mvc.perform(get("/api/changes/blackouts").with(as("agent.anna")))).toString())
        .contains("Audit freeze");

    mvc.perform(delete("/api/changes/blackouts/" + id).with(as("agent.anna")).with(csrf()))
        .andExpect(status().isForbidden());
    mvc.perform(delete("/api/changes/blackouts/" + id).with(as("manager.maria")).with(csrf()))
        .andExpect(status().isNoContent());
    mvc.perform(delete("/api/changes/blackouts/" + id).with(as("manager.maria")).with(csrf()))
        .andExpect(status().isNotFound());
    assertThat(
            body(
                mvc.perform(
                    get("/api/changes/" + change.number() + "/conflicts").with(as("agent.anna")))))
        .isEmpty();
  }

  @Test
  void theBlackoutPageShowsProblemsInlineAndCreatesAndDeletes() throws Exception {
    final Instant week = week();
    final MockHttpSession maria = signIn("manager.maria");
    final Document refused =
        html(
            post("/changes/blackouts")
                .session(maria)
                .with(csrf())
                .param("name", "Quarter end")
                .param("scope", "CI")
                .param("ciId", UUID.randomUUID().toString())
                .param("start", "2033-03-30T00:00")
                .param("end", "2033-04-02T00:00"));
    assertThat(refused.select("#blackout-ciId-error").text()).contains("no CI has the id");
    assertThat(refused.select("#blackout-name").val()).isEqualTo("Quarter end");

    final ConfigurationItem server = server();
    mvc.perform(
            post("/changes/blackouts")
                .session(maria)
                .with(csrf())
                .param("name", "Quarter end " + week)
                .param("scope", "CI")
                .param("ciId", server.id().toString())
                .param("start", at(week, 0).toString())
                .param("end", at(week, 24).toString()))
        .andExpect(redirectedUrl("/changes/blackouts"));
    final Document list = html(get("/changes/blackouts").session(maria));
    assertThat(list.select("#blackouts").text())
        .contains("Quarter end " + week)
        .contains(server.name());

    final Document forAnAgent = html(get("/changes/blackouts").session(signIn("agent.anna")));
    assertThat(forAnAgent.select("#blackouts").text()).contains("Quarter end " + week);
    assertThat(forAnAgent.select("#blackout-form")).isEmpty();
    mvc.perform(
            post("/changes/blackouts")
                .session(signIn("agent.anna"))
                .with(csrf())
                .param("name", "Mine")
                .param("scope", "GLOBAL")
                .param("start", "2033-03-30T00:00")
                .param("end", "2033-04-02T00:00"))
        .andExpect(status().isForbidden());
  }

  @Test
  void planningAChangeMovesItsWindowAndCisChecksAgainAndRefusesBadInputAndOutsiders()
      throws Exception {
    final Instant week = week();
    final ConfigurationItem web = server();
    final ConfigurationItem db = server();
    final Change other = raise(at(week, 10), at(week, 12), "network-team", db);
    final Change change = raise(at(week, 20), at(week, 22), "service-desk", web);
    final String path = "/api/changes/" + change.number();

    final JsonNode backwards =
        body(
            mvc.perform(
                    json(
                            patch(path),
                            """
                            {"plannedStart": "%s", "plannedEnd": "%s"}
                            """
                                .formatted(at(week, 12), at(week, 10)))
                        .with(as("agent.anna"))
                        .with(csrf()))
                .andExpect(status().isBadRequest()));
    assertThat(backwards.path("errors").path("plannedEnd").asText())
        .isEqualTo("must be after the planned start");
    final UUID unknown = UUID.randomUUID();
    final JsonNode unknownCi =
        body(
            mvc.perform(
                    json(
                            patch(path),
                            "{\"affectedCis\": [\"" + web.id() + "\", \"" + unknown + "\"]}")
                        .with(as("agent.anna"))
                        .with(csrf()))
                .andExpect(status().isBadRequest()));
    assertThat(unknownCi.path("errors").path("affectedCis").asText()).contains(unknown.toString());
    // agent.nils is in network-team, not the change's group; alice is an end user.
    mvc.perform(
            json(patch(path), "{\"plannedStart\": \"" + at(week, 11) + "\"}")
                .with(as("agent.nils"))
                .with(csrf()))
        .andExpect(status().isForbidden());
    mvc.perform(
            json(patch(path), "{\"plannedStart\": \"" + at(week, 11) + "\"}")
                .with(as("alice"))
                .with(csrf()))
        .andExpect(status().isForbidden());
    final Change untouched = records.findByNumber(change.number()).orElseThrow();
    assertThat(untouched.plannedStart()).isEqualTo(at(week, 20));
    assertThat(untouched.affectedCis()).extracting(AffectedCi::ciId).containsExactly(web.id());

    final JsonNode planned =
        body(
            mvc.perform(
                    json(
                            patch(path),
                            """
                            {"plannedStart": "%s", "plannedEnd": "%s", "affectedCis": ["%s", "%s"]}
                            """
                                .formatted(at(week, 11), at(week, 13), web.id(), db.id()))
                        .with(as("agent.anna"))
                        .with(csrf()))
                .andExpect(status().isOk()));
    assertThat(planned.path("conflicts")).hasSize(1);
    assertThat(planned.path("conflicts").get(0).path("otherChange").asText())
        .isEqualTo(other.number());
    assertThat(records.auditTrail(change.id()))
        .extracting(AuditEntry::field)
        .contains("plannedStart", "plannedEnd", "affectedCi", "conflicts");

    // A change manager plans changes of every group.
    mvc.perform(
            json(patch(path), "{\"plannedEnd\": \"" + at(week, 14) + "\"}")
                .with(as("manager.maria"))
                .with(csrf()))
        .andExpect(status().isOk());
  }

  @Test
  void theChangePagePlansTheChangeWithInlineErrors() throws Exception {
    final Instant week = week();
    final ConfigurationItem web = server();
    final Change change = raise(at(week, 20), at(week, 22), "service-desk", web);
    final MockHttpSession anna = signIn("agent.anna");

    final Document refused =
        html(
            post("/changes/" + change.number() + "/plan")
                .session(anna)
                .with(csrf())
                .param("plannedStart", "2033-05-02T12:00")
                .param("plannedEnd", "2033-05-02T10:00")
                .param("affectedCis", web.name(), "no-such-ci")
                .param("chosen:affectedCis", web.id().toString(), ""));
    assertThat(refused.select("#plan-plannedEnd-error").text())
        .isEqualTo("must be after the planned start");
    assertThat(refused.select("#plan-affectedCis-error").text())
        .isEqualTo("there is no configuration item called “no-such-ci”");
    // The pickers keep what was entered: the CI's name, not its id.
    assertThat(refused.select("[name=affectedCis]").eachAttr("value"))
        .containsExactly(web.name(), "no-such-ci", "");
    assertThat(refused.select("#plan-plannedStart").val()).isEqualTo("2033-05-02T12:00");
    assertThat(records.findByNumber(change.number()).orElseThrow().plannedStart())
        .isEqualTo(at(week, 20));

    // Emptying a picker removes its CI, though its hidden choice still names the CI.
    final ConfigurationItem db = server();
    mvc.perform(
            post("/changes/" + change.number() + "/plan")
                .session(anna)
                .with(csrf())
                .param("plannedStart", "2033-05-02T10:00")
                .param("plannedEnd", "2033-05-02T12:00")
                .param("affectedCis", "", db.name())
                .param("chosen:affectedCis", web.id().toString(), db.id().toString()))
        .andExpect(status().is3xxRedirection());
    assertThat(records.findByNumber(change.number()).orElseThrow().affectedCis())
        .extracting(AffectedCi::ciId)
        .containsExactly(db.id());

    assertThat(
            html(get("/changes/" + change.number()).session(signIn("agent.nils")))
                .select("#plan-form"))
        .isEmpty();
    mvc.perform(
            post("/changes/" + change.number() + "/plan")
                .session(signIn("agent.nils"))
                .with(csrf())
                .param("plannedStart", "2033-05-02T10:00")
                .param("plannedEnd", "2033-05-02T12:00")
                .param("affectedCis", web.id().toString()))
        .andExpect(status().isForbidden());
  }

  /** A CAB approval of change {@code number} waiting for cab.carl. */
  private Approval cabApproval(final String number) {
    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess("conflict-test-cab")
                .startEvent()
                .callActivity(
                    "cab",
                    c ->
                        c.zeebeProcessId("flowdesk-approval")
                            .zeebePropagateAllParentVariables(false)
                            .zeebePropagateAllChildVariables(false)
                            .zeebeInputExpression("[\"cab.carl\"]", "approvers")
                            .zeebeInputExpression("\"Change \" + changeNumber", "subject")
                            .zeebeInputExpression("\"agent.anna\"", "requester")
                            .zeebeInputExpression("\"agent.anna\"", "requestedFor")
                            .zeebeInputExpression("changeNumber", "recordNumber"))
                .endEvent()
                .done(),
            "conflict-test-cab.bpmn")
        .send()
        .join();
    client
        .newCreateInstanceCommand()
        .bpmnProcessId("conflict-test-cab")
        .latestVersion()
        .variables(Map.of("changeNumber", number))
        .send()
        .join();
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> approvals.forRecord(number).stream().findFirst().orElse(null),
            approval -> approval != null && !openTasks(approval.processInstanceKey()).isEmpty());
  }

  private List<UserTask> openTasks(final long processInstanceKey) {
    return client
        .newUserTaskSearchRequest()
        .filter(f -> f.processInstanceKey(processInstanceKey).state(UserTaskState.CREATED))
        .send()
        .join()
        .items();
  }

  @Test
  void aCabMemberApprovesAChangeWithConflictsOnlyWithAnOverrideReasonWhichIsRecorded()
      throws Exception {
    final Instant week = week();
    final ConfigurationItem web = server();
    raise(at(week, 10), at(week, 12), "service-desk", web);
    final Change change = raise(at(week, 11), at(week, 13), "service-desk", web);
    final Approval approval = cabApproval(change.number());

    final Document detail =
        html(get("/portal/approvals/" + approval.id()).session(signIn("cab.carl")));
    assertThat(detail.select("#change-conflicts .fd-conflict-rule").text()).isEqualTo("Same CI");
    assertThat(detail.select("#override-reason").attr("form"))
        .isEqualTo(detail.select("#decide form").attr("id"));

    final JsonNode refused =
        body(
            mvc.perform(
                    json(post("/api/approvals/" + approval.id()), "{\"decision\": \"approve\"}")
                        .with(as("cab.carl"))
                        .with(csrf()))
                .andExpect(status().isUnprocessableEntity()));
    assertThat(refused.path("detail").asText())
        .isEqualTo("change " + change.number() + " has 1 conflict; give an override reason");
    assertThat(refused.path("errors").path("overrideReason").isMissingNode()).isFalse();
    assertThat(approvals.find(approval.id()).orElseThrow().decisions()).isEmpty();

    // On the approval's page, the reason goes with the decision form.
    mvc.perform(
            post("/portal/approvals/" + approval.id())
                .session(signIn("cab.carl"))
                .with(csrf())
                .param("decision", "approve")
                .param("overrideReason", "Both only restart one node."))
        .andExpect(redirectedUrl("/portal/approvals"));

    final JsonNode conflicts =
        body(
            mvc.perform(
                get("/api/changes/" + change.number() + "/conflicts").with(as("agent.anna"))));
    assertThat(conflicts.get(0).path("open").asBoolean()).isFalse();
    assertThat(conflicts.get(0).path("overriddenBy").asText()).isEqualTo("cab.carl");
    assertThat(conflicts.get(0).path("overrideReason").asText())
        .isEqualTo("Both only restart one node.");
    assertThat(records.auditTrail(change.id()))
        .extracting(AuditEntry::field, AuditEntry::newValue)
        .contains(tuple("conflictOverride", "1 conflict: Both only restart one node."));
    assertThat(records.journal(change.id(), true))
        .extracting(JournalEntry::text)
        .anySatisfy(text -> assertThat(text).contains("overridden by cab.carl"));
  }

  @Test
  void rejectingAChangeWithConflictsNeedsNoOverride() throws Exception {
    final Instant week = week();
    final ConfigurationItem web = server();
    raise(at(week, 10), at(week, 12), "service-desk", web);
    final Change change = raise(at(week, 11), at(week, 13), "service-desk", web);
    final Approval approval = cabApproval(change.number());

    mvc.perform(
            post("/portal/approvals/" + approval.id())
                .session(signIn("cab.carl"))
                .with(csrf())
                .param("decision", "reject")
                .param("comment", "Not in the same window as the other patch."))
        .andExpect(redirectedUrl("/portal/approvals"));
    assertThat(
            body(mvc.perform(
                    get("/api/changes/" + change.number() + "/conflicts").with(as("agent.anna"))))
                .get(0)
                .path("open")
                .asBoolean())
        .isTrue();
  }

  @Test
  void theChangeManagerTaskRefusesApprovalWithoutAReasonInlineAndRecordsOneGiven()
      throws Exception {
    final Instant week = week();
    final ConfigurationItem web = server();
    raise(at(week, 10), at(week, 12), "service-desk", web);
    final Change change =
        records.raise(
            new NewChange(
                ChangeType.NORMAL,
                null,
                "Manager-authorized patch",
                null,
                "agent.anna",
                "service-desk",
                null,
                List.of(new AffectedCi(web.id(), web.name())),
                at(week, 11),
                at(week, 13),
                null,
                null,
                null,
                ChangeImpact.LOW,
                List.of()),
            Actor.person("agent.anna"));
    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess("conflict-test-manager")
                .startEvent()
                .userTask(
                    ChangeAuthorizationGate.CHANGE_MANAGER_TASK,
                    t ->
                        t.zeebeUserTask()
                            .zeebeFormId("change-authorization")
                            .zeebeCandidateGroups("change-management"))
                .endEvent()
                .done(),
            "conflict-test-manager.bpmn")
        .send()
        .join();
    final long instance =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("conflict-test-manager")
            .latestVersion()
            .variables(
                Map.of("changeNumber", change.number(), "shortDescription", "x", "risk", "low"))
            .send()
            .join()
            .getProcessInstanceKey();
    records.started(change.id(), instance, Actor.person("agent.anna"));
    conflicts.detect(change.id(), Actor.person("agent.anna"));
    final long task =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> openTasks(instance), tasks -> !tasks.isEmpty())
            .get(0)
            .getUserTaskKey();
    final MockHttpSession maria = signIn("manager.maria");

    final Document page = html(get("/inbox/tasks/" + task).session(maria));
    assertThat(page.select("#change-conflicts .fd-conflict-rule").text()).isEqualTo("Same CI");
    final Document refused =
        html(
            post("/inbox/tasks/" + task)
                .session(maria)
                .with(csrf())
                .param("authorizationDecision", "approved"));
    assertThat(refused.select("#override-error").text())
        .isEqualTo("change " + change.number() + " has 1 conflict; give an override reason");
    assertThat(openTasks(instance)).hasSize(1);

    mvc.perform(
            post("/inbox/tasks/" + task)
                .session(maria)
                .with(csrf())
                .param("authorizationDecision", "approved")
                .param("overrideReason", "The other change is on the standby node."))
        .andExpect(redirectedUrl("/inbox"));
    assertThat(
            body(mvc.perform(
                    get("/api/changes/" + change.number() + "/conflicts").with(as("agent.anna"))))
                .get(0)
                .path("overriddenBy")
                .asText())
        .isEqualTo("manager.maria");
  }
}
