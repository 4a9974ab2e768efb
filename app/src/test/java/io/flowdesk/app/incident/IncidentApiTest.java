package io.flowdesk.app.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flowdesk.app.IncidentTasks;
import io.flowdesk.app.WebTestSupport;
import io.flowdesk.domain.incident.IncidentQuery;
import io.flowdesk.domain.incident.IncidentRecords;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Pageable;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

class IncidentApiTest extends WebTestSupport {

  private static final String REPORT =
      """
      {"shortDescription": "Outlook crashes", "description": "On start", "category": "software",
       "impact": "medium", "urgency": "low"}""";

  @Autowired CamundaClient client;
  @Autowired IncidentRecords records;
  @Autowired ObjectMapper json;

  private IncidentTasks incidents;

  @BeforeEach
  void processes() {
    incidents = new IncidentTasks(client, records);
    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess(TEST_PROCESS)
                .startEvent()
                .userTask()
                .zeebeUserTask()
                .endEvent()
                .done(),
            TEST_PROCESS + ".bpmn")
        .send()
        .join();
  }

  private static RequestPostProcessor as(final String username) {
    return httpBasic(username, DEMO_PASSWORD);
  }

  private static MockHttpServletRequestBuilder postJson(final String path, final String body) {
    return post(path).contentType(MediaType.APPLICATION_JSON).content(body);
  }

  private JsonNode body(final org.springframework.test.web.servlet.ResultActions result)
      throws Exception {
    return json.readTree(
        result.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
  }

  @Test
  void reportingAnswers201WithTheIncidentAndItsLocation() throws Exception {
    final JsonNode created =
        body(
            mvc.perform(postJson("/api/incidents", REPORT).with(as("bob")))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", startsWith("/api/incidents/INC"))));

    assertThat(created.get("caller").asText()).isEqualTo("bob");
    assertThat(created.get("state").asText()).isEqualTo("NEW");
    assertThat(created.get("impact").asText()).isEqualTo("medium");
    assertThat(created.get("processInstanceKey").asText()).isNotBlank();
    mvc.perform(get("/api/incidents/" + created.get("number").asText()).with(as("bob")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.shortDescription").value("Outlook crashes"));
  }

  @Test
  void unknownFieldsWrongTypesAndMissingValuesAreProblemsNamingThemAndRecordNothing()
      throws Exception {
    final long before = records.search(IncidentQuery.all(), Pageable.ofSize(1)).getTotalElements();

    mvc.perform(
            postJson(
                    "/api/incidents",
                    """
                    {"shortDescription": "x", "impact": "low", "urgency": "low",
                     "priority": "P1"}""")
                .with(as("bob")))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.errors.priority").value(containsString("unknown field")));
    mvc.perform(
            postJson("/api/incidents", "{\"shortDescription\": \"x\", \"impact\": 3}")
                .with(as("bob")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors.impact").value("must be a string"));
    mvc.perform(postJson("/api/incidents", "{\"shortDescription\": \"x\"}").with(as("bob")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value(containsString("impact")));
    mvc.perform(postJson("/api/incidents", "{not json").with(as("bob")))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));

    assertThat(records.search(IncidentQuery.all(), Pageable.ofSize(1)).getTotalElements())
        .isEqualTo(before);
  }

  @Test
  void anotherCallersIncidentIsForbiddenAndListsHoldOnlyWhatOneMaySee() throws Exception {
    final IncidentTasks.Waiting alices = incidents.reportedBy("alice", "Alice's VPN", null);

    mvc.perform(get("/api/incidents/" + alices.number()).with(as("bob")))
        .andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    mvc.perform(get("/api/incidents/INC9999999").with(as("bob")))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.detail").value("no incident INC9999999"));

    final JsonNode bobs = body(mvc.perform(get("/api/incidents?size=200").with(as("bob"))));
    assertThat(bobs.get("items").findValuesAsText("caller")).containsOnly("bob");
    final JsonNode annas =
        body(mvc.perform(get("/api/incidents?size=200&q=Alice's VPN").with(as("agent.anna"))));
    assertThat(annas.get("items").findValuesAsText("number")).contains(alices.number());
    mvc.perform(get("/api/incidents?sort=secret,asc").with(as("bob")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value(containsString("secret")));
    mvc.perform(get("/api/incidents?state=SOLVED").with(as("bob")))
        .andExpect(status().isBadRequest());
  }

  @Test
  void withoutCredentialsTheApiAnswers401AndASessionPostNeedsItsCsrfToken() throws Exception {
    mvc.perform(get("/api/incidents"))
        .andExpect(status().isUnauthorized())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));

    final var alice = signIn("alice");
    mvc.perform(postJson("/api/incidents", REPORT).session(alice))
        .andExpect(status().isForbidden());
    mvc.perform(postJson("/api/incidents", REPORT).session(alice).with(csrf()))
        .andExpect(status().isCreated());
  }

  @Test
  void anAuthorizationHeaderThatDoesNotSignInNeitherSkipsCsrfNorFallsBackOnTheSession()
      throws Exception {
    final long before = records.search(IncidentQuery.all(), Pageable.ofSize(1)).getTotalElements();
    final var alice = signIn("alice");

    mvc.perform(
            postJson("/api/incidents", REPORT)
                .session(alice)
                .header("Authorization", "Negotiate junk"))
        .andExpect(status().isForbidden());
    // A bearer header is a personal token or nothing: refused before the session is looked at.
    mvc.perform(
            postJson("/api/incidents", REPORT)
                .session(alice)
                .header("Authorization", "Bearer junk"))
        .andExpect(status().isUnauthorized());
    mvc.perform(
            postJson("/api/incidents", REPORT)
                .session(alice)
                .with(httpBasic("alice", "junk"))
                .with(freshAddress()))
        .andExpect(status().isUnauthorized());
    mvc.perform(
            postJson("/api/incidents", REPORT)
                .session(alice)
                .header("Authorization", "Basic !!!")
                .with(freshAddress()))
        .andExpect(status().isUnauthorized());

    assertThat(records.search(IncidentQuery.all(), Pageable.ofSize(1)).getTotalElements())
        .isEqualTo(before);
    mvc.perform(postJson("/api/incidents", REPORT).session(alice).with(as("alice")))
        .andExpect(status().isCreated());
  }

  @Test
  void resolvingThroughTheApiValidatesWithTheTasksFormAndCompletesIt() throws Exception {
    final IncidentTasks.Waiting waiting = incidents.reportedBy("alice", "Disk full", null);
    final String resolution = "/api/incidents/" + waiting.number() + "/resolution";

    mvc.perform(postJson(resolution, "{\"resolutionCode\": \"workaround\"}").with(as("agent.anna")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors.resolutionNotes").exists());
    assertThat(incidents.open(waiting.key())).isTrue();
    mvc.perform(
            postJson(
                    resolution,
                    "{\"resolutionCode\": \"workaround\", \"resolutionNotes\": \"Moved logs\"}")
                .with(as("alice")))
        .andExpect(status().isForbidden());

    mvc.perform(
            postJson(
                    resolution,
                    "{\"resolutionCode\": \"workaround\", \"resolutionNotes\": \"Moved old logs away\"}")
                .with(as("agent.anna")))
        .andExpect(status().isAccepted());
    assertThat(incidents.open(waiting.key())).isFalse();
    mvc.perform(
            postJson(
                    resolution,
                    "{\"resolutionCode\": \"workaround\", \"resolutionNotes\": \"Moved old logs away\"}")
                .with(as("agent.anna")))
        .andExpect(status().isConflict());
  }

  @Test
  void theOpenApiDocumentDescribesTheIncidentApi() throws Exception {
    final JsonNode api = body(mvc.perform(get("/v3/api-docs").session(signIn("bob"))));

    assertThat(api.get("paths").has("/api/incidents")).isTrue();
    assertThat(api.get("paths").has("/api/incidents/{number}/resolution")).isTrue();
  }
}
