package io.flowdesk.app.incident.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;

import io.camunda.client.CamundaClient;
import io.flowdesk.app.WebTestSupport;
import io.flowdesk.domain.incident.ChangeSource;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.incident.IncidentState;
import io.flowdesk.domain.incident.Level;
import io.flowdesk.domain.incident.NewIncident;
import io.flowdesk.workers.incident.IncidentResolveTask;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;

/**
 * Major incidents on the packaged incident process (its real workers): flag, children, and the
 * parent's resolution resolving its open children through their own processes.
 */
class MajorIncidentTest extends WebTestSupport {

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @Autowired CamundaClient client;
  @Autowired IncidentRecords records;

  /** An incident of {@code caller} in the packaged process, waiting in its resolve task. */
  private Incident reported(final String caller, final String shortDescription) {
    final Incident incident =
        records.report(
            new NewIncident(
                caller, shortDescription, null, "other", null, Level.MEDIUM, Level.MEDIUM),
            ChangeSource.person(caller));
    final Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("incidentId", incident.id());
    variables.put("incidentNumber", incident.number());
    variables.put("caller", caller);
    variables.put("callerEmail", caller + "@example.com");
    variables.put("callerName", caller);
    variables.put("shortDescription", shortDescription);
    variables.put("category", "other");
    variables.put("configurationItem", null);
    variables.put("impact", "medium");
    variables.put("urgency", "medium");
    client
        .newCreateInstanceCommand()
        .bpmnProcessId("incident")
        .latestVersion()
        .variables(variables)
        .send()
        .join();
    final IncidentResolveTask tasks = new IncidentResolveTask(client);
    return Awaitility.await(incident.number() + "'s resolve task")
        .atMost(PATIENCE)
        .until(
            () -> records.find(incident.id()).orElseThrow(),
            current -> current.processInstanceKey() != null && tasks.openTask(current).isPresent());
  }

  private Map<String, String> variables(final long processInstanceKey) {
    final Map<String, String> variables = new LinkedHashMap<>();
    client
        .newVariableSearchRequest()
        .filter(f -> f.processInstanceKey(processInstanceKey))
        .send()
        .join()
        .items()
        .forEach(v -> variables.put(v.getName(), v.getValue()));
    return variables;
  }

  @Test
  void resolvingAMajorIncidentResolvesItsChildrenWhoseCallersAreTold() throws Exception {
    final Incident parent = reported("alice", "Mail is down for everyone");
    final Incident first = reported("bob", "No mail since 9");
    final Incident second = reported("alice", "Outlook disconnected");
    final MockHttpSession maria = signIn("manager.maria");

    mvc.perform(
            post("/incidents/" + parent.number() + "/major")
                .session(maria)
                .with(csrf())
                .param("majorReason", ""))
        .andExpect(
            flash().attribute("workspaceErrors", Map.of("majorReason", "please give a reason")));
    mvc.perform(
            post("/incidents/" + parent.number() + "/major")
                .session(maria)
                .with(csrf())
                .param("majorReason", "The mail cluster is down"))
        .andExpect(flash().attribute("flash", parent.number() + " is a major incident."));
    for (final Incident child : List.of(first, second)) {
      mvc.perform(
              post("/incidents/" + parent.number() + "/children")
                  .session(maria)
                  .with(csrf())
                  .param("child", child.number()))
          .andExpect(
              flash()
                  .attribute("flash", child.number() + " is a child of " + parent.number() + "."));
    }
    mvc.perform(
            post("/incidents/" + parent.number() + "/children")
                .session(maria)
                .with(csrf())
                .param("child", parent.number()))
        .andExpect(
            flash()
                .attribute(
                    "workspaceErrors", Map.of("child", "an incident cannot be its own child")));

    final Document parentPage = html(get("/incidents/" + parent.number()).session(maria));
    assertThat(parentPage.getElementById("major-reason").text())
        .contains("The mail cluster is down");
    assertThat(parentPage.select("#child-incidents a").eachText())
        .containsExactly(first.number(), second.number());
    final Document childPage = html(get("/incidents/" + first.number()).session(maria));
    assertThat(childPage.select("#parent-incident a").text()).isEqualTo(parent.number());

    final Incident classified = records.find(parent.id()).orElseThrow();
    assertThat(
            new IncidentResolveTask(client)
                .resolve(classified, "solved-permanently", "Mail cluster failed over"))
        .isTrue();

    for (final Incident incident : List.of(parent, first, second)) {
      final Incident resolved =
          Awaitility.await(incident.number() + " resolved")
              .atMost(PATIENCE)
              .until(
                  () -> records.find(incident.id()).orElseThrow(),
                  current -> current.state() == IncidentState.RESOLVED);
      // The incident's own process told its caller (flowdesk:notify answered for the caller).
      Awaitility.await(incident.number() + "'s caller told")
          .atMost(PATIENCE)
          .until(() -> variables(resolved.processInstanceKey()).containsKey("callerNotification"));
      if (incident != parent) {
        assertThat(resolved.resolutionNotes())
            .isEqualTo(
                "Resolved with major incident " + parent.number() + ": Mail cluster failed over");
        assertThat(resolved.resolutionCode()).isEqualTo("solved-permanently");
      }
    }
  }
}
