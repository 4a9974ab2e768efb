package io.flowdesk.app.apitoken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowdesk.app.TestClock;
import io.flowdesk.app.WebTestSupport;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.Role;
import io.flowdesk.domain.incident.ChangeSource;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.incident.Level;
import io.flowdesk.domain.incident.NewIncident;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Personal API tokens end to end: created on the account page, used as {@code Bearer} on {@code
 * /api/**} through the real filter chain, refused (naming why) when expired, revoked, unknown, out
 * of scope, over their rate or when their owner is disabled.
 */
class PersonalTokenTest extends WebTestSupport {

  @Autowired TestClock clock;
  @Autowired JdbcClient jdbc;
  @Autowired IncidentRecords records;
  @Autowired Directory directory;
  @Autowired PasswordEncoder passwords;
  @Autowired ObjectMapper json;

  @AfterEach
  void realTime() {
    clock.reset();
  }

  /** Creates a token on the account page and answers its text, read from the one-time display. */
  private String createToken(
      final MockHttpSession session, final String name, final String days, final String... scopes)
      throws Exception {
    final Document page =
        html(
            post("/account/tokens")
                .session(session)
                .with(csrf())
                .param("name", name)
                .param("days", days)
                .param("scope", scopes));
    final String token = page.select("#issued-token").attr("value");
    assertThat(token).as("the token shown once").startsWith("fdp_");
    return token;
  }

  private static RequestPostProcessor bearer(final String token) {
    return request -> {
      request.addHeader("Authorization", "Bearer " + token);
      return request;
    };
  }

  private MockHttpServletResponse listWith(final String token) throws Exception {
    return mvc.perform(get("/api/incidents?size=200").with(bearer(token)))
        .andReturn()
        .getResponse();
  }

  private Incident reportedBy(final String caller) {
    return records.report(
        new NewIncident(caller, "Printer jams", null, "hardware", null, Level.LOW, Level.LOW),
        ChangeSource.person(caller));
  }

  private static MockHttpServletRequestBuilder comment(final String number) {
    return post("/api/incidents/" + number + "/comments")
        .contentType(MediaType.APPLICATION_JSON)
        .content("{\"text\": \"Still jammed\"}");
  }

  private JsonNode body(final MockHttpServletResponse response) throws Exception {
    return json.readTree(response.getContentAsString(StandardCharsets.UTF_8));
  }

  private String newPerson() {
    final String username = "token." + UUID.randomUUID().toString().substring(0, 8);
    directory.addPerson(
        username,
        "Token user",
        username + "@example.com",
        Set.of(Role.END_USER),
        passwords.encode(DEMO_PASSWORD));
    return username;
  }

  @Test
  void aTokenCreatedOnThePageIsShownOnceAndReadsOnlyItsOwnersIncidentsWithoutASession()
      throws Exception {
    final Incident alices = reportedBy("alice");
    final Incident bobs = reportedBy("bob");
    final MockHttpSession alice = signIn("alice");

    final String token = createToken(alice, "nightly report", "90", "read");

    final String list =
        mvc.perform(get("/account/tokens").session(alice))
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    final String id = token.substring(4, 20);
    assertThat(list).contains("nightly report", id).doesNotContain(token.substring(21));
    final MvcResult call =
        mvc.perform(get("/api/incidents?size=200").with(bearer(token)))
            .andExpect(status().isOk())
            .andReturn();
    assertThat(call.getRequest().getSession(false)).as("no session for a token call").isNull();
    final JsonNode items = body(call.getResponse()).get("items");
    assertThat(items.findValuesAsText("caller")).containsOnly("alice");
    assertThat(items.findValuesAsText("number"))
        .contains(alices.number())
        .doesNotContain(bobs.number());
    // Only the API takes tokens: a token cannot open pages, e.g. to make more tokens.
    mvc.perform(get("/account/tokens").with(bearer(token)))
        .andExpect(redirectedUrl("http://localhost/login"));
  }

  @Test
  void aReadTokenCannotWriteAndAWriteTokenNeedsNoCsrfToken() throws Exception {
    final Incident alices = reportedBy("alice");
    final MockHttpSession alice = signIn("alice");
    final String reader = createToken(alice, "reader", "30", "read");
    final String writer = createToken(alice, "writer", "30", "read", "write");

    mvc.perform(comment(alices.number()).with(bearer(reader)))
        .andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.detail").value("This token lacks the scope 'write'."));
    mvc.perform(comment(alices.number()).with(bearer(writer))).andExpect(status().isCreated());
  }

  @Test
  void aBearerHeaderThatIsNoValidTokenDoesNotExemptASessionFromCsrf() throws Exception {
    final Incident alices = reportedBy("alice");
    final MockHttpSession alice = signIn("alice");

    mvc.perform(comment(alices.number()).session(alice).with(bearer("junk")))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.detail").value("Refused: unknown token."));
    assertThat(records.journal(alices.id(), true)).isEmpty();
  }

  @Test
  void anExpiredTokenIsRefusedNamingWhy() throws Exception {
    final String token = createToken(signIn("alice"), "short-lived", "1", "read");
    assertThat(listWith(token).getStatus()).isEqualTo(200);

    clock.advance(Duration.ofDays(1).plusSeconds(1));

    final MockHttpServletResponse refused = listWith(token);
    assertThat(refused.getStatus()).isEqualTo(401);
    assertThat(refused.getContentType()).startsWith("application/problem+json");
    assertThat(body(refused).get("detail").asText()).isEqualTo("Refused: token expired.");
  }

  @Test
  void aRevokedUnknownOrAlteredTokenIsRefusedNamingWhy() throws Exception {
    final MockHttpSession alice = signIn("alice");
    final String token = createToken(alice, "to revoke", "90", "read");
    final String id = token.substring(4, 20);

    mvc.perform(post("/account/tokens/" + id + "/revoke").session(alice).with(csrf()))
        .andExpect(redirectedUrl("/account/tokens"));

    assertThat(body(listWith(token)).get("detail").asText()).isEqualTo("Refused: token revoked.");
    final String altered = token.substring(0, token.length() - 2) + "xx";
    assertThat(body(listWith(altered)).get("detail").asText()).isEqualTo("Refused: unknown token.");
    final MockHttpServletResponse unknown = listWith("fdp_0000000000000000_" + "A".repeat(43));
    assertThat(unknown.getStatus()).isEqualTo(401);
    assertThat(body(unknown).get("detail").asText()).isEqualTo("Refused: unknown token.");
    assertThat(
            html(get("/account/tokens").session(alice))
                .select("tr[data-token-id=" + id + "] .fd-token-status")
                .text())
        .isEqualTo("revoked");
  }

  @Test
  void aDisabledPersonsTokenIsRefused() throws Exception {
    final String username = newPerson();
    final String token = createToken(signIn(username), "script", "90", "read");
    assertThat(listWith(token).getStatus()).isEqualTo(200);

    directory.setEnabled(username, false);

    final MockHttpServletResponse refused = listWith(token);
    assertThat(refused.getStatus()).isEqualTo(401);
    assertThat(body(refused).get("detail").asText()).isEqualTo("Refused: token owner disabled.");
  }

  @Test
  void onlyTheOwnerWithACsrfTokenOrAnAdminCanRevoke() throws Exception {
    final MockHttpSession alice = signIn("alice");
    final String token = createToken(alice, "mine", "90", "read");
    final String revoke = "/account/tokens/" + token.substring(4, 20) + "/revoke";

    mvc.perform(post(revoke).session(signIn("bob")).with(csrf())).andExpect(status().isNotFound());
    mvc.perform(post(revoke).session(alice)).andExpect(status().isForbidden());
    assertThat(listWith(token).getStatus()).isEqualTo(200);
    mvc.perform(get("/admin/tokens").session(alice)).andExpect(status().isForbidden());
    mvc.perform(
            post("/admin/tokens/" + token.substring(4, 20) + "/revoke").session(alice).with(csrf()))
        .andExpect(status().isForbidden());
    assertThat(listWith(token).getStatus()).isEqualTo(200);

    final MockHttpSession admin = signIn("admin");
    assertThat(html(get("/admin/tokens").session(admin)).select("#tokens").text())
        .contains("alice", "mine");
    mvc.perform(
            post("/admin/tokens/" + token.substring(4, 20) + "/revoke").session(admin).with(csrf()))
        .andExpect(redirectedUrl("/admin/tokens"));
    assertThat(body(listWith(token)).get("detail").asText()).isEqualTo("Refused: token revoked.");
  }

  @Test
  void callsOverTheTokensRateAreAnswered429WithRetryAfter() throws Exception {
    final String token = createToken(signIn("alice"), "busy", "90", "read");
    clock.stop();

    for (int call = 0; call < 40; call++) {
      assertThat(listWith(token).getStatus()).as("call %d of the burst", call).isEqualTo(200);
    }
    mvc.perform(get("/api/incidents").with(bearer(token)))
        .andExpect(status().isTooManyRequests())
        .andExpect(header().string("Retry-After", "1"))
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    clock.advance(Duration.ofMillis(50));
    assertThat(listWith(token).getStatus()).isEqualTo(200);
  }

  @Test
  void lastUseIsWrittenAtMostOnceAMinute() throws Exception {
    final String token = createToken(signIn("alice"), "used", "90", "read");
    final String id = token.substring(4, 20);
    clock.stop();
    listWith(token);
    final Object first = lastUsed(id);
    assertThat(first).isNotNull();

    clock.advance(Duration.ofSeconds(30));
    listWith(token);
    assertThat(lastUsed(id)).isEqualTo(first);

    clock.advance(Duration.ofSeconds(31));
    listWith(token);
    assertThat(lastUsed(id)).isNotEqualTo(first);
  }

  private Object lastUsed(final String id) {
    return jdbc.sql("SELECT last_used_at FROM flowdesk.personal_api_token WHERE id = :id")
        .param("id", id)
        .query(java.time.OffsetDateTime.class)
        .single();
  }

  @Test
  void theDatabaseHoldsOnlyADigestOfTheSecret() throws Exception {
    final String token = createToken(signIn("alice"), "stored", "90", "read", "write");
    final String id = token.substring(4, 20);
    final String secret = token.substring(21);

    final String row =
        jdbc.sql("SELECT t::text FROM flowdesk.personal_api_token t WHERE id = :id")
            .param("id", id)
            .query(String.class)
            .single();
    final byte[] stored =
        jdbc.sql("SELECT secret_hash FROM flowdesk.personal_api_token WHERE id = :id")
            .param("id", id)
            .query(byte[].class)
            .single();

    assertThat(row).contains("alice", "stored", "read write").doesNotContain(secret);
    assertThat(stored)
        .isEqualTo(
            MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aBadCreateRequestIsRefusedNamingTheProblemAndStoresNothing() throws Exception {
    final String username = newPerson();
    final MockHttpSession session = signIn(username);

    final List<Document> pages =
        List.of(
            html(
                post("/account/tokens")
                    .session(session)
                    .with(csrf())
                    .param("name", "x")
                    .param("days", "366")
                    .param("scope", "read")),
            html(
                post("/account/tokens")
                    .session(session)
                    .with(csrf())
                    .param("name", "x")
                    .param("days", "30")),
            html(
                post("/account/tokens")
                    .session(session)
                    .with(csrf())
                    .param("name", " ")
                    .param("days", "30")
                    .param("scope", "read")),
            html(
                post("/account/tokens")
                    .session(session)
                    .with(csrf())
                    .param("name", "x")
                    .param("days", "30")
                    .param("scope", "admin")));

    assertThat(pages)
        .extracting(page -> page.select("#error").text())
        .containsExactly(
            "Expires after: give a whole number of days from 1 to 365, not '366'.",
            "Choose at least one scope (read, write).",
            "Give the token a name of 1 to 100 characters.",
            "There is no scope 'admin'.");
    assertThat(pages).allSatisfy(page -> assertThat(page.select("#issued-token")).isEmpty());
    assertThat(
            jdbc.sql("SELECT count(*) FROM flowdesk.personal_api_token WHERE owner = :owner")
                .param("owner", username)
                .query(Integer.class)
                .single())
        .isZero();
  }

  @Test
  void basicAuthenticationStillWorksBesideTokens() throws Exception {
    mvc.perform(get("/api/incidents").with(httpBasic("alice", DEMO_PASSWORD)).with(freshAddress()))
        .andExpect(status().isOk());
  }
}
