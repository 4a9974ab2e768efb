package io.flowdesk.app.story;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.flowdesk.app.story.Chromium.shoot;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.nio.file.Path;
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

  @Test
  void aliceIsOfferedTheArticleWhileTypingOpensItAndReportsAnyway() {
    final String number = KnowledgeArticles.published(app);

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
