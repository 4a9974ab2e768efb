package io.flowdesk.app.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import io.flowdesk.app.TestClock;
import io.flowdesk.app.WebTestSupport;
import io.flowdesk.app.apitoken.PersonalTokens;
import io.flowdesk.app.apitoken.TokenScope;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The admin audit trail through its public faces: actions on the admin pages land in it in their
 * transaction, admins read, filter and export it, nobody else can, and the database itself refuses
 * to rewrite it.
 */
class AdminAuditTrailTest extends WebTestSupport {

  @Autowired ApplicationEventPublisher events;
  @Autowired TransactionOperations transactions;
  @Autowired JdbcClient jdbc;
  @Autowired PersonalTokens tokens;
  @Autowired TestClock clock;
  @Autowired ObjectMapper json;

  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @AfterEach
  void realTime() {
    clock.reset();
  }

  private static RequestPostProcessor admin() {
    return httpBasic("admin", DEMO_PASSWORD);
  }

  private MockHttpSession adminSession;

  private MockHttpSession adminSession() throws Exception {
    if (adminSession == null) {
      adminSession = signIn("admin");
    }
    return adminSession;
  }

  private JsonNode api(final String query) throws Exception {
    return json.readTree(
        mvc.perform(get("/api/admin/audit?" + query).with(admin()))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8));
  }

  private void publish(final String actor, final String action, final String target) {
    transactions.executeWithoutResult(
        status ->
            events.publishEvent(
                new AdminAction(actor, action, target, Map.of(), Map.of("n", target))));
  }

  @Test
  void aSecretSavedOnItsPageIsRecordedWithWhereItMayGoButNeverItsValue() throws Exception {
    final MockHttpSession session = signIn("admin");
    final String name = "audit-" + run;

    mvc.perform(
            post("/admin/secrets")
                .session(session)
                .with(csrf())
                .param("name", name)
                .param("value", "v3ry-s3cret-" + run)
                .param("connectors", "http")
                .param("destinations", "https://api.example.com"))
        .andExpect(status().is3xxRedirection());
    mvc.perform(post("/admin/secrets/delete").session(session).with(csrf()).param("name", name))
        .andExpect(status().is3xxRedirection());

    final JsonNode entries = api("target=secret:" + name).get("entries");
    assertThat(entries).hasSize(2);
    assertThat(entries.get(0).get("action").asText()).isEqualTo("secret.deleted");
    assertThat(entries.get(1).get("action").asText()).isEqualTo("secret.saved");
    assertThat(entries.get(1).get("actor").asText()).isEqualTo("admin");
    assertThat(entries.get(1).at("/after/connectors/0").asText()).isEqualTo("http");
    assertThat(entries.get(1).at("/after/destinations/0").asText())
        .isEqualTo("https://api.example.com");
    assertThat(entries.get(0).at("/before/connectors/0").asText()).isEqualTo("http");
    assertThat(entries.toString()).doesNotContain("v3ry-s3cret-" + run);
  }

  @Test
  void anAdminRevokingSomeonesTokenIsRecorded() throws Exception {
    final String id =
        tokens
            .issue("bob", "script " + run, Set.of(TokenScope.READ), Duration.ofDays(1))
            .token()
            .id();

    mvc.perform(post("/admin/tokens/" + id + "/revoke").session(signIn("admin")).with(csrf()))
        .andExpect(status().is3xxRedirection());

    final JsonNode entry = api("target=token:" + id).get("entries").get(0);
    assertThat(entry.get("action").asText()).isEqualTo("token.revoked");
    assertThat(entry.get("actor").asText()).isEqualTo("admin");
    assertThat(entry.at("/before/owner").asText()).isEqualTo("bob");
    assertThat(entry.at("/after/revoked").asBoolean()).isTrue();
  }

  @Test
  void anActionRolledBackLeavesNoEntryAndCredentialsNeverReachTheTrail() {
    final String target = "user:rolled-back-" + run;
    assertThatThrownBy(
            () ->
                transactions.executeWithoutResult(
                    status -> {
                      events.publishEvent(
                          new AdminAction("admin", "user.created", target, Map.of(), Map.of()));
                      throw new IllegalStateException("the action failed");
                    }))
        .hasMessage("the action failed");
    transactions.executeWithoutResult(
        status ->
            events.publishEvent(
                new AdminAction(
                    "admin",
                    "user.updated",
                    "user:kept-" + run,
                    Map.of("passwordHash", "$2a$04$abc", "email", "old@example.com"),
                    Map.of(
                        "email",
                        "new@example.com",
                        "profile",
                        Map.of("apiToken", "fdp_x", "phone", "+4912345")))));

    assertThat(count("target = '" + target + "'")).isZero();
    final String stored =
        jdbc.sql("SELECT before::text || after::text FROM flowdesk.admin_audit WHERE target = :t")
            .param("t", "user:kept-" + run)
            .query(String.class)
            .single();
    assertThat(stored)
        .contains("old@example.com", "new@example.com", "+4912345")
        .doesNotContain("passwordHash", "$2a$04$abc", "apiToken", "fdp_x");
  }

  @Test
  void nonAdminsGetNeitherThePageNorTheExportNorTheApi() throws Exception {
    final MockHttpSession agent = signIn("agent.anna");

    mvc.perform(get("/admin/audit").session(agent)).andExpect(status().isForbidden());
    mvc.perform(get("/admin/audit/export?format=csv").session(agent))
        .andExpect(status().isForbidden());
    mvc.perform(get("/admin/audit/export?format=json").session(signIn("alice")))
        .andExpect(status().isForbidden());
    mvc.perform(get("/api/admin/audit").with(httpBasic("manager.maria", DEMO_PASSWORD)))
        .andExpect(status().isForbidden())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.detail").value("Only administrators may use the admin API."));
    mvc.perform(get("/api/admin/audit").session(agent)).andExpect(status().isForbidden());
  }

  @Test
  void filtersByActorActionTargetAndTimeAndPagesNewestFirst() throws Exception {
    clock.stop();
    final Instant start = clock.instant();
    publish("actor-" + run, "thing.created", "thing:a-" + run);
    clock.advance(Duration.ofHours(1));
    publish("actor-" + run, "thing.deleted", "thing:b-" + run);
    clock.advance(Duration.ofHours(1));
    publish("other-" + run, "thing.created", "thing:c-" + run);

    assertThat(targets(api("actor=actor-" + run)))
        .containsExactly("thing:b-" + run, "thing:a-" + run);
    assertThat(targets(api("actor=actor-" + run + "&action=thing.created")))
        .containsExactly("thing:a-" + run);
    assertThat(targets(api("target=thing:c-" + run))).containsExactly("thing:c-" + run);
    final String from = start.plus(Duration.ofMinutes(30)).toString();
    final String to = start.plus(Duration.ofMinutes(90)).toString();
    assertThat(targets(api("from=" + from + "&to=" + to + "&action=thing.deleted")))
        .containsExactly("thing:b-" + run);
    final JsonNode first = api("actor=actor-" + run + "&size=1");
    assertThat(targets(first)).containsExactly("thing:b-" + run);
    assertThat(first.get("hasNext").asBoolean()).isTrue();
    assertThat(targets(api("actor=actor-" + run + "&size=1&page=1")))
        .containsExactly("thing:a-" + run);

    final Document page = html(get("/admin/audit?actor=actor-" + run).session(adminSession()));
    assertThat(page.select("#entries .fd-audit-target").eachText())
        .containsExactly("thing:b-" + run, "thing:a-" + run);
  }

  @Test
  void badFiltersAreRefusedNamingThem() throws Exception {
    mvc.perform(get("/api/admin/audit?from=yesterday").with(admin()))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.detail").value(Matchers.startsWith("'from' is not a time")));
    mvc.perform(get("/api/admin/audit?size=500").with(admin()))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value("'500' is not a page size (1 to 200)."));
    mvc.perform(get("/api/admin/audit?from=2026-02-01&to=2026-01-01").with(admin()))
        .andExpect(status().isBadRequest());
    final Document page = html(get("/admin/audit?page=-1").session(adminSession()));
    assertThat(page.getElementById("error").text()).contains("'-1' is not a page number");
  }

  @Test
  void theFilteredEntriesExportAsCsvSafeForSpreadsheetsAndAsJson() throws Exception {
    publish("exporter-" + run, "thing.created", "=HYPERLINK(\"http://evil\")");
    publish("exporter-" + run, "thing.created", "thing:\"quoted\"," + run);
    publish("someone-else-" + run, "thing.created", "thing:not-exported");

    final var csv =
        mvc.perform(
                get("/admin/audit/export?format=csv&actor=exporter-" + run).session(adminSession()))
            .andExpect(status().isOk())
            .andExpect(content().contentTypeCompatibleWith("text/csv"))
            .andExpect(
                header()
                    .string(
                        "Content-Disposition",
                        Matchers.matchesPattern(
                            "attachment; filename=\"flowdesk-admin-audit-\\d{8}-\\d{6}\\.csv\"")))
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    final List<String> lines = csv.lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0))
        .isEqualTo("\"id\",\"at\",\"actor\",\"action\",\"target\",\"before\",\"after\"");
    assertThat(lines.get(1)).contains("\"thing:\"\"quoted\"\"," + run + "\"");
    assertThat(lines.get(2)).contains(",\"'=HYPERLINK(\"\"http://evil\"\")\",");
    assertThat(csv).doesNotContain("not-exported");

    final JsonNode exported =
        json.readTree(
            mvc.perform(
                    get("/admin/audit/export?format=json&actor=exporter-" + run)
                        .session(adminSession()))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(header().string("Content-Disposition", Matchers.endsWith(".json\"")))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
    assertThat(exported).hasSize(2);
    assertThat(exported.get(1).get("target").asText()).isEqualTo("=HYPERLINK(\"http://evil\")");
    assertThat(exported.get(0).at("/after/n").asText()).isEqualTo("thing:\"quoted\"," + run);

    mvc.perform(get("/admin/audit/export?format=xml").session(adminSession()))
        .andExpect(status().isBadRequest());
  }

  @Test
  void theDatabaseRefusesToRewriteOrEraseTheTrail() {
    publish("admin", "thing.created", "thing:evidence-" + run);
    final String where = "target = 'thing:evidence-" + run + "'";

    assertThatThrownBy(
            () ->
                jdbc.sql("UPDATE flowdesk.admin_audit SET actor = 'nobody' WHERE " + where)
                    .update())
        .isInstanceOf(DataAccessException.class)
        .hasMessageContaining("append-only: UPDATE is not allowed");
    assertThatThrownBy(() -> jdbc.sql("DELETE FROM flowdesk.admin_audit WHERE " + where).update())
        .isInstanceOf(DataAccessException.class)
        .hasMessageContaining("append-only: DELETE is not allowed");
    assertThatThrownBy(() -> jdbc.sql("TRUNCATE flowdesk.admin_audit").update())
        .isInstanceOf(DataAccessException.class)
        .hasMessageContaining("append-only: TRUNCATE is not allowed");
    // The erasure's exception is a flag in its own transaction only; set in another it is gone.
    assertThatThrownBy(
            () ->
                transactions.executeWithoutResult(
                    status -> {
                      jdbc.sql(
                              "SELECT set_config('flowdesk.admin_audit_pseudonymising', 'x',"
                                  + " true)")
                          .query(String.class)
                          .single();
                      jdbc.sql("DELETE FROM flowdesk.admin_audit WHERE " + where).update();
                    }))
        .isInstanceOf(DataAccessException.class)
        .hasMessageContaining("append-only: DELETE is not allowed");
    assertThat(count(where + " AND actor = 'admin'")).isOne();
  }

  private int count(final String where) {
    return jdbc.sql("SELECT count(*) FROM flowdesk.admin_audit WHERE " + where)
        .query(Integer.class)
        .single();
  }

  private static List<String> targets(final JsonNode page) {
    return page.get("entries").findValuesAsText("target");
  }
}
