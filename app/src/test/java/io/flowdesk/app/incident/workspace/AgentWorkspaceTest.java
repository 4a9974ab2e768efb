package io.flowdesk.app.incident.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import io.flowdesk.app.IncidentTasks;
import io.flowdesk.app.WebTestSupport;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.incident.JournalKind;
import io.flowdesk.domain.incident.Priority;
import io.flowdesk.domain.record.AuditEntry;
import java.time.Duration;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;

/** The agent workspace on the incident record page: assignment, classification, watchers. */
class AgentWorkspaceTest extends WebTestSupport {

  @Autowired CamundaClient client;
  @Autowired IncidentRecords records;

  private IncidentTasks incidents;

  @BeforeEach
  void standInProcess() {
    incidents = new IncidentTasks(client, records);
  }

  private UserTask task(final long key) {
    return client
        .newUserTaskSearchRequest()
        .filter(f -> f.userTaskKey(key).state(UserTaskState.CREATED))
        .send()
        .join()
        .items()
        .get(0);
  }

  private Incident reload(final Incident incident) {
    return records.find(incident.id()).orElseThrow();
  }

  @Test
  void aTransferMovesTheTaskToTheOtherGroupWhoseMemberCanThenWorkIt() throws Exception {
    final IncidentTasks.Waiting waiting = incidents.reportedBy("alice", "VPN drops", null);
    final MockHttpSession anna = signIn("agent.anna");
    final MockHttpSession nils = signIn("agent.nils");
    mvc.perform(post("/inbox/tasks/" + waiting.key() + "/claim").session(anna).with(csrf()))
        .andExpect(status().is3xxRedirection());
    mvc.perform(get("/inbox/tasks/" + waiting.key()).session(nils))
        .andExpect(status().isForbidden());

    mvc.perform(
            post("/incidents/" + waiting.number() + "/transfer")
                .session(anna)
                .with(csrf())
                .param("group", "network-team")
                .param("transferReason", "The VPN concentrator is the network team's"))
        // anna is not in the network team: back to her inbox, where the confirmation shows.
        .andExpect(redirectedUrl("/inbox"))
        .andExpect(
            flash().attribute("flash", waiting.number() + " is transferred to network-team."));

    final UserTask moved = task(waiting.key());
    assertThat(moved.getCandidateGroups()).containsExactly("network-team");
    assertThat(moved.getAssignee()).isNull();
    final Incident transferred = reload(waiting.incident());
    assertThat(transferred.assignmentGroup()).isEqualTo("network-team");
    assertThat(transferred.assignee()).isNull();
    assertThat(records.journal(transferred.id(), true))
        .anySatisfy(
            entry -> {
              assertThat(entry.kind()).isEqualTo(JournalKind.WORK_NOTE);
              assertThat(entry.text())
                  .contains("service-desk", "network-team", "the network team's");
            });
    assertThat(records.journal(transferred.id(), false))
        .noneMatch(entry -> entry.text().contains("network team's"));
    mvc.perform(get("/inbox/tasks/" + waiting.key()).session(nils)).andExpect(status().isOk());

    // The assignment picker offers the new group's members; nils takes it from the record page.
    final Document page = html(get("/incidents/" + waiting.number()).session(nils));
    assertThat(page.select("#assign-member option").eachAttr("value")).contains("agent.nils");
    assertThat(page.select("#assign-member option").eachAttr("value")).doesNotContain("agent.anna");
    mvc.perform(
            post("/incidents/" + waiting.number() + "/assignee")
                .session(nils)
                .with(csrf())
                .param("assignee", "agent.anna"))
        .andExpect(flash().attributeExists("workspaceErrors"));
    mvc.perform(
            post("/incidents/" + waiting.number() + "/assignee")
                .session(nils)
                .with(csrf())
                .param("assignee", "agent.nils"))
        .andExpect(flash().attribute("flash", waiting.number() + " is assigned to agent.nils."));
    assertThat(task(waiting.key()).getAssignee()).isEqualTo("agent.nils");
    assertThat(reload(waiting.incident()).assignee()).isEqualTo("agent.nils");
    // anna's group no longer has it: she may not move it back.
    mvc.perform(
            post("/incidents/" + waiting.number() + "/transfer")
                .session(anna)
                .with(csrf())
                .param("group", "service-desk")
                .param("transferReason", "mine again"))
        .andExpect(status().isForbidden());
  }

  @Test
  void aTransferWithoutReasonOrToAnUnknownGroupChangesNothingAndSaysWhy() throws Exception {
    final IncidentTasks.Waiting waiting = incidents.reportedBy("alice", "Printer jam", null);
    final MockHttpSession anna = signIn("agent.anna");

    mvc.perform(
            post("/incidents/" + waiting.number() + "/transfer")
                .session(anna)
                .with(csrf())
                .param("group", "network-team")
                .param("transferReason", " "))
        .andExpect(
            flash().attribute("workspaceErrors", Map.of("transferReason", "please give a reason")));
    mvc.perform(
            post("/incidents/" + waiting.number() + "/transfer")
                .session(anna)
                .with(csrf())
                .param("group", "no-such-team")
                .param("transferReason", "x"))
        .andExpect(
            flash()
                .attribute(
                    "workspaceErrors", Map.of("group", "choose one of the assignment groups")));

    assertThat(reload(waiting.incident()).assignmentGroup()).isEqualTo("service-desk");
    assertThat(task(waiting.key()).getCandidateGroups()).containsExactly("service-desk");

    // The refusal is shown at its field, the words kept.
    final MockHttpSession session = signIn("agent.anna");
    final var refused =
        mvc.perform(
                post("/incidents/" + waiting.number() + "/transfer")
                    .session(session)
                    .with(csrf())
                    .param("group", "network-team")
                    .param("transferReason", ""))
            .andReturn();
    final Document page =
        html(
            get("/incidents/" + waiting.number())
                .session(session)
                .flashAttrs(refused.getFlashMap()));
    assertThat(page.getElementById("transfer-reason-error").text())
        .contains("please give a reason");
    assertThat(page.select("#transfer-group option[selected]").attr("value"))
        .isEqualTo("network-team");
  }

  @Test
  void impactAndUrgencyRecomputeThePriorityByTheDecisionAndAnOverrideNeedsAReason()
      throws Exception {
    // Reported with impact high, urgency low: P3 by the matrix.
    final IncidentTasks.Waiting waiting = incidents.reportedBy("alice", "Mail slow", null);
    final MockHttpSession anna = signIn("agent.anna");

    mvc.perform(
            post("/incidents/" + waiting.number() + "/classification")
                .session(anna)
                .with(csrf())
                .param("category", "software")
                .param("impact", "high")
                .param("urgency", "high"))
        .andExpect(flash().attribute("flash", "The priority is P1."));
    final Incident p1 = reload(waiting.incident());
    assertThat(p1.priority()).isEqualTo(Priority.P1);
    assertThat(p1.category()).isEqualTo("software");
    assertThat(Duration.between(p1.createdAt(), p1.resolutionDue()).toMinutes())
        .isBetween(239L, 240L);
    assertThat(task(waiting.key()).getPriority()).isEqualTo(90);

    mvc.perform(
            post("/incidents/" + waiting.number() + "/classification")
                .session(anna)
                .with(csrf())
                .param("category", "software")
                .param("impact", "medium")
                .param("urgency", "low"))
        .andExpect(flash().attribute("flash", "The priority is P4."));

    mvc.perform(
            post("/incidents/" + waiting.number() + "/classification")
                .session(anna)
                .with(csrf())
                .param("category", "software")
                .param("impact", "low")
                .param("urgency", "low")
                .param("priority", "P2"))
        .andExpect(
            flash().attribute("workspaceErrors", Map.of("overrideReason", "please give a reason")));
    final Incident unchanged = reload(waiting.incident());
    assertThat(unchanged.priority()).isEqualTo(Priority.P4);
    assertThat(unchanged.impact().name()).isEqualTo("MEDIUM");

    mvc.perform(
            post("/incidents/" + waiting.number() + "/classification")
                .session(anna)
                .with(csrf())
                .param("category", "software")
                .param("impact", "low")
                .param("urgency", "low")
                .param("priority", "P2")
                .param("overrideReason", "The CEO's laptop"))
        .andExpect(flash().attribute("flash", "The priority is P2."));
    assertThat(reload(waiting.incident()).priority()).isEqualTo(Priority.P2);
    assertThat(records.core().audit().of(waiting.incident().id()))
        .extracting(AuditEntry::field, AuditEntry::newValue)
        .contains(org.assertj.core.groups.Tuple.tuple("priorityOverride", "P2: The CEO's laptop"));
  }

  @Test
  void watchersAreAddedFromTheDirectoryAndRemoved() throws Exception {
    final IncidentTasks.Waiting waiting = incidents.reportedBy("alice", "Badge reader", null);
    final MockHttpSession anna = signIn("agent.anna");

    mvc.perform(
            post("/incidents/" + waiting.number() + "/watchers")
                .session(anna)
                .with(csrf())
                .param("watcher", "bob"))
        .andExpect(flash().attribute("flash", "Bob Brenner watches " + waiting.number() + "."));
    mvc.perform(
            post("/incidents/" + waiting.number() + "/watchers")
                .session(anna)
                .with(csrf())
                .param("watcher", "nobody.here"))
        .andExpect(
            flash()
                .attribute(
                    "workspaceErrors", Map.of("watcher", "there is nobody called nobody.here")));
    assertThat(records.watchers(waiting.incident().id())).containsExactly("bob");
    assertThat(
            html(get("/incidents/" + waiting.number()).session(anna))
                .select("#watcher-list li")
                .text())
        .contains("Bob Brenner");

    mvc.perform(
            post("/incidents/" + waiting.number() + "/watchers/remove")
                .session(anna)
                .with(csrf())
                .param("watcher", "bob"))
        .andExpect(status().is3xxRedirection());
    assertThat(records.watchers(waiting.incident().id())).isEmpty();
    assertThat(records.core().audit().of(waiting.incident().id()))
        .extracting(AuditEntry::field)
        .contains("watcher");
  }

  @Test
  void aMajorIncidentsCommunicationReachesItsChildrensCallers() throws Exception {
    final IncidentTasks.Waiting parent = incidents.reportedBy("alice", "Network down", null);
    final IncidentTasks.Waiting child = incidents.reportedBy("bob", "No internet", null);
    final MockHttpSession anna = signIn("agent.anna");
    mvc.perform(
        post("/incidents/" + parent.number() + "/major")
            .session(anna)
            .with(csrf())
            .param("majorReason", "Core switch failed"));
    mvc.perform(
        post("/incidents/" + parent.number() + "/children")
            .session(anna)
            .with(csrf())
            .param("child", child.number()));

    mvc.perform(
            post("/incidents/" + parent.number() + "/communication")
                .session(anna)
                .with(csrf())
                .param("communication", " "))
        .andExpect(
            flash()
                .attribute("workspaceErrors", Map.of("communication", "please write the message")));
    mvc.perform(
            post("/incidents/" + parent.number() + "/communication")
                .session(anna)
                .with(csrf())
                .param("communication", "The core switch is replaced by 14:00."))
        .andExpect(flash().attribute("flash", "The communication went to 2 incidents."));

    assertThat(html(get("/portal/requests/" + child.number()).session(signIn("bob"))).text())
        .contains("The core switch is replaced by 14:00.");
    assertThat(records.journal(parent.incident().id(), false))
        .extracting(entry -> entry.text())
        .containsExactly("The core switch is replaced by 14:00.");
  }

  @Test
  void endUsersAreRefusedAndEveryPostNeedsTheCsrfToken() throws Exception {
    final IncidentTasks.Waiting waiting = incidents.reportedBy("alice", "Keyboard", null);
    for (final String path :
        new String[] {"transfer", "assignee", "classification", "watchers", "major", "children"}) {
      mvc.perform(
              post("/incidents/" + waiting.number() + "/" + path)
                  .session(signIn("alice"))
                  .with(csrf())
                  .param("group", "network-team")
                  .param("transferReason", "x")
                  .param("watcher", "alice")
                  .param("majorReason", "x"))
          .andExpect(status().isForbidden());
      mvc.perform(
              post("/incidents/" + waiting.number() + "/" + path)
                  .session(signIn("agent.anna"))
                  .param("group", "network-team")
                  .param("transferReason", "x")
                  .param("watcher", "bob")
                  .param("majorReason", "x"))
          .andExpect(status().isForbidden());
      // Another group's agent may not act on it (IDOR).
      mvc.perform(
              post("/incidents/" + waiting.number() + "/" + path)
                  .session(signIn("agent.nils"))
                  .with(csrf())
                  .param("group", "network-team")
                  .param("transferReason", "x")
                  .param("watcher", "agent.nils")
                  .param("majorReason", "x"))
          .andExpect(status().isForbidden());
    }
    final Incident untouched = reload(waiting.incident());
    assertThat(untouched.assignmentGroup()).isEqualTo("service-desk");
    assertThat(records.watchers(untouched.id())).isEmpty();
    assertThat(records.major().reason(untouched.id())).isEmpty();
  }
}
