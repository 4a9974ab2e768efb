package io.flowdesk.app.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import io.flowdesk.app.forms.FormSchema;
import io.flowdesk.app.portal.catalog.CatalogItem;
import io.flowdesk.app.portal.catalog.ServiceCatalog;
import io.flowdesk.app.record.ProcessNotStartedException;
import io.flowdesk.domain.record.Actor;
import io.flowdesk.domain.record.JournalEntry;
import io.flowdesk.domain.record.JournalKind;
import io.flowdesk.domain.request.Request;
import io.flowdesk.domain.request.RequestRecords;
import io.flowdesk.domain.request.RequestStage;
import io.flowdesk.domain.request.RequestState;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Ordering request items (portal and API), the request's portal page, My requests, and who may see
 * what: records first, then the process with the contract's variables.
 */
class RequestsTest extends WebTestSupport {

  @Autowired CamundaClient client;
  @Autowired RequestRecords records;
  @Autowired RequestOrdering ordering;
  @Autowired ServiceCatalog catalog;
  @Autowired ObjectMapper json;

  private String item(final Map<String, String> extra) {
    return RequestItems.deploy(client, catalog, extra);
  }

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

  private MvcResult order(final MockHttpSession session, final String id, final String once)
      throws Exception {
    return mvc.perform(
            post("/portal/items/" + id)
                .session(session)
                .with(csrf())
                .param("_once", once)
                .param("model", "14 inch, light")
                .param("reason", "Mine is six years old"))
        .andExpect(status().is3xxRedirection())
        .andReturn();
  }

  @Test
  void orderingRecordsTheRequestFirstThenStartsTheProcessWithTheContractsVariables()
      throws Exception {
    final String id = item(Map.of());
    final MockHttpSession alice = signIn("alice");

    final MvcResult ordered = order(alice, id, UUID.randomUUID().toString());

    final String number =
        ordered.getResponse().getRedirectedUrl().substring("/portal/requests/".length());
    final Request request = records.findByNumber(number).orElseThrow();
    assertThat(request.requester()).isEqualTo("alice");
    assertThat(request.requestedFor()).isEqualTo("alice");
    assertThat(request.itemProcessId()).isEqualTo(id);
    assertThat(request.answers()).containsEntry("model", "14 inch, light");
    assertThat(request.state()).isEqualTo(RequestState.SUBMITTED);
    assertThat(request.dueAt()).isEqualTo(request.createdAt().plus(3, ChronoUnit.DAYS));
    assertThat(request.processInstanceKey()).isNotNull();
    final Map<String, String> variables =
        client
            .newVariableSearchRequest()
            .filter(f -> f.processInstanceKey(request.processInstanceKey()))
            .send()
            .join()
            .items()
            .stream()
            .collect(
                java.util.stream.Collectors.toMap(
                    v -> v.getName(), v -> v.getValue(), (a, b) -> a));
    assertThat(variables)
        .containsEntry("requestNumber", "\"" + number + "\"")
        .containsEntry("requester", "\"alice\"")
        .containsEntry("requestedFor", "\"alice\"")
        .containsEntry("requestedBy", "\"alice\"")
        .containsEntry("model", "\"14 inch, light\"");
  }

  @Test
  void theRequestPageShowsStageAnswersAndCommentsButNeverWorkNotes() throws Exception {
    final String id = item(Map.of());
    final MockHttpSession alice = signIn("alice");
    final String number =
        order(alice, id, UUID.randomUUID().toString())
            .getResponse()
            .getRedirectedUrl()
            .substring("/portal/requests/".length());
    final Request request = records.findByNumber(number).orElseThrow();
    records.moveTo(request.id(), RequestState.AWAITING_APPROVAL, null, Actor.job(1));
    records.addJournalEntry(
        request.id(), JournalKind.WORK_NOTE, "Budget code 4711 is over", Actor.person("anna"));
    mvc.perform(
            post("/portal/requests/" + number + "/comments")
                .session(alice)
                .with(csrf())
                .param("text", "Any news?"))
        .andExpect(status().is3xxRedirection());

    final Document page = html(get("/portal/requests/" + number).session(alice));

    assertThat(page.getElementById("request-number").text()).isEqualTo(number);
    assertThat(page.select("#stage-bar li").eachText())
        .containsExactly("Submitted", "Approval", "Fulfilment", "Closed");
    assertThat(page.selectFirst("#stage-bar [aria-current=step]").text()).isEqualTo("Approval");
    assertThat(page.getElementById("state").text()).isEqualTo("Awaiting approval");
    assertThat(page.getElementById("answers").text()).contains("Model", "14 inch, light");
    assertThat(page.getElementById("timeline").text()).contains("Any news?");
    assertThat(page.text()).doesNotContain("4711");
    assertThat(page.getElementById("cancel")).isNotNull();

    final Document mine = html(get("/portal/requests?kind=request").session(alice));
    assertThat(mine.select("#requests tbody td:first-child").eachText()).contains(number);
    assertThat(mine.select("#requests tbody td:nth-child(2)").eachText()).containsOnly("Request");
    final Document incidentsOnly = html(get("/portal/requests?kind=incident").session(alice));
    assertThat(incidentsOnly.select("#requests tbody td:first-child").eachText())
        .doesNotContain(number);
  }

  @Test
  void aDoubleSubmitIsOneRequest() throws Exception {
    final String id = item(Map.of());
    final MockHttpSession alice = signIn("alice");
    final String once = UUID.randomUUID().toString();

    final String first = order(alice, id, once).getResponse().getRedirectedUrl();
    final String second = order(alice, id, once).getResponse().getRedirectedUrl();

    assertThat(second).isEqualTo(first);
    assertThat(
            records.concerning("alice", List.of(), PageRequest.of(0, 200)).stream()
                .filter(r -> r.itemProcessId().equals(id)))
        .hasSize(1);
  }

  @Test
  void aProcessThatDoesNotStartLeavesNoRequestClaimingToRun() {
    final CatalogItem missing =
        new CatalogItem(
            "no-such-process-" + UUID.randomUUID(),
            1L,
            1,
            "Ghost item",
            "Test",
            "",
            List.of(),
            "",
            null,
            0,
            List.of(),
            CatalogItem.Kind.REQUEST,
            FormSchema.parse("{\"id\": \"ghost\", \"components\": []}", "ghost.form"));

    assertThatThrownBy(() -> ordering.order(missing, "alice", null, Map.of()))
        .isInstanceOf(ProcessNotStartedException.class)
        .hasMessageContaining("did not start for REQ");

    final Request ghost =
        records.concerning("alice", List.of(), PageRequest.of(0, 200)).stream()
            .filter(r -> r.itemProcessId().equals(missing.processId()))
            .findFirst()
            .orElseThrow();
    assertThat(ghost.state()).isEqualTo(RequestState.CANCELED);
    assertThat(ghost.stage()).isEqualTo(RequestStage.CLOSED);
    assertThat(records.journal(ghost.id(), false))
        .extracting(JournalEntry::text)
        .anyMatch(text -> text.contains("could not be started"));
  }

  @Test
  void theApiOrdersWithTheFormsRulesAndOnlyForWhomTheItemIsMeant() throws Exception {
    final String id = item(Map.of());
    final String forManagers = item(Map.of("catalog.audience", "MANAGER"));

    final JsonNode created =
        body(
            mvc.perform(
                    postJson(
                            "/api/requests",
                            "{\"item\": \"%s\", \"variables\": {\"model\": \"13 inch\"}}"
                                .formatted(id))
                        .with(as("alice")))
                .andExpect(status().isCreated()));
    assertThat(created.get("number").asText()).matches("REQ\\d{7}");
    assertThat(created.get("answers").get("model").asText()).isEqualTo("13 inch");

    final JsonNode invalid =
        body(
            mvc.perform(
                    postJson(
                            "/api/requests",
                            "{\"item\": \"%s\", \"variables\": {\"reason\": \"x\"}}".formatted(id))
                        .with(as("alice")))
                .andExpect(status().isBadRequest()));
    assertThat(invalid.get("errors").get("model").asText()).contains("required");

    mvc.perform(
            postJson("/api/requests", "{\"item\": \"no-such-item\", \"variables\": {}}")
                .with(as("alice")))
        .andExpect(status().isNotFound());
    mvc.perform(
            postJson(
                    "/api/requests",
                    "{\"item\": \"%s\", \"variables\": {\"model\": \"x\"}}".formatted(forManagers))
                .with(as("alice")))
        .andExpect(status().isForbidden());
    mvc.perform(get("/api/catalog/items/" + forManagers).with(as("alice")))
        .andExpect(status().isForbidden());
    assertThat(
            body(mvc.perform(get("/api/catalog/items").with(as("alice")))).findValuesAsText("id"))
        .contains(id)
        .doesNotContain(forManagers);
    final JsonNode one = body(mvc.perform(get("/api/catalog/items/" + id).with(as("alice"))));
    assertThat(one.get("form").get("components").findValuesAsText("key")).contains("model");
  }

  @Test
  void bobCannotReadOrCancelAlicesRequestAndAFulfilledOneCannotBeCanceled() throws Exception {
    final String id = item(Map.of());
    final String number =
        body(mvc.perform(
                postJson(
                        "/api/requests",
                        "{\"item\": \"%s\", \"variables\": {\"model\": \"x\"}}".formatted(id))
                    .with(as("alice"))))
            .get("number")
            .asText();
    final Request request = records.findByNumber(number).orElseThrow();
    records.addJournalEntry(
        request.id(), JournalKind.WORK_NOTE, "Internal: vendor 4711", Actor.person("anna"));

    mvc.perform(get("/api/requests/" + number).with(as("bob"))).andExpect(status().isForbidden());
    mvc.perform(get("/portal/requests/" + number).session(signIn("bob")))
        .andExpect(status().isForbidden());
    mvc.perform(postJson("/api/requests/" + number + "/cancellation", "{}").with(as("bob")))
        .andExpect(status().isForbidden());
    final String alicesView =
        mvc.perform(get("/api/requests/" + number).with(as("alice")))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(alicesView).contains(number).doesNotContain("4711");

    records.moveTo(request.id(), RequestState.FULFILLED, null, Actor.job(77));
    final JsonNode refused =
        body(
            mvc.perform(
                    postJson("/api/requests/" + number + "/cancellation", "{}").with(as("alice")))
                .andExpect(status().isConflict()));
    assertThat(refused.get("detail").asText()).contains("FULFILLED");
  }

  @Test
  void cancelingEndsTheProcessAndASessionPostNeedsTheCsrfToken() throws Exception {
    final String id = item(Map.of());
    final MockHttpSession alice = signIn("alice");
    final String number =
        order(alice, id, UUID.randomUUID().toString())
            .getResponse()
            .getRedirectedUrl()
            .substring("/portal/requests/".length());
    final Request request = records.findByNumber(number).orElseThrow();

    mvc.perform(post("/api/requests/" + number + "/cancellation").session(alice))
        .andExpect(status().isForbidden());
    mvc.perform(
            post("/portal/requests/" + number + "/cancellation")
                .session(alice)
                .with(csrf())
                .param("reason", "Not needed"))
        .andExpect(status().is3xxRedirection());

    assertThat(records.find(request.id()).orElseThrow().state()).isEqualTo(RequestState.CANCELED);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                client
                    .newProcessInstanceGetRequest(request.processInstanceKey())
                    .send()
                    .join()
                    .getState()
                    .name()
                    .equals("TERMINATED"));
  }

  @Test
  void theItemPageOrdersForAColleagueAndNamesAnUnknownOneInlineKeepingTheInput() throws Exception {
    final String id = item(Map.of());
    final MockHttpSession alice = signIn("alice");
    final Document empty = html(get("/portal/items/" + id).session(alice));
    assertThat(empty.getElementById("requested-for").val()).isEmpty();
    assertThat(empty.getElementById("requested-for").attr("form"))
        .isEqualTo(empty.selectFirst("main form").id());

    final String forBob =
        mvc.perform(
                post("/portal/items/" + id)
                    .session(alice)
                    .with(csrf())
                    .param("_once", UUID.randomUUID().toString())
                    .param("_requestedFor", " bob ")
                    .param("model", "14 inch, light")
                    .param("reason", "For the new hire"))
            .andExpect(status().is3xxRedirection())
            .andReturn()
            .getResponse()
            .getRedirectedUrl();
    final Request ordered =
        records.findByNumber(forBob.substring("/portal/requests/".length())).orElseThrow();
    assertThat(ordered.requester()).isEqualTo("alice");
    assertThat(ordered.requestedFor()).isEqualTo("bob");

    final long before =
        records.concerning("alice", List.of(), PageRequest.of(0, 1)).getTotalElements();
    final MvcResult refused =
        mvc.perform(
                post("/portal/items/" + id)
                    .session(alice)
                    .with(csrf())
                    .param("_once", UUID.randomUUID().toString())
                    .param("_requestedFor", "nobody.here")
                    .param("model", "13 inch")
                    .param("reason", "Kept text"))
            .andExpect(status().isUnprocessableEntity())
            .andReturn();
    final Document page =
        org.jsoup.Jsoup.parse(refused.getResponse().getContentAsString(StandardCharsets.UTF_8));
    assertThat(page.getElementById("requested-for").val()).isEqualTo("nobody.here");
    assertThat(page.getElementById("requested-for").attr("aria-invalid")).isEqualTo("true");
    assertThat(page.getElementById("requested-for-error").text()).contains("nobody.here");
    assertThat(page.select("main form textarea, main form input").eachAttr("value"))
        .contains("13 inch");
    assertThat(page.text()).contains("Kept text");
    assertThat(records.concerning("alice", List.of(), PageRequest.of(0, 1)).getTotalElements())
        .isEqualTo(before);
  }
}
