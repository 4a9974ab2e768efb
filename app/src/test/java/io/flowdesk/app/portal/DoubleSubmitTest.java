package io.flowdesk.app.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.camunda.client.CamundaClient;
import io.flowdesk.app.WebTestSupport;
import io.flowdesk.domain.incident.ChangeSource;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentQuery;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.incident.Level;
import io.flowdesk.domain.incident.NewIncident;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Pageable;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** A report or comment sent twice (double click, resent form, retried call) is recorded once. */
class DoubleSubmitTest extends WebTestSupport {

  private static final String REPORT =
      """
      {"shortDescription": "Scanner offline", "description": "Since noon", "category": "hardware",
       "impact": "low", "urgency": "low"}""";

  @Autowired IncidentRecords records;
  @Autowired CamundaClient client;
  @Autowired JdbcClient jdbc;

  @BeforeEach
  void deployTheStandInProcess() {
    deployCallerWaitingStandIn(client);
  }

  private long incidents() {
    return records.search(IncidentQuery.all(), Pageable.ofSize(1)).getTotalElements();
  }

  private static MockHttpServletRequestBuilder report(
      final MockHttpSession session, final String once) {
    return post("/portal/items/incident")
        .session(session)
        .with(csrf())
        .param("_once", once)
        .param("shortDescription", "Monitor flickers")
        .param("description", "Every few seconds")
        .param("category", "hardware")
        .param("impact", "low")
        .param("urgency", "low");
  }

  @Test
  void theSameReportPagePostedTwiceRecordsOneIncident() throws Exception {
    final MockHttpSession alice = signIn("alice");
    final String once =
        html(get("/portal/items/incident").session(alice)).selectFirst("input[name=_once]").val();
    final String other =
        html(get("/portal/items/incident").session(alice)).selectFirst("input[name=_once]").val();
    assertThat(once).isNotBlank().isNotEqualTo(other);
    final long before = incidents();

    final String first =
        mvc.perform(report(alice, once)).andReturn().getResponse().getRedirectedUrl();
    final String second =
        mvc.perform(report(alice, once)).andReturn().getResponse().getRedirectedUrl();

    assertThat(first).startsWith("/portal/requests/INC");
    assertThat(second).isEqualTo(first);
    assertThat(incidents()).isEqualTo(before + 1);
    mvc.perform(report(alice, other));
    assertThat(incidents()).isEqualTo(before + 2);
  }

  @Test
  void theSameCommentFormPostedTwiceAddsOneComment() throws Exception {
    final Incident incident =
        records.report(
            new NewIncident(
                "alice", "Badge reader", "details", "hardware", null, Level.LOW, Level.LOW),
            ChangeSource.person("alice"));
    final MockHttpSession alice = signIn("alice");
    final String once =
        html(get("/portal/requests/" + incident.number()).session(alice))
            .selectFirst("form[action$=/comments] input[name=_once]")
            .val();

    for (int i = 0; i < 2; i++) {
      mvc.perform(
          post("/portal/requests/" + incident.number() + "/comments")
              .session(alice)
              .with(csrf())
              .param("_once", once)
              .param("text", "Still broken"));
    }

    assertThat(records.journal(incident.id(), true)).hasSize(1);
  }

  @Test
  void theAgentsJournalFormPostedTwiceAddsOneWorkNote() throws Exception {
    final Incident incident =
        records.report(
            new NewIncident(
                "bob", "Dock broken", "details", "hardware", null, Level.LOW, Level.LOW),
            ChangeSource.person("bob"));
    final MockHttpSession maria = signIn("manager.maria");
    final String once =
        html(get("/incidents/" + incident.number()).session(maria))
            .selectFirst("form[action$=/journal] input[name=_once]")
            .val();

    for (int i = 0; i < 2; i++) {
      mvc.perform(
          post("/incidents/" + incident.number() + "/journal")
              .session(maria)
              .with(csrf())
              .param("_once", once)
              .param("kind", "work-note")
              .param("text", "Ordered a new dock"));
    }

    assertThat(records.journal(incident.id(), true)).hasSize(1);
  }

  @Test
  void aKeyOlderThanADayNoLongerCounts() throws Exception {
    final String key = UUID.randomUUID().toString();
    jdbc.sql(
            "INSERT INTO flowdesk.idempotency_key (username, scope, key, result, created_at)"
                + " VALUES ('alice', 'report', ?, 'INC0000001', now() - interval '25 hours')")
        .param(key)
        .update();

    final MockHttpServletResponse answer = reportOverApi(key);

    assertThat(answer.getStatus()).isEqualTo(201);
    assertThat(answer.getHeader("Location")).isNotEqualTo("/api/incidents/INC0000001");
    assertThat(
            jdbc.sql(
                    "SELECT count(*) FROM flowdesk.idempotency_key WHERE created_at < now() - interval '24 hours'")
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void theApiAnswersARepeatedIdempotencyKeyWithTheFirstIncident() throws Exception {
    final String key = UUID.randomUUID().toString();
    final long before = incidents();

    final MockHttpServletResponse first = reportOverApi(key);
    final MockHttpServletResponse second = reportOverApi(key);
    final MockHttpServletResponse other = reportOverApi(UUID.randomUUID().toString());

    assertThat(first.getStatus()).isEqualTo(201);
    assertThat(second.getStatus()).isEqualTo(201);
    assertThat(second.getHeader("Location")).isEqualTo(first.getHeader("Location"));
    assertThat(other.getHeader("Location")).isNotEqualTo(first.getHeader("Location"));
    assertThat(incidents()).isEqualTo(before + 2);
    // The key is the person's own: somebody else's same key is a request of its own.
    final MockHttpServletResponse bobs =
        mvc.perform(
                post("/api/incidents")
                    .with(httpBasic("bob", DEMO_PASSWORD))
                    .header("Idempotency-Key", key)
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(REPORT))
            .andExpect(status().isCreated())
            .andReturn()
            .getResponse();
    assertThat(bobs.getHeader("Location")).isNotEqualTo(first.getHeader("Location"));
  }

  @Test
  void theApiAddsACommentOncePerIdempotencyKey() throws Exception {
    final String location = reportOverApi(null).getHeader("Location");
    final String number = location.substring(location.lastIndexOf('/') + 1);
    final String key = UUID.randomUUID().toString();

    for (int i = 0; i < 2; i++) {
      mvc.perform(
              post(location + "/comments")
                  .with(httpBasic("alice", DEMO_PASSWORD))
                  .header("Idempotency-Key", key)
                  .contentType(MediaType.APPLICATION_JSON)
                  .content("{\"text\": \"Any news?\"}"))
          .andExpect(status().isCreated());
    }

    final Incident incident = records.findByNumber(number).orElseThrow();
    assertThat(records.journal(incident.id(), true)).hasSize(1);
  }

  private MockHttpServletResponse reportOverApi(final String key) throws Exception {
    final MockHttpServletRequestBuilder request =
        post("/api/incidents")
            .with(httpBasic("alice", DEMO_PASSWORD))
            .contentType(MediaType.APPLICATION_JSON)
            .content(REPORT);
    if (key != null) {
      request.header("Idempotency-Key", key);
    }
    return mvc.perform(request).andReturn().getResponse();
  }
}
