package io.flowdesk.app.story;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.flowdesk.app.story.Chromium.shoot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The knowledge base as people live it, in Debian's Chromium against the packaged app: an agent
 * writes an article and submits it, the knowledge manager publishes it from her inbox; then Alice,
 * starting to type her report, is offered the article, opens it, and reports anyway. Screenshots at
 * 1280 and 375 px in target/screenshots/ (knowledge-*).
 */
class KnowledgeStoryIT {

  @TempDir static Path dataRoot;

  private static StoryApp app;

  @BeforeAll
  static void startServerAndBrowser() throws Exception {
    app =
        StoryApp.start(
            dataRoot.resolve("data"),
            "--flowdesk.security.mfa.required-roles=",
            "--flowdesk.mail.local-smtp-port=0",
            "--flowdesk.mail.local-imap-port=0");
  }

  @AfterAll
  static void stop() throws Exception {
    if (app != null) {
      app.close();
    }
  }

  private static String publishedArticle() {
    final Page anna = app.signedIn("agent.anna");
    anna.navigate("/knowledge");
    anna.click("#write-article");
    anna.fill("#article-title", "VPN disconnects every few minutes");
    anna.fill("#article-category", "network");
    anna.selectOption("#article-audience", "PUBLIC");
    anna.fill(
        "#article-body",
        "Usually the VPN client lost its session.\n\n## Fix\n\n1. Quit the **VPN client**.\n"
            + "2. Start it again and sign in.\n\nStill dropping? Report an issue.");
    anna.click("#save-article");
    anna.waitForURL("**/knowledge/KB*");
    final String number = anna.textContent("#article-number").strip();
    anna.click("#submit-article");
    assertThat(anna.locator("#article-state")).hasText("In review");
    shoot(anna, "knowledge-article-in-review", 375);

    final Page maria = app.signedIn("manager.maria");
    await("the review in the knowledge managers' inbox")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              maria.navigate("/inbox?view=groups&sort=created");
              // A fresh installation: the only review waiting is this one.
              return maria.locator("tr:has-text('Review knowledge article')").count() == 1;
            });
    maria.click("tr:has-text('Review knowledge article') >> text=Review knowledge article");
    assertThat(maria.locator("main")).containsText(number + ": VPN disconnects every few minutes");
    if (maria.locator("button:has-text('Claim')").count() > 0) {
      maria.click("button:has-text('Claim')");
    }
    maria.check("input[name=reviewDecision][value=publish]");
    maria.click("form.fd-form button[type=submit]");
    maria.waitForURL("**/inbox");
    await("the article is published")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              anna.navigate("/knowledge/" + number);
              return anna.textContent("#article-state").contains("Published");
            });
    shoot(anna, "knowledge-article-agent", 375);
    anna.navigate("/knowledge");
    shoot(anna, "knowledge-list-agent", 375);
    return number;
  }

  @Test
  void aliceIsOfferedTheArticleWhileTypingOpensItAndReportsAnyway() {
    final String number = publishedArticle();

    final Page alice = app.signedIn("alice");
    alice.navigate("/portal/report");
    alice.locator("[name=shortDescription]").pressSequentially("vpn disconn");
    final var suggestion = alice.locator("#kb-suggestion-list a.kb-suggestion");
    assertThat(suggestion.first()).hasText("VPN disconnects every few minutes");
    shoot(alice, "knowledge-portal-suggestion", 375);

    suggestion.first().click();
    alice.waitForURL("**/knowledge/" + number);
    assertThat(alice.locator("#article-body li").first()).containsText("Quit the VPN client");
    assertThat(alice.locator("#article-state")).hasCount(0);
    shoot(alice, "knowledge-article-reader", 375);

    alice.click("#report-anyway");
    alice.fill("[name=shortDescription]", "VPN still disconnects after restarting the client");
    alice.selectOption("select[name=category]", "other");
    alice.check("input[name=impact][value=medium]");
    alice.check("input[name=urgency][value=high]");
    alice.click("button:has-text('Send report')");
    alice.waitForURL("**/portal/requests/INC*");
    assertThat(alice.textContent("#incident-number").strip()).startsWith("INC");
  }
}
