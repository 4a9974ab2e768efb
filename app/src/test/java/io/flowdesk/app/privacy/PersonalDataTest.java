package io.flowdesk.app.privacy;

import static org.assertj.core.api.Assertions.assertThat;
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
import io.flowdesk.app.Browser;
import io.flowdesk.app.WebTestSupport;
import io.flowdesk.app.apitoken.PersonalTokens;
import io.flowdesk.app.apitoken.TokenScope;
import io.flowdesk.app.audit.AdminAction;
import io.flowdesk.app.mfa.Base32;
import io.flowdesk.app.mfa.SecondFactors;
import io.flowdesk.app.mfa.Totp;
import io.flowdesk.app.users.PasswordLinks;
import io.flowdesk.domain.approval.Approval;
import io.flowdesk.domain.approval.ApprovalAction;
import io.flowdesk.domain.approval.ApprovalMode;
import io.flowdesk.domain.approval.ApprovalStep;
import io.flowdesk.domain.approval.Approvals;
import io.flowdesk.domain.approval.NewApproval;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.Person;
import io.flowdesk.domain.directory.Role;
import io.flowdesk.domain.record.Actor;
import io.flowdesk.domain.record.AuditEntry;
import io.flowdesk.domain.record.JournalEntry;
import io.flowdesk.domain.record.JournalKind;
import io.flowdesk.domain.request.NewRequest;
import io.flowdesk.domain.request.Request;
import io.flowdesk.domain.request.RequestRecords;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.support.TransactionOperations;

/**
 * GDPR through HTTP: an admin exports everything about one person (and nothing about others), and
 * erases a person so that their name and email are gone from every view while the records keep
 * their numbers, states and timelines and the audit trail its facts.
 */
class PersonalDataTest extends WebTestSupport {

  @Autowired CamundaClient client;
  @Autowired Directory directory;
  @Autowired PasswordEncoder passwords;
  @Autowired PersonalTokens tokens;
  @Autowired ApplicationEventPublisher events;
  @Autowired TransactionOperations transactions;
  @Autowired ObjectMapper json;
  @Autowired SecondFactors secondFactors;
  @Autowired PasswordLinks passwordLinks;
  @Autowired JdbcClient jdbc;
  @Autowired io.flowdesk.app.change.calendar.CalendarFeeds calendarFeeds;
  @Autowired Clock clock;
  @Autowired RequestRecords requests;
  @Autowired Approvals approvals;

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final String greta = "greta-" + run;
  private final String gretaName = "Greta Gdpr" + run;
  private final String gretaMail = "greta." + run + "@example.com";
  private final String otto = "otto-" + run;
  private final String ottoMail = "otto." + run + "@example.com";

  @BeforeEach
  void twoPeople() {
    deployCallerWaitingStandIn(client);
    add(greta, gretaName, gretaMail);
    add(otto, "Otto Other" + run, ottoMail);
  }

  /** As the user administration (built elsewhere) adds people: in a transaction, audited. */
  private void add(final String username, final String name, final String email) {
    transactions.executeWithoutResult(
        status -> {
          directory.addPerson(
              username, name, email, Set.of(Role.END_USER), passwords.encode(DEMO_PASSWORD));
          events.publishEvent(
              new AdminAction(
                  "admin",
                  "user.created",
                  "user:" + username,
                  Map.of(),
                  Map.of("displayName", name, "email", email, "username", username)));
        });
  }

  private static RequestPostProcessor as(final String username) {
    return httpBasic(username, DEMO_PASSWORD);
  }

  private JsonNode body(final ResultActions result) throws Exception {
    return json.readTree(
        result.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
  }

  private String report(final String username, final String description) throws Exception {
    return body(mvc.perform(
                post("/api/incidents")
                    .with(as(username))
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(
                        json.writeValueAsString(
                            Map.of(
                                "shortDescription",
                                "Printer jam " + run,
                                "description",
                                description,
                                "impact",
                                "low",
                                "urgency",
                                "low"))))
            .andExpect(status().isCreated()))
        .get("number")
        .asText();
  }

  private void comment(final String username, final String number, final String text)
      throws Exception {
    mvc.perform(
            post("/api/incidents/" + number + "/comments")
                .with(as(username))
                .contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(Map.of("text", text))))
        .andExpect(status().is2xxSuccessful());
  }

  @Test
  void theExportHoldsEverythingAboutThePersonAndNothingAboutOthers() throws Exception {
    final String hers = report(greta, "Call me back at " + gretaMail);
    comment(greta, hers, "Still jammed, " + run);
    final String his = report(otto, "Mail " + ottoMail);
    final PersonalTokens.Issued token =
        tokens.issue(greta, "backup script", Set.of(TokenScope.READ), Duration.ofDays(7));

    final JsonNode export =
        body(
            mvc.perform(get("/api/admin/people/" + greta + "/export").with(as("admin")))
                .andExpect(status().isOk()));

    assertThat(export.at("/profile/email").asText()).isEqualTo(gretaMail);
    assertThat(export.at("/profile/displayName").asText()).isEqualTo(gretaName);
    assertThat(export.get("roles").toString()).contains("END_USER");
    assertThat(export.get("incidents").findValuesAsText("number")).containsExactly(hers);
    assertThat(export.at("/incidents/0/relation/0").asText()).isEqualTo("caller");
    assertThat(export.get("journalEntries").findValuesAsText("text"))
        .containsExactly("Still jammed, " + run);
    assertThat(export.get("apiTokens").findValuesAsText("name")).containsExactly("backup script");
    assertThat(export.get("adminAudit").findValuesAsText("target"))
        .containsExactly("user:" + greta);
    assertThat(export.toString())
        .doesNotContain(his, ottoMail, otto, token.text())
        .doesNotContain("secret_hash", "password");

    // The same from the admin page: a post, confirmed, as a JSON download.
    final MockHttpSession admin = signIn("admin");
    final Document unconfirmed =
        html(post("/admin/people/" + greta + "/export").session(admin).with(csrf()));
    assertThat(unconfirmed.getElementById("export-error").text()).contains("Tick the box");
    final String download =
        mvc.perform(
                post("/admin/people/" + greta + "/export")
                    .session(admin)
                    .with(csrf())
                    .param("confirm", "yes"))
            .andExpect(status().isOk())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
            .andExpect(
                header()
                    .string(
                        "Content-Disposition",
                        "attachment; filename=\"flowdesk-personal-data-" + greta + ".json\""))
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(json.readTree(download).get("incidents").findValuesAsText("number"))
        .containsExactly(hers);
    mvc.perform(post("/admin/people/" + greta + "/export").session(admin).param("confirm", "yes"))
        .andExpect(status().isForbidden());
  }

  @Test
  void onlyAdminsMayExportOrErase() throws Exception {
    mvc.perform(get("/api/admin/people/" + greta + "/export").with(as(otto)))
        .andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    mvc.perform(get("/api/admin/people/" + greta + "/export").with(as("agent.anna")))
        .andExpect(status().isForbidden());
    mvc.perform(
            post("/api/admin/people/" + greta + "/erasure")
                .with(as("manager.maria"))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"confirm\": \"" + greta + "\"}"))
        .andExpect(status().isForbidden());
    final MockHttpSession caller = signIn(otto);
    mvc.perform(get("/admin/people/" + greta + "/privacy").session(caller))
        .andExpect(status().isForbidden());
    mvc.perform(
            post("/admin/people/" + greta + "/export")
                .session(caller)
                .with(csrf())
                .param("confirm", "yes"))
        .andExpect(status().isForbidden());
    mvc.perform(
            post("/admin/people/" + greta + "/erasure")
                .session(caller)
                .with(csrf())
                .param("confirm", greta))
        .andExpect(status().isForbidden());
    mvc.perform(get("/api/admin/people/nobody-" + run + "/export").with(as("admin")))
        .andExpect(status().isNotFound())
        .andExpect(
            jsonPath("$.detail").value("There is nobody with the username 'nobody-" + run + "'."));

    assertThat(directory.person(greta).orElseThrow().enabled()).isTrue();
  }

  @Test
  void erasureRemovesNameAndEmailEverywhereWhileRecordsAndTrailKeepTheirFacts() throws Exception {
    final String hers = report(greta, "Call " + gretaName + " at " + gretaMail.toUpperCase());
    comment(greta, hers, "Reach me at " + gretaMail + " please");
    final String his = report(otto, "Mail " + ottoMail);
    final JsonNode before = incident(hers);
    final int journal = count("/api/incidents/" + hers + "/journal");
    final int trail = count("/api/incidents/" + hers + "/audit-trail");
    final PersonalTokens.Issued token =
        tokens.issue(greta, "script", Set.of(TokenScope.READ), Duration.ofDays(7));
    final String feed = calendarFeeds.generate(greta);
    final Browser browser = new Browser();
    final String base =
        "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
    browser.signIn(base, greta, DEMO_PASSWORD);
    assertThat(browser.get(base + "/portal").statusCode()).isEqualTo(200);

    final MockHttpSession admin = signIn("admin");
    final Document refused =
        html(
            post("/admin/people/" + greta + "/erasure")
                .session(admin)
                .with(csrf())
                .param("confirm", "greta"));
    assertThat(refused.getElementById("erasure-error").text())
        .isEqualTo("Type the username '" + greta + "' to confirm the erasure.");
    assertThat(directory.person(greta).orElseThrow().email()).isEqualTo(gretaMail);

    final String landing =
        mvc.perform(
                post("/admin/people/" + greta + "/erasure")
                    .session(admin)
                    .with(csrf())
                    .param("confirm", greta))
            .andExpect(status().is3xxRedirection())
            .andReturn()
            .getResponse()
            .getRedirectedUrl();

    // The person is known by the pseudonym only: the old username names nothing any more.
    final String pseudonym = landing.replaceAll("^/admin/people/(erased-[0-9a-f]+)/privacy$", "$1");
    assertThat(pseudonym).startsWith("erased-").isNotEqualTo(landing);
    assertThat(directory.person(greta)).isEmpty();
    final Person erased = directory.person(pseudonym).orElseThrow();
    assertThat(erased.displayName()).isEqualTo(pseudonym);
    assertThat(erased.email()).isEqualTo(pseudonym + "@erased.invalid");
    assertThat(erased.enabled()).isFalse();
    // Nothing reads as her without signing in either: her calendar feed address is gone.
    assertThat(calendarFeeds.ownerOf(feed)).isEmpty();
    assertThat(calendarFeeds.of(greta)).isEmpty();
    // The records' views: no name, no email; the same number, state, journal and timeline.
    final String agentPage =
        mvc.perform(get("/incidents/" + hers).session(signIn("manager.maria")))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(agentPage).contains(hers, pseudonym).doesNotContainIgnoringCase(gretaMail);
    assertThat(agentPage).doesNotContain(gretaName);
    final JsonNode after = incident(hers);
    assertThat(after.toString()).doesNotContainIgnoringCase(gretaMail).doesNotContain(gretaName);
    assertThat(after.get("description").asText())
        .isEqualTo("Call " + pseudonym + " at " + pseudonym);
    assertThat(after.get("number")).isEqualTo(before.get("number"));
    assertThat(after.get("state")).isEqualTo(before.get("state"));
    assertThat(after.get("createdAt")).isEqualTo(before.get("createdAt"));
    assertThat(after.get("caller").asText()).isEqualTo(pseudonym);
    assertThat(
            body(mvc.perform(get("/api/incidents/" + hers + "/journal").with(as("manager.maria"))))
                .findValuesAsText("author"))
        .containsOnly(pseudonym);
    assertThat(count("/api/incidents/" + hers + "/journal")).isEqualTo(journal);
    assertThat(count("/api/incidents/" + hers + "/audit-trail")).isEqualTo(trail);
    assertThat(
            mvc.perform(get("/api/incidents/" + hers + "/journal").with(as("manager.maria")))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8))
        .contains("Reach me at " + pseudonym + " please");
    assertThat(incident(his).get("description").asText()).isEqualTo("Mail " + ottoMail);
    // The audit trail: the facts stay, named by the pseudonym; the erasure itself is recorded.
    final JsonNode audit =
        body(
            mvc.perform(get("/api/admin/audit?target=user:" + pseudonym).with(as("admin")))
                .andExpect(status().isOk()));
    assertThat(audit.get("entries").findValuesAsText("action"))
        .containsExactly("person.erased", "user.created");
    assertThat(audit.at("/entries/1/after/email").asText()).isEqualTo(pseudonym);
    assertThat(audit.at("/entries/1/after/username").asText()).isEqualTo(pseudonym);
    assertThat(audit.at("/entries/0/actor").asText()).isEqualTo("admin");
    assertThat(audit.toString()).doesNotContain(gretaMail, gretaName, "user:" + greta);
    assertThat(
            body(mvc.perform(get("/api/admin/audit?target=user:" + otto).with(as("admin"))))
                .toString())
        .contains(ottoMail);
    // No way in any more: the session is over, the token gone.
    assertThat(browser.get(base + "/portal").statusCode()).isEqualTo(302);
    mvc.perform(get("/api/incidents").header("Authorization", "Bearer " + token.text()))
        .andExpect(status().isUnauthorized());
    assertThat(tokens.ownedBy(greta)).isEmpty();
    mvc.perform(get("/api/incidents").with(as(greta))).andExpect(status().isUnauthorized());
    mvc.perform(get("/api/incidents").with(as(pseudonym))).andExpect(status().isUnauthorized());
    assertThat(columnsMentioning(greta)).isEmpty();
    // Once is enough.
    mvc.perform(
            post("/api/admin/people/" + pseudonym + "/erasure")
                .with(as("admin"))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"confirm\": \"" + pseudonym + "\"}"))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.detail").value("'" + pseudonym + "' was erased already."));
  }

  @Test
  void requestsCommentsAndApprovalDecisionsAreExportedAndPseudonymisedWithTheirFactsKept()
      throws Exception {
    final Request ordered =
        requests.submit(
            new NewRequest(
                greta,
                otto,
                "new-laptop",
                1,
                "Laptop for Otto, ordered by " + gretaName,
                Map.of("contact", gretaMail),
                null),
            Actor.person(greta));
    final Request forHer =
        requests.submit(
            new NewRequest(otto, greta, "new-laptop", 1, "Laptop " + run, Map.of(), null),
            Actor.person(otto));
    requests.addJournalEntry(
        forHer.id(), JournalKind.COMMENT, "Thanks, write to " + gretaMail, Actor.person(greta));
    final long instance = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
    final Approval approval =
        approvals.open(
            new NewApproval(
                instance,
                ordered.number(),
                "Laptop for Otto",
                greta,
                otto,
                ApprovalMode.ANY,
                1,
                List.of(greta)));
    approvals.decide(
        approval.id(), instance + 1, greta, false, "Too dear, " + gretaName, null, clock.instant());
    final List<AuditEntry> trailBefore = requests.auditTrail(ordered.id());
    final Approval approvalBefore = approvals.find(approval.id()).orElseThrow();

    final JsonNode export =
        body(
            mvc.perform(get("/api/admin/people/" + greta + "/export").with(as("admin")))
                .andExpect(status().isOk()));

    assertThat(export.get("requests").findValuesAsText("number"))
        .containsExactly(ordered.number(), forHer.number());
    assertThat(export.at("/requests/0/relation").toString()).isEqualTo("[\"requester\"]");
    assertThat(export.at("/requests/1/relation").toString()).isEqualTo("[\"requestedFor\"]");
    assertThat(export.get("requestJournalEntries").findValuesAsText("text"))
        .containsExactly("Thanks, write to " + gretaMail);
    assertThat(export.get("approvalDecisions").findValuesAsText("comment"))
        .containsExactly("Too dear, " + gretaName);
    assertThat(export.at("/approvalDecisions/0/record").asText()).isEqualTo(ordered.number());
    assertThat(export.at("/approvalDecisions/0/action").asText()).isEqualTo("REJECTED");

    final String pseudonym = erase(greta);

    final Request orderedAfter = requests.find(ordered.id()).orElseThrow();
    assertThat(orderedAfter.number()).isEqualTo(ordered.number());
    assertThat(orderedAfter.state()).isEqualTo(ordered.state());
    assertThat(orderedAfter.requester()).isEqualTo(pseudonym);
    assertThat(requests.find(forHer.id()).orElseThrow().requestedFor()).isEqualTo(pseudonym);
    assertThat(orderedAfter.title()).isEqualTo("Laptop for Otto, ordered by " + pseudonym);
    assertThat(orderedAfter.answers()).containsEntry("contact", pseudonym);
    assertThat(requests.journal(forHer.id(), true))
        .extracting(JournalEntry::author, JournalEntry::text)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(pseudonym, "Thanks, write to " + pseudonym));
    final Approval decided = approvals.find(approval.id()).orElseThrow();
    assertThat(decided.state()).isEqualTo(approvalBefore.state());
    assertThat(decided.recordNumber()).isEqualTo(ordered.number());
    assertThat(decided.steps())
        .extracting(ApprovalStep::actor, ApprovalStep::action, ApprovalStep::comment)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                pseudonym, ApprovalAction.REJECTED, "Too dear, " + pseudonym));
    assertThat(decided.requester()).isEqualTo(pseudonym);
    assertThat(decided.approvers()).containsExactly(pseudonym);
    // The audit facts stay: as many entries, by the same people (the erased one under the
    // pseudonym), at the same times, same fields.
    final List<AuditEntry> trailAfter = requests.auditTrail(ordered.id());
    assertThat(trailAfter)
        .extracting(AuditEntry::actor, AuditEntry::at, AuditEntry::field)
        .containsExactlyElementsOf(
            trailBefore.stream()
                .map(
                    e ->
                        org.assertj.core.groups.Tuple.tuple(
                            greta.equals(e.actor()) ? pseudonym : e.actor(), e.at(), e.field()))
                .toList());
    assertThat(trailAfter.toString()).doesNotContain(gretaName).doesNotContain(gretaMail);
    final JsonNode exportAfter =
        body(
            mvc.perform(get("/api/admin/people/" + pseudonym + "/export").with(as("admin")))
                .andExpect(status().isOk()));
    assertThat(exportAfter.get("requests").findValuesAsText("number"))
        .containsExactly(ordered.number(), forHer.number());
    assertThat(exportAfter.toString()).doesNotContain(gretaName, gretaMail, greta);
    assertThat(columnsMentioning(greta)).isEmpty();
  }

  @Test
  void theApiErasesOnlyWithTheUsernameConfirmed() throws Exception {
    mvc.perform(
            post("/api/admin/people/" + otto + "/erasure")
                .with(as("admin"))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{}"))
        .andExpect(status().isBadRequest())
        .andExpect(
            jsonPath("$.detail")
                .value("Confirm the erasure: send {\"confirm\": \"" + otto + "\"}."));
    assertThat(directory.person(otto).orElseThrow().enabled()).isTrue();

    final JsonNode erased =
        body(
            mvc.perform(
                    post("/api/admin/people/" + otto + "/erasure")
                        .with(as("admin"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"confirm\": \"" + otto + "\"}"))
                .andExpect(status().isOk()));
    final String pseudonym = erased.get("pseudonym").asText();
    assertThat(directory.person(pseudonym).orElseThrow().displayName()).isEqualTo(pseudonym);
    assertThat(directory.person(otto)).isEmpty();
  }

  private JsonNode incident(final String number) throws Exception {
    return body(
        mvc.perform(get("/api/incidents/" + number).with(as("manager.maria")))
            .andExpect(status().isOk()));
  }

  private int count(final String path) throws Exception {
    return body(mvc.perform(get(path).with(as("manager.maria"))).andExpect(status().isOk())).size();
  }

  @Test
  void phoneManagerSecondFactorAndSignInLinksAreExportedWithoutSecretsAndErased() throws Exception {
    directory.updateContact(greta, gretaName, gretaMail, "+41 44 123 45 67");
    directory.setManager(greta, "manager.maria");
    final SecondFactors.PendingKey key = secondFactors.pendingKey(greta);
    assertThat(
            secondFactors.confirm(
                greta, Totp.code(Base32.decode(key.base32()), Totp.step(clock.instant()))))
        .isPresent();
    jdbc.sql(
            "INSERT INTO flowdesk.external_identity (issuer, subject, username, linked_at,"
                + " last_signed_in) VALUES ('https://idp.example', :subject, :username, now(),"
                + " now())")
        .param("subject", "sub-" + run)
        .param("username", greta)
        .update();
    passwordLinks.issue(greta, PasswordLinks.Purpose.RESET);

    final JsonNode export =
        body(
            mvc.perform(get("/api/admin/people/" + greta + "/export").with(as("admin")))
                .andExpect(status().isOk()));
    assertThat(export.at("/profile/phone").asText()).isEqualTo("+41 44 123 45 67");
    assertThat(export.get("manager").asText()).isEqualTo("manager.maria");
    assertThat(export.at("/twoFactorSignIn/enabled").asBoolean()).isTrue();
    assertThat(export.at("/singleSignOn/0/issuer").asText()).isEqualTo("https://idp.example");
    assertThat(export.at("/singleSignOn/0/subject").asText()).isEqualTo("sub-" + run);
    assertThat(export.at("/mailedLinks/0/purpose").asText()).isEqualTo("RESET");
    assertThat(export.has("notificationPreferences")).isTrue();
    assertThat(export.toString())
        .doesNotContain(key.base32())
        .doesNotContain("key_sealed", "token_hash", "code_hash");

    final String pseudonym = erase(greta);

    assertThat(secondFactors.isEnrolled(greta)).isFalse();
    assertThat(secondFactors.isEnrolled(pseudonym)).isFalse();
    assertThat(rows("flowdesk.second_factor")).isZero();
    assertThat(rows("flowdesk.second_factor_recovery_code")).isZero();
    assertThat(rows("flowdesk.external_identity")).isZero();
    assertThat(rows("flowdesk.password_link")).isZero();
    assertThat(directory.phone(pseudonym)).isEmpty();
    assertThat(directory.manager(pseudonym)).isEmpty();
    assertThat(columnsMentioning(greta)).isEmpty();
  }

  @Test
  void nothingInTheAppSchemaKeepsTheOldUsernameAndItCanBeGivenAgain() throws Exception {
    final PersonalTokens.Issued hers =
        tokens.issue(greta, "script", Set.of(TokenScope.READ), Duration.ofDays(7));
    final PersonalTokens.Issued his =
        tokens.issue(otto, "script", Set.of(TokenScope.READ), Duration.ofDays(7));
    assertThat(tokens.revokeAny(his.token().id(), greta)).isTrue();
    mvc.perform(get("/api/incidents").with(as(greta))).andExpect(status().isOk());
    assertThat(columnsMentioning(greta)).isNotEmpty();

    final String pseudonym = erase(greta);

    assertThat(columnsMentioning(greta)).isEmpty();
    mvc.perform(get("/api/incidents").header("Authorization", "Bearer " + hers.text()))
        .andExpect(status().isUnauthorized());
    // Who revoked someone else's token stays a fact, under the pseudonym.
    assertThat(
            jdbc.sql("SELECT revoked_by FROM flowdesk.personal_api_token WHERE id = :id")
                .param("id", his.token().id())
                .query(String.class)
                .single())
        .isEqualTo(pseudonym);
    // Nothing refers to the old username: a new person may have it, and signs in as themselves.
    add(greta, "Greta Green" + run, "green." + run + "@example.com");
    mvc.perform(get("/api/incidents").with(as(greta))).andExpect(status().isOk());
    assertThat(directory.person(pseudonym).orElseThrow().enabled()).isFalse();
  }

  /** Erases {@code username} through the API; answers the pseudonym. */
  private String erase(final String username) throws Exception {
    return body(mvc.perform(
                post("/api/admin/people/" + username + "/erasure")
                    .with(as("admin"))
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"confirm\": \"" + username + "\"}"))
            .andExpect(status().isOk()))
        .get("pseudonym")
        .asText();
  }

  /**
   * Every text, JSON or array column of the domain and app schemas (so a table added later is
   * searched too) holding {@code text} anywhere in some row, as {@code schema.table.column}. The
   * engine's schema is not searched: running instances keep their variables (see the README).
   */
  private List<String> columnsMentioning(final String text) {
    return jdbc
        .sql(
            """
            SELECT table_schema, table_name, column_name FROM information_schema.columns
             WHERE table_schema IN ('domain', 'flowdesk')
               AND data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY')
            """)
        .query()
        .listOfRows()
        .stream()
        .filter(
            column ->
                jdbc.sql(
                        "SELECT EXISTS (SELECT 1 FROM \""
                            + column.get("table_schema")
                            + "\".\""
                            + column.get("table_name")
                            + "\" WHERE strpos(lower(\""
                            + column.get("column_name")
                            + "\"::text), lower(:text)) > 0)")
                    .param("text", text)
                    .query(Boolean.class)
                    .single())
        .map(c -> c.get("table_schema") + "." + c.get("table_name") + "." + c.get("column_name"))
        .toList();
  }

  private long rows(final String table) {
    return jdbc.sql("SELECT count(*) FROM " + table + " WHERE username = :username")
        .param("username", greta)
        .query(Long.class)
        .single();
  }
}
