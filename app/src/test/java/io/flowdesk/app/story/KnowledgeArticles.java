package io.flowdesk.app.story;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.flowdesk.app.story.Chromium.shoot;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Page;
import java.time.Duration;

/** What the stories start the knowledge base from: a published public article about the VPN. */
final class KnowledgeArticles {

  private KnowledgeArticles() {}

  /**
   * Agent Anna writes "VPN disconnects every few minutes" and submits it; knowledge manager Maria
   * publishes it from her inbox. Assumes a fresh installation (the only review waiting is this
   * one).
   *
   * @return the article's number
   */
  static String published(final StoryApp app) {
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
    maria.click(
        "tr:has-text('Review knowledge article') >> a:has-text('Review knowledge article')");
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
}
