package io.flowdesk.app.design;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.camunda.client.CamundaClient;
import io.flowdesk.app.IncidentTasks;
import io.flowdesk.app.WebTestSupport;
import io.flowdesk.app.story.Chromium;
import io.flowdesk.domain.incident.IncidentRecords;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The product's look in Debian's Chromium: an end user's portal and report form, an agent's inbox
 * and incident page, shot at 1280 and 375 px into target/screenshots/ for a person to look at; on
 * the phone and the desktop nothing sticks out sideways and no date breaks over lines.
 */
class DesignStoryTest extends WebTestSupport {

  private static final int PHONE = 375;

  @Autowired CamundaClient client;
  @Autowired IncidentRecords records;

  @Test
  void portalReportFormInboxAndIncidentPageFitDesktopAndPhone() {
    final IncidentTasks.Waiting waiting =
        new IncidentTasks(client, records)
            .reportedBy(
                "alice",
                "The projector in meeting room Aurora-4 shows no picture from any laptop",
                "Since this morning the projector in Aurora-4 stays blue whatever we connect:"
                    + " HDMI, USB-C and the wireless dongle. We restarted it twice and tried"
                    + " three laptops. The 14:00 customer presentation depends on it.");

    try (Playwright playwright = Chromium.playwright();
        Browser browser = Chromium.launch(playwright)) {
      final Page alice = signedIn(browser, "alice");
      look(alice, "/portal", "design-portal");
      look(alice, "/portal/report", "design-report-form");

      final Page anna = signedIn(browser, "agent.anna");
      look(anna, "/inbox?view=groups&sort=created", "design-inbox");
      assertThat(anna.locator("tr[data-task-key='" + waiting.key() + "']").count()).isEqualTo(1);
      look(anna, "/incidents/" + waiting.number(), "design-incident-record");
    }
  }

  private Page signedIn(final Browser browser, final String username) {
    final Page page =
        browser
            .newContext(new Browser.NewContextOptions().setBaseURL("http://localhost:" + webPort()))
            .newPage();
    page.setDefaultTimeout(30_000);
    page.navigate("/login");
    page.fill("#username", username);
    page.fill("#password", DEMO_PASSWORD);
    page.click("button:has-text('Sign in')");
    page.waitForURL(url -> !url.contains("/login"));
    return page;
  }

  /** Opens {@code path}, shoots it, and checks it on the phone and the desktop. */
  private static void look(final Page page, final String path, final String name) {
    page.navigate(path);
    Chromium.shoot(page, name, PHONE);
    for (final int width : new int[] {PHONE, 1280}) {
      page.setViewportSize(width, 900);
      assertThat(
              (Boolean)
                  page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"))
          .as("%s sticks out sideways at %d px", path, width)
          .isTrue();
      assertThat(wrappedDates(page))
          .as("dates broken over lines on %s at %d px", path, width)
          .isEmpty();
    }
  }

  /** The dates that take more than one line (inline: several boxes; a block: its height). */
  @SuppressWarnings("unchecked")
  private static List<String> wrappedDates(final Page page) {
    return (List<String>)
        page.evaluate(
            "() => [...document.querySelectorAll('time')]"
                + ".filter(t => t.getClientRects().length > 1 || t.getBoundingClientRect().height"
                + " > 1.9 * parseFloat(getComputedStyle(t).fontSize))"
                + ".map(t => t.textContent.trim())");
  }
}
