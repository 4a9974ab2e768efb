package io.flowdesk.app.story;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.flowdesk.app.story.Chromium.shoot;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIRequestContext;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.RequestOptions;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19's first story in Debian's Chromium against the packaged app: an agent opens Changes from
 * the navigation, raises a normal change, picking its affected CIs from the CMDB with the CI picker
 * (keyboard for the first, mouse for the second; first with the window the wrong way round, which
 * the form names at the field and keeps what was typed), and sees it on the change page with its
 * state, affected CIs, plans and the process diagram. An end user gets no Changes entry and no
 * change, but picks the affected CI when reporting an issue (names and classes only), and the agent
 * sees the services it impacts on the incident. Then an agent raises a change from an incident a
 * caller reported: the form starts with the incident's summary and CI, and each record lists the
 * other.
 */
class ChangeStoryIT {

  @TempDir static Path dataRoot;

  private static StoryApp app;

  private static APIRequestContext cmdbManager;

  @BeforeAll
  static void startServerAndBrowser() throws Exception {
    app = StoryApp.start(dataRoot.resolve("data"), "--flowdesk.security.mfa.required-roles=");
    cmdbManager = app.api("manager.maria");
  }

  @AfterAll
  static void stop() throws Exception {
    if (app != null) {
      app.close();
    }
  }

  /** A CI recorded by the CMDB manager through the API. */
  private static String ci(final String className, final String name, final String criticality) {
    final APIResponse created =
        cmdbManager.post(
            "/api/cmdb/cis",
            RequestOptions.create()
                .setData(
                    criticality == null
                        ? Map.of(
                            "class",
                            className,
                            "name",
                            name,
                            "environment",
                            "production",
                            "status",
                            "IN_SERVICE")
                        : Map.of(
                            "class",
                            className,
                            "name",
                            name,
                            "environment",
                            "production",
                            "status",
                            "IN_SERVICE",
                            "criticality",
                            criticality)));
    assertThat(created.status()).isEqualTo(201);
    return created.text().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
  }

  private static void relate(final String source, final String type, final String target) {
    assertThat(
            cmdbManager
                .post(
                    "/api/cmdb/cis/" + source + "/relationships",
                    RequestOptions.create().setData(Map.of("type", type, "target", target)))
                .status())
        .isEqualTo(201);
  }

  /** Types {@code text} as a person does, so the picker asks the server as they type. */
  private static void typeInto(final Page page, final String selector, final String text) {
    page.locator(selector)
        .pressSequentially(text, new Locator.PressSequentiallyOptions().setDelay(40));
  }

  @Test
  void anAgentRaisesANormalChangeAndSeesItOnTheChangePage() {
    final String tag = UUID.randomUUID().toString().substring(0, 6);
    final String mail1 = "mail-server-01-" + tag;
    final String mail2 = "mail-server-02-" + tag;
    final String server1 = ci("server", mail1, null);
    ci("server", mail2, null);
    final String mailApp = ci("application", "Mail transfer " + tag, "high");
    final String email = ci("business_service", "E-mail " + tag, "critical");
    relate(mailApp, "RUNS_ON", server1);
    relate(email, "DEPENDS_ON", mailApp);

    final Page anna = app.signedIn("agent.anna");
    anna.click("nav.fd-nav >> text=Changes");
    anna.waitForURL("**/changes");
    anna.click("#raise-change");
    anna.waitForURL("**/changes/new");

    anna.selectOption("#change-type", "normal");
    anna.fill("#change-summary", "Patch the mail servers");
    anna.fill("#change-description", "Security update for the mail transfer agent");
    // The first CI by keyboard: type, arrow down to the option, Enter.
    typeInto(anna, "#change-affectedCis", "mail-server-01-" + tag.substring(0, 3));
    assertThat(anna.locator("#change-affectedCis-options [role=option]")).hasCount(1);
    assertThat(anna.locator("#change-affectedCis")).hasAttribute("aria-expanded", "true");
    shoot(anna, "change-story-picker");
    anna.keyboard().press("ArrowDown");
    assertThat(anna.locator("#change-affectedCis-options [role=option]").first())
        .hasAttribute("aria-selected", "true");
    anna.keyboard().press("Enter");
    assertThat(anna.locator("#change-affectedCis")).hasValue(mail1);
    assertThat(anna.locator("#change-affectedCis")).hasAttribute("aria-expanded", "false");
    assertThat(anna.locator("[name='chosen:affectedCis']").first()).hasValue(server1);
    // The second by mouse.
    typeInto(anna, "#change-affectedCis-2", "server-02-" + tag);
    anna.click("#change-affectedCis-2-options [role=option]:has-text('" + mail2 + "')");
    assertThat(anna.locator("#change-affectedCis-2")).hasValue(mail2);
    anna.fill("#change-plannedStart", "2030-01-10T22:00");
    anna.fill("#change-plannedEnd", "2030-01-10T20:00");
    anna.fill("#change-implementationPlan", "Patch one server, check mail flow, patch the other");
    anna.fill("#change-backoutPlan", "Restore last night's snapshot");
    anna.fill("#change-assignmentGroup", "service-desk");
    anna.click("#raise-change button[type=submit]");

    assertThat(anna.locator("#change-plannedEnd-error")).containsText("after the planned start");
    assertThat(anna.locator("#change-summary")).hasValue("Patch the mail servers");
    shoot(anna, "change-story-problem");
    anna.fill("#change-plannedEnd", "2030-01-10T23:30");
    anna.click("#raise-change button[type=submit]");

    anna.waitForURL("**/changes/CHG*");
    final String number = anna.textContent("#change-number").strip();
    assertThat(number).matches("CHG\\d{7}");
    assertThat(anna.locator("#type")).hasText("Normal");
    assertThat(anna.locator("#state")).hasText(java.util.regex.Pattern.compile("New|Assess"));
    assertThat(anna.locator("#affected-cis")).containsText(mail1);
    assertThat(anna.locator("#affected-cis")).containsText(mail2);
    assertThat(anna.locator("#backout-plan")).hasText("Restore last night's snapshot");
    assertThat(anna.locator("#timeline")).containsText("Raised by");
    assertThat(anna.locator("#process-diagram svg")).isVisible();
    shoot(anna, "change-story-raised");

    anna.navigate("/changes?type=NORMAL");
    assertThat(anna.locator("#changes")).containsText(number);
    shoot(anna, "change-story-list");

    final Page alice = app.signedIn("alice");
    assertThat(alice.locator("nav.fd-nav >> text=Changes")).hasCount(0);
    assertThat(alice.navigate("/changes/" + number).status()).isEqualTo(403);
    assertThat(alice.request().get("/api/changes/" + number).status()).isEqualTo(403);

    // The end user names the affected CI when reporting an issue, with the same picker.
    alice.navigate("/portal");
    alice.click("text=Report an issue");
    alice.fill("[name=shortDescription]", "No mail since 9:00");
    alice.selectOption("select[name=category]", "software");
    typeInto(alice, "input[name=configurationItem]", mail1);
    assertThat(alice.locator("[role=option]")).hasCount(1);
    assertThat(alice.locator("[role=option]")).containsText("Server");
    shoot(alice, "change-story-report-picker");
    alice.keyboard().press("ArrowDown");
    alice.keyboard().press("Enter");
    alice.check("input[name=impact][value=high]");
    alice.check("input[name=urgency][value=high]");
    alice.click("button:has-text('Send report')");
    alice.waitForURL("**/portal/requests/INC*");
    final String incident = alice.textContent("#incident-number").strip();

    final Page maria = app.signedIn("manager.maria");
    maria.navigate("/incidents/" + incident);
    assertThat(maria.locator("#linked-cis")).containsText(mail1);
    assertThat(maria.locator("#impacted-services tbody tr").first()).containsText("E-mail " + tag);
    assertThat(maria.locator("#impacted-services tbody tr").first()).containsText("critical");
    shoot(maria, "change-story-incident-impact");
  }

  @Test
  void anAgentRaisesAChangeFromAnIncidentAndEachRecordListsTheOther() {
    // The relay the caller names is a CI of the CMDB, which the change then takes.
    ci("server", "mail-relay-01", null);
    final Page alice = app.signedIn("alice");
    alice.navigate("/portal");
    alice.click("text=Report an issue");
    alice.fill("[name=shortDescription]", "Mail relay rejects large attachments");
    alice.fill("[name=description]", "Anything over 10 MB bounces since this morning.");
    alice.selectOption("select[name=category]", "other");
    alice.fill("[name=configurationItem]", "mail-relay-01");
    alice.check("input[name=impact][value=medium]");
    alice.check("input[name=urgency][value=high]");
    alice.click("button:has-text('Send report')");
    alice.waitForURL("**/portal/requests/INC*");
    final String incident = alice.textContent("#incident-number").strip();

    final Page anna = app.signedIn("agent.anna");
    // The incident process gives the incident to the service desk within moments.
    final long until = System.currentTimeMillis() + 60_000;
    while (anna.navigate("/incidents/" + incident).status() != 200) {
      assertThat(System.currentTimeMillis()).isLessThan(until);
      anna.waitForTimeout(500);
    }
    assertThat(anna.locator("#incident-changes")).containsText("No change raised");
    anna.click("#raise-change");
    anna.waitForURL("**/changes/new?incident=" + incident);
    assertThat(anna.locator("#change-summary")).hasValue("Mail relay rejects large attachments");
    assertThat(anna.locator("#change-affectedCis")).hasValue("mail-relay-01");
    assertThat(anna.locator("#change-incidents")).containsText(incident);
    anna.fill("#change-plannedStart", "2030-02-10T21:00");
    anna.fill("#change-plannedEnd", "2030-02-10T22:00");
    anna.fill("#change-implementationPlan", "Raise the relay's message size limit to 25 MB");
    anna.fill("#change-assignmentGroup", "service-desk");
    shoot(anna, "change-story-from-incident-form");
    anna.click("#raise-change button[type=submit]");

    anna.waitForURL("**/changes/CHG*");
    final String change = anna.textContent("#change-number").strip();
    assertThat(anna.locator("#incidents a")).hasText(incident);
    // On a phone the process instance number stays on one line.
    anna.setViewportSize(390, 844);
    final Object lines =
        anna.evaluate(
            "() => { const range = document.createRange();"
                + " range.selectNodeContents(document.getElementById('process-instance'));"
                + " return range.getClientRects().length; }");
    assertThat(((Number) lines).intValue()).isEqualTo(1);
    final Object fits =
        anna.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth");
    assertThat(fits).isEqualTo(true);
    anna.setViewportSize(1280, 900);
    shoot(anna, "change-story-from-incident");

    anna.click("#incidents a");
    anna.waitForURL("**/incidents/" + incident);
    assertThat(anna.locator("#incident-changes")).containsText(change);
    shoot(anna, "change-story-incident-with-change");
  }
}
