package io.flowdesk.app.story;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.flowdesk.app.story.Chromium.shoot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.RequestOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19's acceptance story from raising to closing, in Debian's Chromium against the packaged
 * app: an agent raises a normal change on a server starting in a few minutes; a second change on
 * the same server in an overlapping window shows the conflict; the risk questionnaire rates an
 * outage high, so the CAB decides: two of three members approve; the change is scheduled, and at
 * its planned start the implementation task reaches the service desk's inbox; the agent records a
 * successful implementation, the change manager the post-implementation review, and the change is
 * Closed.
 */
class ChangeLifecycleStoryIT {

  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

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
  void aNormalChangeGoesFromRaisedThroughTheCabToClosed() {
    assertThat(
            app.api("manager.maria")
                .post(
                    "/api/cmdb/cis",
                    RequestOptions.create()
                        .setData(
                            Map.of(
                                "class", "server",
                                "name", "db-server-07",
                                "environment", "production",
                                "status", "IN_SERVICE")))
                .status())
        .isEqualTo(201);
    // The datetime-local fields are read in the server's zone, this machine's as well.
    final LocalDateTime start = LocalDateTime.now().plusMinutes(3).withSecond(0).withNano(0);
    final Page anna = app.signedIn("agent.anna");
    final String number =
        raise(anna, "Upgrade the database engine", start, start.plusHours(2), "Upgrade, migrate");
    shoot(anna, "change-lifecycle-raised");

    final String overlapping =
        raise(anna, "Resize the database disks", start.plusHours(1), start.plusHours(3), "Resize");
    assertThat(anna.locator("#conflicts .fd-conflict-rule")).hasText("Same CI");
    assertThat(anna.locator("#conflicts a.fd-conflict-change"))
        .hasAttribute("href", "/changes/" + number);
    shoot(anna, "change-lifecycle-conflict");
    assertThat(overlapping).isNotEqualTo(number);

    openTask(anna, number, "Answer risk questionnaire");
    anna.check("input[name=userImpact][value=outage]");
    anna.click("form.fd-form button[type=submit]");
    anna.waitForURL("**/inbox");

    vote("cab.carl", number, "Plan is sound");
    vote("cab.chris", number, "Fine");

    openTask(anna, number, "Implement change");
    anna.selectOption("select[name=implementationOutcome]", "successful");
    anna.fill("textarea[name=implementationNotes]", "Upgraded, tests green");
    anna.click("form.fd-form button[type=submit]");
    anna.waitForURL("**/inbox");

    final Page maria = app.signedIn("manager.maria");
    openTask(maria, number, "Post-implementation review");
    maria.check("input[name=objectivesMet]");
    maria.fill("textarea[name=reviewNotes]", "Done in the window, no incidents");
    maria.click("form.fd-form button[type=submit]");
    maria.waitForURL("**/inbox");

    await("the change closed")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              anna.navigate("/changes/" + number);
              return anna.locator("#state").textContent().contains("Closed");
            });
    assertThat(anna.locator("#cab-outcome-heading")).hasText("CAB: approved");
    assertThat(anna.locator("#cab-count")).containsText("2 approved");
    shoot(anna, "change-lifecycle-closed");
  }

  /** Raises a normal change on db-server-07 through the form; answers its number. */
  private static String raise(
      final Page page,
      final String summary,
      final LocalDateTime start,
      final LocalDateTime end,
      final String plan) {
    page.navigate("/changes/new");
    page.selectOption("#change-type", "normal");
    page.fill("#change-summary", summary);
    page.fill("#change-affectedCis", "db-server-07");
    page.fill("#change-plannedStart", start.format(LOCAL));
    page.fill("#change-plannedEnd", end.format(LOCAL));
    page.fill("#change-implementationPlan", plan);
    page.fill("#change-backoutPlan", "Restore the snapshot");
    page.fill("#change-assignmentGroup", "service-desk");
    page.click("#raise-change button[type=submit]");
    page.waitForURL("**/changes/CHG*");
    return page.textContent("#change-number").strip();
  }

  /** Waits for the change's task in the person's groups' inbox, opens and claims it. */
  private static void openTask(final Page page, final String number, final String task) {
    await(task + " of " + number + " in the inbox")
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () -> {
              page.navigate("/inbox?view=groups&sort=created");
              return page.locator("tr:has-text('" + number + "'):has-text('" + task + "')").count()
                  > 0;
            });
    page.click("tr:has-text('" + number + "') >> a:has-text('" + task + "')");
    page.click("button:has-text('Claim')");
  }

  private static void vote(final String member, final String number, final String comment) {
    final Page page = app.signedIn(member);
    await("the CAB approval of " + number + " for " + member)
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              page.navigate("/portal/approvals");
              return page.locator("#approvals a:has-text('" + number + "')").count() > 0;
            });
    page.click("#approvals a:has-text('" + number + "')");
    page.check("input[name=decision][value=approve]");
    page.fill("textarea[name=comment]", comment);
    page.click("#decide button[type=submit]");
    page.waitForURL("**/portal/approvals");
  }
}
