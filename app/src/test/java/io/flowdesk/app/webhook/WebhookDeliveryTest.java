package io.flowdesk.app.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.flowdesk.app.WebTestSupport;
import io.flowdesk.domain.incident.ChangeSource;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.incident.JournalKind;
import io.flowdesk.domain.incident.Level;
import io.flowdesk.domain.incident.NewIncident;
import io.flowdesk.domain.webhook.WebhookDeliveries;
import io.flowdesk.domain.webhook.WebhookDelivery;
import io.flowdesk.domain.webhook.WebhookSubscriptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

// The job never fires by itself in tests (flowdesk.webhooks.cron): each test runs it as the job
// would.
class WebhookDeliveryTest extends WebTestSupport {

  @Autowired IncidentRecords incidents;
  @Autowired WebhookDispatch dispatch;
  @Autowired WebhookDeliveries deliveries;
  @Autowired WebhookSubscriptions subscriptions;

  private final WebhookReceiver receiver = new WebhookReceiver();
  private final List<Long> subscribed = new ArrayList<>();

  /** A subscription made on the admin page, with the secret the page showed once. */
  private record Subscribed(long id, String secret) {}

  @BeforeEach
  void receiverAnswersOk() {
    receiver.server.stubFor(
        post(urlEqualTo(receiver.path)).willReturn(aResponse().withStatus(200)));
  }

  @AfterEach
  void tearDown() {
    // Other tests share the database: a paused subscription gets nothing more.
    subscribed.forEach(id -> subscriptions.setActive(id, false));
    receiver.close();
  }

  private Subscribed subscribe(final String... eventTypes) throws Exception {
    final var request =
        asAdmin(MockMvcRequestBuilders.post("/admin/webhooks")).param("url", receiver.url());
    for (final String type : eventTypes) {
      request.param("eventTypes", type);
    }
    final MvcResult result =
        mvc.perform(request).andExpect(status().is3xxRedirection()).andReturn();
    final String location = result.getResponse().getRedirectedUrl();
    final long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    subscribed.add(id);
    return new Subscribed(id, (String) result.getFlashMap().get("secret"));
  }

  private static MockHttpServletRequestBuilder asAdmin(
      final MockHttpServletRequestBuilder request) {
    return request.with(user("admin").roles("ADMIN")).with(csrf());
  }

  private Incident report(final String summary) {
    return incidents.report(
        new NewIncident("alice", summary, null, "other", null, Level.LOW, Level.LOW),
        ChangeSource.person("alice"));
  }

  private static List<String> types(final List<LoggedRequest> requests) {
    return requests.stream().map(request -> request.getHeader("X-Flowdesk-Event")).toList();
  }

  @Test
  void anIncidentCreatedAndCommentedArrivesSignedWithTheRecordAndThePublicComment()
      throws Exception {
    final Subscribed subscription = subscribe("incident.created", "incident.commented");
    final Incident incident = report("Printer on floor 3 jams");
    incidents.addJournalEntry(
        incident.id(), JournalKind.COMMENT, "We sent a technician.", ChangeSource.person("bob"));

    dispatch.runOnce(Instant.now());

    final List<LoggedRequest> received = receiver.received();
    assertThat(types(received)).containsExactly("incident.created", "incident.commented");
    for (final LoggedRequest request : received) {
      assertThat(WebhookReceiver.signatureVerifies(request, subscription.secret()))
          .as("signature of %s", request.getHeader("X-Flowdesk-Event"))
          .isTrue();
      assertThat(request.getHeader("X-Flowdesk-Delivery")).isNotBlank();
    }
    final JsonNode created = WebhookReceiver.body(received.get(0));
    assertThat(created.at("/type").asText()).isEqualTo("incident.created");
    assertThat(created.at("/record/number").asText()).isEqualTo(incident.number());
    assertThat(created.at("/record/title").asText()).isEqualTo("Printer on floor 3 jams");
    assertThat(created.at("/data/state").asText()).isEqualTo("NEW");
    final JsonNode commented = WebhookReceiver.body(received.get(1));
    assertThat(commented.at("/data/text").asText()).isEqualTo("We sent a technician.");
    assertThat(commented.at("/actor").asText()).isEqualTo("bob");
    assertThat(deliveries.forSubscription(subscription.id(), 10))
        .extracting(WebhookDelivery::status)
        .containsOnly("DELIVERED");
  }

  @Test
  void aWorkNoteIsNeverSent() throws Exception {
    final Subscribed subscription = subscribe("incident.commented");
    final Incident incident = report("VPN drops");
    incidents.addJournalEntry(
        incident.id(),
        JournalKind.WORK_NOTE,
        "internal: the vendor owes us a patch",
        ChangeSource.person("bob"));

    dispatch.runOnce(Instant.now());

    assertThat(receiver.received()).isEmpty();
    assertThat(deliveries.forSubscription(subscription.id(), 10)).isEmpty();

    incidents.addJournalEntry(
        incident.id(), JournalKind.COMMENT, "Fixed, please retry.", ChangeSource.person("bob"));
    dispatch.runOnce(Instant.now());

    assertThat(receiver.received()).hasSize(1);
    assertThat(receiver.received().get(0).getBodyAsString())
        .contains("Fixed, please retry.")
        .doesNotContain("vendor owes us");
  }

  @Test
  void aReceiverAnswering500IsRetriedAfterTheBackOffAndThenDelivered() throws Exception {
    receiver.server.resetAll();
    receiver.server.stubFor(
        post(urlEqualTo(receiver.path))
            .inScenario("flaky")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(500).withBody("database down"))
            .willSetStateTo("recovered"));
    receiver.server.stubFor(
        post(urlEqualTo(receiver.path))
            .inScenario("flaky")
            .whenScenarioStateIs("recovered")
            .willReturn(aResponse().withStatus(200)));
    final Subscribed subscription = subscribe("incident.created");
    report("Mail is slow");
    final Instant start = Instant.now();

    dispatch.runOnce(start);
    final WebhookDelivery failed = deliveries.forSubscription(subscription.id(), 10).get(0);
    assertThat(failed.status()).isEqualTo("PENDING");
    assertThat(failed.attempts()).isEqualTo(1);
    assertThat(failed.lastError()).contains("500");

    dispatch.runOnce(start.plusSeconds(1));
    assertThat(receiver.received()).as("not again before the back-off").hasSize(1);

    dispatch.runOnce(start.plus(Duration.ofHours(1)));
    final List<LoggedRequest> received = receiver.received();
    assertThat(received).hasSize(2);
    assertThat(received.get(0).getHeader("X-Flowdesk-Delivery"))
        .isEqualTo(received.get(1).getHeader("X-Flowdesk-Delivery"))
        .isEqualTo(String.valueOf(failed.id()));
    assertThat(deliveries.find(failed.id()).orElseThrow().status()).isEqualTo("DELIVERED");
  }

  @Test
  void aReceiverThatAlwaysTimesOutMakesADeadLetterThatIsDeliveredOnceWhenReplayed()
      throws Exception {
    receiver.server.resetAll();
    receiver.server.stubFor(
        post(urlEqualTo(receiver.path))
            .willReturn(aResponse().withStatus(200).withFixedDelay(8000)));
    final Subscribed subscription = subscribe("incident.created");
    report("Badge readers offline");
    final Instant start = Instant.now();

    for (int hour = 0; hour < 4; hour++) {
      dispatch.runOnce(start.plus(Duration.ofHours(hour)));
    }

    final WebhookDelivery dead = deliveries.forSubscription(subscription.id(), 10).get(0);
    assertThat(dead.status()).isEqualTo("DEAD");
    assertThat(dead.attempts()).isEqualTo(3);
    assertThat(dead.lastError()).contains("no answer within");
    assertThat(receiver.received()).hasSize(3);

    // The receiver is fixed; the admin replays the dead letter.
    receiver.server.resetAll();
    receiver.server.stubFor(
        post(urlEqualTo(receiver.path)).willReturn(aResponse().withStatus(204)));
    mvc.perform(
            asAdmin(
                MockMvcRequestBuilders.post("/admin/webhooks/deliveries/" + dead.id() + "/replay")))
        .andExpect(redirectedUrl("/admin/webhooks"));
    dispatch.runOnce(Instant.now());
    dispatch.runOnce(Instant.now().plus(Duration.ofDays(1)));

    assertThat(receiver.received()).hasSize(1);
    assertThat(receiver.received().get(0).getHeader("X-Flowdesk-Delivery"))
        .isEqualTo(String.valueOf(dead.id()));
    assertThat(deliveries.find(dead.id()).orElseThrow().status()).isEqualTo("DELIVERED");
  }

  @Test
  void theTestButtonSendsASignedTestEvent() throws Exception {
    final Subscribed subscription = subscribe("incident.resolved");

    mvc.perform(
            asAdmin(MockMvcRequestBuilders.post("/admin/webhooks/" + subscription.id() + "/test")))
        .andExpect(redirectedUrl("/admin/webhooks/" + subscription.id()));
    dispatch.runOnce(Instant.now());

    assertThat(deliveries.forSubscription(subscription.id(), 10))
        .extracting(WebhookDelivery::eventType, WebhookDelivery::status, WebhookDelivery::lastError)
        .containsExactly(tuple("webhook.test", "DELIVERED", null));
    assertThat(types(receiver.received())).containsExactly("webhook.test");
    assertThat(WebhookReceiver.signatureVerifies(receiver.received().get(0), subscription.secret()))
        .isTrue();
  }
}
