package io.flowdesk.app.story;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.flowdesk.app.story.Chromium.shoot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.RequestOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19's CAB story in Debian's Chromium against the packaged app: an agent raises a normal
 * change and rates it an outage risk; cab.carl finds it in the CAB view and approves it, cab.cora
 * abstains with a comment, cab.chris approves; the change shows the CAB's quorum and votes, and the
 * change calendar's month shows it on its day, on a desktop and at phone width without overflow.
 */
class ChangeCalendarStoryIT {

  @TempDir static Path dataRoot;

  private static StoryApp app;

  @BeforeAll
  static void startServerAndBrowser() throws Exception {
    app = StoryApp.start(dataRoot.resolve("data"), "--flowdesk.security.mfa.required-roles=");
  }

  @AfterAll
  static void stop() throws Exception {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void theCabVotesInTheCabViewAndTheCalendarShowsTheScheduledChange() {
    final LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(3);
    // Changes name CIs of the CMDB: the switch is recorded first, as the CMDB manager would.
    assertThat(
            app.api("manager.maria")
                .post(
                    "/api/cmdb/cis",
                    RequestOptions.create()
                        .setData(
                            Map.of(
                                "class", "server",
                                "name", "core-switch-02",
                                "environment", "production",
                                "status", "IN_SERVICE")))
                .status())
        .isEqualTo(201);
    final Page anna = app.signedIn("agent.anna");
    anna.navigate("/changes/new");
    anna.selectOption("#change-type", "normal");
    anna.fill("#change-summary", "Replace the core switch, floor 2; keep VLANs");
    anna.fill("#change-affectedCis", "core-switch-02");
    anna.fill("#change-plannedStart", day + "T20:00");
    anna.fill("#change-plannedEnd", day.plusDays(1) + "T02:00");
    anna.fill("#change-implementationPlan", "Swap, patch, test");
    anna.fill("#change-backoutPlan", "Put the old switch back");
    anna.fill("#change-assignmentGroup", "service-desk");
    anna.click("#raise-change button[type=submit]");
    anna.waitForURL("**/changes/CHG*");
    final String number = anna.textContent("#change-number").strip();

    await("the risk questionnaire in the service desk's inbox")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              anna.navigate("/inbox?view=groups&sort=created");
              return anna.locator("tr:has-text('" + number + "')").count() > 0;
            });
    anna.click("tr:has-text('" + number + "') >> a:has-text('Answer risk questionnaire')");
    anna.click("button:has-text('Claim')");
    anna.check("input[name=userImpact][value=outage]");
    anna.click("form.fd-form button[type=submit]");
    anna.waitForURL("**/inbox");

    final Page carl = app.signedIn("cab.carl");
    await("the change in the CAB view")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              carl.navigate("/changes/cab");
              return carl.locator("article[data-number=" + number + "] .cab-vote").count() > 0;
            });
    final var item = carl.locator("article[data-number=" + number + "]");
    assertThat(item.locator(".cab-risk")).hasText("High");
    assertThat(item.locator(".cab-votes")).containsText("0 of 2 approvals needed");
    shoot(carl, "cab-story-view");
    item.locator(".cab-vote").click();
    carl.check("input[name=decision][value=approve]");
    carl.fill("textarea[name=comment]", "Plan is sound");
    carl.click("#decide button[type=submit]");
    carl.waitForURL("**/portal/approvals");

    vote("cab.cora", number, "abstain", "I wrote the switch config");
    vote("cab.chris", number, "approve", "Fine");

    await("the change scheduled")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              anna.navigate("/changes/" + number);
              return anna.locator("#state").textContent().contains("Scheduled");
            });
    assertThat(anna.locator("#cab-outcome-heading")).hasText("CAB: approved");
    assertThat(anna.locator("#cab-count")).containsText("Quorum 2.");
    assertThat(anna.locator("#cab-count")).containsText("2 approved, 0 rejected, 1 abstained.");
    assertThat(anna.locator("#cab-outcome")).containsText("I wrote the switch config");
    shoot(anna, "cab-story-change");

    carl.navigate("/changes/calendar?date=" + day);
    assertThat(carl.locator("td[data-date='" + day + "'] li[data-number=" + number + "]"))
        .isVisible();
    assertThat(
            carl.locator("td[data-date='" + day.plusDays(1) + "'] li[data-number=" + number + "]"))
        .hasCount(1);
    assertNoSideways(carl);
    shoot(carl, "calendar-story-month");
    carl.navigate("/changes/calendar?view=week&date=" + day);
    assertNoSideways(carl);
    shoot(carl, "calendar-story-week");

    carl.setViewportSize(390, 844);
    carl.navigate("/changes/calendar?date=" + day);
    assertThat(carl.locator("td[data-date='" + day + "'] li[data-number=" + number + "]"))
        .isVisible();
    assertNoSideways(carl);
    shoot(carl, "calendar-story-phone");
    carl.navigate("/changes/cab");
    assertNoSideways(carl);
    shoot(carl, "cab-story-phone");

    final Page alice = app.signedIn("alice");
    assertThat(alice.locator("nav.fd-nav >> text=Change calendar")).hasCount(0);
    assertThat(alice.navigate("/changes/calendar").status()).isEqualTo(403);
    assertThat(alice.navigate("/changes/cab").status()).isEqualTo(403);
  }

  private static void vote(
      final String member, final String number, final String decision, final String comment) {
    final Page page = app.signedIn(member);
    page.navigate("/portal/approvals");
    page.click("#approvals a:has-text('" + number + "')");
    page.check("input[name=decision][value=" + decision + "]");
    page.fill("textarea[name=comment]", comment);
    page.click("#decide button[type=submit]");
    page.waitForURL("**/portal/approvals");
  }

  private static void assertNoSideways(final Page page) {
    assertThat(
            (Boolean)
                page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"))
        .as("no sideways scrolling on " + page.url())
        .isTrue();
  }
}
