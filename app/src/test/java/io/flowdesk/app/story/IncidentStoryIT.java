package io.flowdesk.app.story;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.flowdesk.app.story.Chromium.shoot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import io.flowdesk.app.database.ServerProcess;
import jakarta.mail.Message;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The incident story as people live it, in Debian's Chromium against the packaged app in its local
 * default (embedded PostgreSQL, demo people, local mail server): a caller reports an issue, an
 * agent of the service desk resolves it from the group inbox through its form, the caller gets the
 * mail and confirms in the portal, and the record ends Closed with its whole history.
 */
class IncidentStoryIT {

  @TempDir static Path dataRoot;

  private static StoryApp app;
  private static ServerProcess server;
  private static int imapPort;
  private static Playwright playwright;

  @BeforeAll
  static void startServerAndBrowser() throws Exception {
    imapPort = ServerProcess.freePort();
    app =
        StoryApp.start(
            dataRoot.resolve("data"),
            // The admin's pages are shot signed in with the password alone.
            "--flowdesk.security.mfa.required-roles=",
            "--flowdesk.mail.local-smtp-port=0",
            "--flowdesk.mail.local-imap-port=" + imapPort);
    server = app.server();
  }

  @AfterAll
  static void stop() throws Exception {
    if (app != null) {
      app.close();
    }
  }

  private static Page signedIn(final String username) {
    return app.signedIn(username);
  }

  private static String report(final Page alice, final String shortDescription) {
    alice.navigate("/portal");
    alice.click("text=Report an issue");
    alice.fill("[name=shortDescription]", shortDescription);
    alice.fill("[name=description]", "The <b>printer</b> on floor 3 shows error E-42.");
    alice.selectOption("select[name=category]", "other");
    alice.check("input[name=impact][value=medium]");
    alice.check("input[name=urgency][value=high]");
    alice.click("button:has-text('Send report')");
    alice.waitForURL("**/portal/requests/INC*");
    return alice.textContent("#incident-number").strip();
  }

  @Test
  void aReportedIncidentIsResolvedConfirmedAndClosedWithItsWholeHistory() throws Exception {
    final Page alice = signedIn("alice");
    final String number = report(alice, "Printer on floor 3 jams");
    assertThat(alice.locator("#description"))
        .hasText("The <b>printer</b> on floor 3 shows error E-42.");

    final Page anna = signedIn("agent.anna");
    await("the task in the service desk's inbox")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              anna.navigate("/inbox?view=groups&sort=created");
              return anna.locator("tr:has-text('" + number + "')").count() == 1;
            });
    anna.click("tr:has-text('" + number + "') >> a:has-text('Resolve incident')");
    anna.click("button:has-text('Claim')");
    assertThat(anna.locator(".fd-flash")).containsText("yours");
    anna.check("input[name=outcome][value=resolve]");
    anna.selectOption("select[name=resolutionCode]", "solved-permanently");
    anna.fill("[name=resolutionNotes]", "Replaced the fuser unit; test page printed fine.");
    anna.click("form.fd-form button[type=submit]");
    anna.waitForURL("**/inbox");

    final Message mail = awaitMail("alice@example.com", number);
    assertThat(mail.getSubject()).contains("Resolved").contains(number);

    await("the request offers confirmation")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              alice.navigate("/portal/requests/" + number);
              return alice.locator("#caller-response").count() == 1;
            });
    alice.click("button:has-text('Yes, confirm')");
    await("the incident closes")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              alice.navigate("/portal/requests/" + number);
              return alice.textContent("#state").contains("Closed");
            });
    final List<String> history = alice.locator("#timeline .fd-summary").allTextContents();
    assertThat(String.join("\n", history))
        .contains("Reported by")
        .contains("Priority set to")
        .contains("Resolved")
        .contains("Closed");

    anna.navigate("/incidents/" + number);
    assertThat(anna.locator("#state")).containsText("Closed");
    assertThat(anna.locator("#audit-trail")).containsText("agent.anna");
  }

  @Test
  void anEndUserCannotOpenAnotherUsersIncident() {
    final String number = report(signedIn("alice"), "Alice's badge does not open doors");

    final Page bob = signedIn("bob");
    final Response answer = bob.navigate("/portal/requests/" + number);

    assertThat(answer.status()).isEqualTo(403);
    assertThat(bob.locator("body")).not().containsText("badge does not open");
  }

  @Test
  void aMissingRequiredFieldShowsItsErrorAndKeepsWhatWasTyped() {
    final Page alice = signedIn("alice");
    alice.navigate("/portal/report");
    alice.fill("[name=description]", "Typed before forgetting the summary");
    alice.check("input[name=impact][value=low]");
    alice.click("button:has-text('Send report')");

    assertThat(alice.locator(".fd-error-summary")).containsText("Short description");
    assertThat(alice.locator("[name=description]")).hasValue("Typed before forgetting the summary");
    assertThat(alice.locator("input[name=impact][value=low]")).isChecked();
  }

  /**
   * The pages this issue brought, on a desktop and a phone: the catalog read from deployed
   * processes, ordering an item, personal API tokens, and the admins' catalog and token pages.
   * Screenshots go to target/screenshots/ for a person to look at.
   */
  @Test
  void catalogOrderingAndApiTokensOnDesktopAndPhone() throws Exception {
    final Page alice = signedIn("alice");
    alice.navigate("/portal");
    assertThat(alice.locator("#item-something-else")).isVisible();
    shoot(alice, "portal-catalog");
    alice.click("#item-something-else a");
    alice.fill("[name=subject]", "A second monitor for room 4.12");
    alice.fill("[name=details]", "For the weekly planning meeting, by Friday.");
    shoot(alice, "portal-item");
    alice.click("button:has-text('Send request')");
    alice.waitForURL("**/portal/requests/REQ*");
    assertThat(alice.locator(".fd-flash")).containsText("is recorded as REQ");

    alice.navigate("/account/tokens");
    alice.fill("#token-name", "nightly report script");
    alice.click("button:has-text('Create token')");
    assertThat(alice.locator("#issued-token")).hasValue(java.util.regex.Pattern.compile("fdp_.+"));
    shoot(alice, "account-tokens");
    alice.navigate("/account/tokens");
    assertThat(alice.locator("#issued-token")).hasCount(0);
    assertThat(alice.locator("#tokens")).containsText("nightly report script");

    final Page admin = signedIn("admin");
    admin.navigate("/admin/catalog");
    assertThat(admin.locator("#offered-items")).containsText("something-else");
    shoot(admin, "admin-catalog");
    admin.navigate("/admin/tokens");
    assertThat(admin.locator("#tokens")).containsText("alice");
    shoot(admin, "admin-tokens");
  }

  private static Message awaitMail(final String address, final String number) {
    return StoryMail.awaitMail(imapPort, address, number);
  }
}
