package io.flowdesk.app.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.response.ProcessInstance;
import io.camunda.client.api.search.response.Variable;
import io.flowdesk.app.CatalogDeployments;
import io.flowdesk.app.WebTestSupport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The service catalog follows what is deployed: items are processes deployed over the camunda
 * client as an analyst deploys them from Modeler (the form, then the diagram), with {@code
 * catalog.*} extension properties, and show up on the portal without a restart.
 */
class ServiceCatalogTest extends WebTestSupport {

  private static final Duration WITHIN = Duration.ofSeconds(20);

  @Autowired CamundaClient client;

  @Test
  void aDeployedItemAppearsOnThePortalAndOrderingItStartsItsProcessWithTheAnswers()
      throws Exception {
    final String id = newId("laptop");
    deployForm(id);
    deployProcess(
        id,
        "New laptop",
        id,
        Map.of(
            "catalog.category", "Hardware " + id,
            "catalog.description", "A laptop for work",
            "catalog.fulfilmentTarget", "P3D",
            "catalog.keywords", "notebook, computer"));
    final MockHttpSession alice = signIn("alice");

    final Element card = awaitCard(alice, id);
    assertThat(card.selectFirst("a").text()).isEqualTo("New laptop");
    assertThat(card.selectFirst("a").attr("href")).isEqualTo("/portal/items/" + id);
    assertThat(card.text()).contains("A laptop for work", "Usually done within 3 days");

    final Document page = html(get("/portal/items/" + id).session(alice));
    final Element form = page.selectFirst("form#fd-form-" + id);
    assertThat(form.attr("action")).isEqualTo("/portal/items/" + id);
    assertThat(form.select("[name=model]")).hasSize(1);

    final MvcResult ordered =
        mvc.perform(
                post("/portal/items/" + id)
                    .session(alice)
                    .with(csrf())
                    .param("model", "14 inch, light")
                    .param("reason", "Mine is six years old"))
            .andExpect(redirectedUrlPattern("/portal/requests/REQ*"))
            .andReturn();
    assertThat((String) ordered.getFlashMap().get("flash")).contains("\"New laptop\"");
    final String number =
        ordered.getResponse().getRedirectedUrl().substring("/portal/requests/".length());

    final List<ProcessInstance> instances = instances(id);
    assertThat(instances).hasSize(1);
    assertThat(variables(instances.get(0).getProcessInstanceKey()))
        .containsEntry("model", "\"14 inch, light\"")
        .containsEntry("reason", "\"Mine is six years old\"")
        .containsEntry("requestedBy", "\"alice\"")
        .containsEntry("requester", "\"alice\"")
        .containsEntry("requestedFor", "\"alice\"")
        .containsEntry("requestNumber", "\"" + number + "\"");
    assertThat((String) ordered.getFlashMap().get("flash")).contains(number);
  }

  @Test
  void invalidAnswersAreShownInlineWithTheInputKeptAndStartNothing() throws Exception {
    final String id = newId("invalid");
    deployForm(id);
    deployProcess(id, "Docking station", id, Map.of("catalog.category", "Hardware " + id));
    final MockHttpSession alice = signIn("alice");
    awaitCard(alice, id);

    final MvcResult result =
        mvc.perform(
                post("/portal/items/" + id)
                    .session(alice)
                    .with(csrf())
                    .param("reason", "Typed before forgetting the model"))
            .andExpect(status().isUnprocessableEntity())
            .andReturn();

    final Document page =
        Jsoup.parse(result.getResponse().getContentAsString(StandardCharsets.UTF_8));
    final Element model = page.selectFirst("[name=model]");
    assertThat(model.attr("aria-invalid")).isEqualTo("true");
    assertThat(page.getElementById(model.id() + "-error").text())
        .isEqualTo("Error: Model is required.");
    assertThat(page.selectFirst("[name=reason]").wholeText())
        .isEqualTo("Typed before forgetting the model");
    assertThat(instances(id)).isEmpty();
  }

  @Test
  void anItemForManagersIsNeitherListedNorOrderableForOthers() throws Exception {
    final String id = newId("budget");
    deployForm(id);
    deployProcess(
        id,
        "Budget approval",
        id,
        Map.of("catalog.category", "Finance " + id, "catalog.audience", "MANAGER"));
    final MockHttpSession maria = signIn("manager.maria");
    awaitCard(maria, id);
    final MockHttpSession alice = signIn("alice");

    assertThat(html(get("/portal").session(alice)).getElementById("item-" + id)).isNull();
    mvc.perform(get("/portal/items/" + id).session(alice)).andExpect(status().isForbidden());
    mvc.perform(
            post("/portal/items/" + id)
                .session(alice)
                .with(csrf())
                .param("model", "any")
                .param("reason", "none"))
        .andExpect(status().isForbidden());
    assertThat(instances(id)).isEmpty();
  }

  @Test
  void anAudienceGroupAdmitsItsMembers() throws Exception {
    final String id = newId("router");
    deployForm(id);
    deployProcess(
        id,
        "Router access",
        id,
        Map.of("catalog.category", "Network " + id, "catalog.audience", "network-team"));

    awaitCard(signIn("agent.nils"), id);
    assertThat(html(get("/portal").session(signIn("agent.anna"))).getElementById("item-" + id))
        .isNull();
  }

  @Test
  void brokenItemsAreNotOfferedAndTheAdminPageSaysWhy() throws Exception {
    final String noForm = newId("no-form");
    final String badDuration = newId("bad-duration");
    final String unknownGroup = newId("unknown-group");
    final String fine = newId("fine");
    deployForm(badDuration);
    deployForm(unknownGroup);
    deployForm(fine);
    deployProcess(
        noForm, "Missing form", "never-deployed-" + noForm, Map.of("catalog.category", "Broken"));
    deployProcess(
        badDuration,
        "Bad duration",
        badDuration,
        Map.of("catalog.category", "Broken", "catalog.fulfilmentTarget", "three days"));
    deployProcess(
        unknownGroup,
        "Unknown group",
        unknownGroup,
        Map.of("catalog.category", "Broken", "catalog.audience", "AGENT, no-such-team"));
    deployProcess(fine, "Fine", fine, Map.of("catalog.category", "Broken"));
    final MockHttpSession admin = signIn("admin");

    // The good item of the same category is offered: one bad item does not break the catalog.
    awaitCard(admin, fine);
    final Document catalog = html(get("/portal").session(admin));
    assertThat(catalog.getElementById("item-" + noForm)).isNull();
    assertThat(catalog.getElementById("item-" + badDuration)).isNull();
    assertThat(catalog.getElementById("item-" + unknownGroup)).isNull();
    mvc.perform(get("/portal/items/" + noForm).session(admin)).andExpect(status().isNotFound());

    final Document adminPage = html(get("/admin/catalog").session(admin));
    assertThat(reason(adminPage, noForm))
        .isEqualTo("start form \"never-deployed-" + noForm + "\" is not deployed");
    assertThat(reason(adminPage, badDuration))
        .isEqualTo(
            "catalog.fulfilmentTarget \"three days\" is not an ISO-8601 duration such as P3D or PT4H");
    assertThat(reason(adminPage, unknownGroup))
        .isEqualTo("catalog.audience names no known role or group: no-such-team");
    assertThat(adminPage.getElementById("offered-" + fine)).isNotNull();
    assertThat(adminPage.getElementById("broken-" + fine)).isNull();
  }

  @Test
  void theAdminCatalogPageIsForAdministratorsOnly() throws Exception {
    mvc.perform(get("/admin/catalog").session(signIn("manager.maria")))
        .andExpect(status().isForbidden());
  }

  @Test
  void aNewVersionReplacesTheItemAndWithdrawingItRemovesIt() throws Exception {
    final String id = newId("phone");
    deployForm(id);
    deployProcess(id, "Mobile phone", id, Map.of("catalog.category", "Phones " + id));
    final MockHttpSession alice = signIn("alice");
    awaitCard(alice, id);

    deployProcess(id, "Smartphone", id, Map.of("catalog.category", "Phones " + id));
    await()
        .atMost(WITHIN)
        .untilAsserted(
            () -> assertThat(awaitCard(alice, id).selectFirst("a").text()).isEqualTo("Smartphone"));

    deployProcess(
        id,
        "Smartphone",
        id,
        Map.of("catalog.category", "Phones " + id, "catalog.enabled", "false"));
    await()
        .atMost(WITHIN)
        .untilAsserted(
            () ->
                assertThat(html(get("/portal").session(alice)).getElementById("item-" + id))
                    .isNull());
    final MvcResult gone =
        mvc.perform(get("/portal/items/" + id).session(alice))
            .andExpect(status().isNotFound())
            .andReturn();
    assertThat(gone.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains(id);
    // Withdrawn on purpose, not broken: nothing for an administrator to fix.
    final Document adminPage = html(get("/admin/catalog").session(signIn("admin")));
    assertThat(adminPage.getElementById("broken-" + id)).isNull();
    assertThat(adminPage.getElementById("offered-" + id)).isNull();
  }

  @Test
  void theSearchLooksAtTitleDescriptionAndKeywords() throws Exception {
    final String id = newId("headset");
    deployForm(id);
    deployProcess(
        id,
        "Headset",
        id,
        Map.of(
            "catalog.category", "Audio " + id,
            "catalog.description", "For calls in open-plan offices",
            "catalog.keywords", "noise-cancelling, bluetooth"));
    final MockHttpSession alice = signIn("alice");
    awaitCard(alice, id);

    for (final String query : List.of("headset", "OPEN-PLAN calls", "bluetooth")) {
      assertThat(html(get("/portal").param("q", query).session(alice)).getElementById("item-" + id))
          .as(query)
          .isNotNull();
    }
    final Document none = html(get("/portal").param("q", "bluetooth printer").session(alice));
    assertThat(none.getElementById("item-" + id)).isNull();
    assertThat(none.getElementById("no-results").text()).contains("bluetooth printer");
    assertThat(none.getElementById("catalog-search").val()).isEqualTo("bluetooth printer");
  }

  @Test
  void itemsAreOrderedByCatalogOrderThenTitle() throws Exception {
    final String category = "Ordered " + newId("category");
    final String zulu = newId("zulu");
    final String alpha = newId("alpha");
    final String beta = newId("beta");
    for (final String id : List.of(zulu, alpha, beta)) {
      deployForm(id);
    }
    deployProcess(beta, "Beta", beta, Map.of("catalog.category", category, "catalog.order", "2"));
    deployProcess(
        alpha, "Alpha", alpha, Map.of("catalog.category", category, "catalog.order", "2"));
    deployProcess(zulu, "Zulu", zulu, Map.of("catalog.category", category, "catalog.order", "1"));
    final MockHttpSession alice = signIn("alice");
    awaitCard(alice, zulu);
    awaitCard(alice, alpha);
    awaitCard(alice, beta);

    final Element section =
        html(get("/portal").session(alice))
            .selectFirst("section:has(h2:containsOwn(" + category + "))");
    assertThat(section.select(".fd-item-title").eachText())
        .containsExactly("Zulu", "Alpha", "Beta");
  }

  @Test
  void anUnknownItemIsNotFoundByName() throws Exception {
    final MvcResult result =
        mvc.perform(get("/portal/items/no-such-item").session(signIn("alice")))
            .andExpect(status().isNotFound())
            .andReturn();
    assertThat(
            Jsoup.parse(result.getResponse().getContentAsString(StandardCharsets.UTF_8))
                .getElementById("error-message")
                .text())
        .contains("no-such-item");
  }

  @Test
  void thePackagedSomethingElseItemIsOfferedToEveryone() throws Exception {
    final Element card = awaitCard(signIn("bob"), "something-else");
    assertThat(card.selectFirst("a").text()).isEqualTo("Something else");
  }

  private Element awaitCard(final MockHttpSession session, final String id) {
    return await("catalog item " + id)
        .atMost(WITHIN)
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> html(get("/portal").session(session)).getElementById("item-" + id),
            card -> card != null);
  }

  private static String reason(final Document adminPage, final String id) {
    final Element row = adminPage.getElementById("broken-" + id);
    assertThat(row).as("broken item " + id + " on /admin/catalog").isNotNull();
    return row.selectFirst(".fd-reason").text();
  }

  private List<ProcessInstance> instances(final String processId) {
    return client
        .newProcessInstanceSearchRequest()
        .filter(filter -> filter.processDefinitionId(processId))
        .send()
        .join()
        .items();
  }

  private Map<String, String> variables(final long processInstanceKey) {
    return client
        .newVariableSearchRequest()
        .filter(filter -> filter.processInstanceKey(processInstanceKey))
        .send()
        .join()
        .items()
        .stream()
        .collect(
            Collectors.toMap(
                Variable::getName, Variable::getValue, (a, b) -> a, LinkedHashMap::new));
  }

  private static String newId(final String what) {
    return "catalog-" + what + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private void deployForm(final String formId) {
    CatalogDeployments.deployForm(client, formId);
  }

  private void deployProcess(
      final String id,
      final String name,
      final String formId,
      final Map<String, String> properties) {
    CatalogDeployments.deployProcess(client, id, name, formId, properties);
  }
}
