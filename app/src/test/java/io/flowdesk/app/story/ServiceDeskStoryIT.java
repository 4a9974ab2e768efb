package io.flowdesk.app.story;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.flowdesk.app.story.Chromium.shoot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.APIRequestContext;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.RequestOptions;
import io.flowdesk.app.database.ServerProcess;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21's service desk story, in Debian's Chromium against the packaged app with its local mail
 * server: Alice, typing a report, is offered an article, opens it and reports anyway; the service
 * desk transfers the incident to the network team, whose agent resolves it; Alice answers the
 * resolution mail that it is not fixed, and her mail reopens the incident. Then a major incident
 * with two children is resolved and each of the three callers gets the resolution mail. Screenshots
 * of the portal, the inbox and the record page at 1280 and 375 px in target/screenshots/ (desk-*).
 */
class ServiceDeskStoryIT {

  private static final Pattern NUMBER = Pattern.compile("INC\\d{7}");

  @TempDir static Path dataRoot;

  private static StoryApp app;
  private static int smtpPort;
  private static int imapPort;

  @BeforeAll
  static void startServerAndBrowser() throws Exception {
    smtpPort = ServerProcess.freePort();
    imapPort = ServerProcess.freePort();
    app =
        StoryApp.start(
            dataRoot.resolve("data"),
            "--flowdesk.security.mfa.required-roles=",
            "--flowdesk.mail.local-smtp-port=" + smtpPort,
            "--flowdesk.mail.local-imap-port=" + imapPort,
            // The service desk's mailbox read every 2 s instead of every minute: a story's
            // patience.
            "--flowdesk.mailboxes.poll-cron=0/2 * * * * ?");
  }

  @AfterAll
  static void stop() throws Exception {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void aDeflectedReportIsTransferredResolvedAndReopenedByTheCallersMail() throws Exception {
    final String article = KnowledgeArticles.published(app);

    final Page alice = app.signedIn("alice");
    alice.navigate("/portal");
    shoot(alice, "desk-portal", 375);
    alice.navigate("/portal/report");
    alice.locator("[name=shortDescription]").pressSequentially("vpn disconn");
    final var suggestion = alice.locator("#kb-suggestion-list a.kb-suggestion");
    assertThat(suggestion.first()).hasText("VPN disconnects every few minutes");
    shoot(alice, "desk-portal-report-suggestion", 375);
    suggestion.first().click();
    alice.waitForURL("**/knowledge/" + article);
    alice.click("#report-anyway");
    alice.fill("[name=shortDescription]", "VPN drops in building B after the restart too");
    alice.fill("[name=description]", "Since Monday, every 5 minutes, on the 3rd floor.");
    alice.selectOption("select[name=category]", "other");
    alice.check("input[name=impact][value=medium]");
    alice.check("input[name=urgency][value=high]");
    alice.click("button:has-text('Send report')");
    alice.waitForURL("**/portal/requests/INC*");
    final String number = alice.textContent("#incident-number").strip();

    // The service desk sees it first and hands it to the network team.
    final Page anna = app.signedIn("agent.anna");
    awaitRow(anna, number);
    shoot(anna, "desk-inbox", 375);
    anna.navigate("/incidents/" + number);
    assertThat(anna.locator("#assignment-group")).hasText("service-desk");
    anna.selectOption("#transfer-group", "network-team");
    anna.fill("#transfer-reason", "Wireless access points are the network team's.");
    shoot(anna, "desk-record", 375);
    anna.click("#transfer-form button[type=submit]");
    // Anna is not in the network team: she is back in her inbox with the confirmation.
    anna.waitForURL("**/inbox");
    assertThat(anna.locator(".fd-flash")).hasText(number + " is transferred to network-team.");

    // Only the network team's inbox has it now; Nils resolves it there.
    final Page nils = app.signedIn("agent.nils");
    awaitRow(nils, number);
    resolve(nils, number, "Replaced the access point's firmware; no drops for an hour.");

    final Message resolution =
        StoryMail.awaitMail(imapPort, "alice@example.com", "Resolved: VPN drops in building B");
    assertThat(resolution.getSubject()).contains(number);
    // Anna no longer sees it (the network team's now): Nils follows it from here.
    awaitState(nils, number, "Resolved");

    // Alice answers the resolution mail: not fixed. Her mail is threaded by In-Reply-To alone
    // (the subject names no record) and reopens the incident.
    reply(resolution, "Still broken", "It dropped again at 10:15, twice in five minutes.");
    awaitState(nils, number, "In progress");
    assertThat(nils.locator("#timeline")).containsText("It dropped again at 10:15");
    shoot(nils, "desk-record-reopened", 375);
    alice.navigate("/portal/requests/" + number);
    assertThat(alice.locator("#state")).containsText("In progress");
    shoot(alice, "desk-portal-request", 375);
  }

  @Test
  void resolvingAMajorIncidentResolvesItsChildrenAndTellsAllThreeCallers() throws Exception {
    final String parent = reported("alice", "Mail is down for the whole office");
    final String firstChild = reported("bob", "Cannot send mail");
    final String secondChild = reported("finance.fiona", "Outlook says the server is offline");

    final Page anna = app.signedIn("agent.anna");
    anna.navigate("/incidents/" + parent);
    anna.fill("#major-reason-input", "Mail server down, everyone is affected.");
    anna.click("#major-form button[type=submit]");
    assertThat(anna.locator("#major-reason")).containsText("Mail server down");
    for (final String child : new String[] {firstChild, secondChild}) {
      anna.fill("#child-number", child);
      anna.click("#child-form button[type=submit]");
      assertThat(anna.locator("#child-incidents")).containsText(child);
    }
    shoot(anna, "desk-record-major", 375);

    awaitRow(anna, parent);
    resolve(anna, parent, "Restarted the mail server; mail flows again.");

    for (final String[] caller :
        new String[][] {
          {"alice@example.com", parent},
          {"bob@example.com", firstChild},
          {"finance.fiona@example.com", secondChild}
        }) {
      final Message mail = StoryMail.awaitMail(imapPort, caller[0], caller[1]);
      assertThat(mail.getSubject()).as(caller[0]).contains("Resolved");
    }
    awaitState(anna, firstChild, "Resolved");
    awaitState(anna, secondChild, "Resolved");
  }

  /** Reported through the API by {@code caller}, to the service desk. */
  private static String reported(final String caller, final String shortDescription) {
    final APIRequestContext api = app.api(caller);
    try {
      final APIResponse created =
          api.post(
              "/api/incidents",
              RequestOptions.create()
                  .setData(
                      Map.of(
                          "shortDescription",
                          shortDescription,
                          "category",
                          "other",
                          "impact",
                          "high",
                          "urgency",
                          "high")));
      assertThat(created.status()).as(created.text()).isEqualTo(201);
      final Matcher number = NUMBER.matcher(created.text());
      assertThat(number.find()).isTrue();
      return number.group();
    } finally {
      api.dispose();
    }
  }

  /** Waits until {@code number}'s "Resolve incident" task is in the agent's group inbox. */
  private static void awaitRow(final Page agent, final String number) {
    await("the task of " + number + " in the group inbox")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              agent.navigate("/inbox?view=groups&sort=created");
              return agent.locator("tr:has-text('" + number + "')").count() == 1;
            });
  }

  /** The agent resolves {@code number} from the group inbox through the task's form. */
  private static void resolve(final Page agent, final String number, final String notes) {
    agent.navigate("/inbox?view=groups&sort=created");
    agent.click("tr:has-text('" + number + "') >> a:has-text('Resolve incident')");
    if (agent.locator("button:has-text('Claim')").count() > 0) {
      agent.click("button:has-text('Claim')");
    }
    agent.check("input[name=outcome][value=resolve]");
    agent.selectOption("select[name=resolutionCode]", "solved-permanently");
    agent.fill("[name=resolutionNotes]", notes);
    agent.click("form.fd-form button[type=submit]");
    agent.waitForURL("**/inbox");
  }

  private static void awaitState(final Page agent, final String number, final String state) {
    await(number + " " + state)
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              agent.navigate("/incidents/" + number);
              return agent.textContent("#state").contains(state);
            });
  }

  /**
   * Alice's answer to {@code original}, as a mail client sends one: to the service desk's address
   * on the local mail server, threaded by In-Reply-To and References, with a subject of her own.
   */
  private static void reply(final Message original, final String subject, final String text)
      throws Exception {
    final Properties smtp = new Properties();
    smtp.put("mail.smtp.host", "127.0.0.1");
    smtp.put("mail.smtp.port", String.valueOf(smtpPort));
    final MimeMessage reply = new MimeMessage(Session.getInstance(smtp));
    final String messageId = original.getHeader("Message-ID")[0];
    reply.setFrom(new InternetAddress("alice@example.com"));
    reply.setRecipient(Message.RecipientType.TO, new InternetAddress("servicedesk@localhost"));
    reply.setSubject(subject);
    reply.setHeader("In-Reply-To", messageId);
    reply.setHeader("References", messageId);
    reply.setText(text + "\n\n> " + original.getSubject(), "UTF-8");
    Transport.send(reply);
  }
}
