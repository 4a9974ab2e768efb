package io.flowdesk.app.story;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.flowdesk.app.story.Chromium.shoot;
import static io.flowdesk.app.story.Chromium.wrappedTexts;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIRequestContext;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20's reports story in Debian's Chromium against the packaged app on a fresh database: alice
 * reports three incidents (two about mail software, one about the network); a manager opens
 * /reports, sees today's three in the daily numbers and the categories, switches a chart to its
 * table view and downloads its CSV; an agent filters the incident list and opens a record from it;
 * an end user is refused both. Screenshots at desktop and phone width, and nothing wider than a
 * phone's screen.
 */
class ReportsStoryIT {

  @TempDir static Path dataRoot;

  private static StoryApp app;

  @BeforeAll
  static void start() throws Exception {
    app = StoryApp.start(dataRoot.resolve("data"), "--flowdesk.security.mfa.required-roles=");
    final APIRequestContext api = app.playwright().request().newContext();
    try {
      final String basic =
          Base64.getEncoder()
              .encodeToString(("alice:" + StoryApp.PASSWORD).getBytes(StandardCharsets.UTF_8));
      for (final String[] incident :
          new String[][] {
            {"Mail does not arrive", "software"},
            {"Mail bounces", "software"},
            {"No network on floor 3", "network"}
          }) {
        final APIResponse answer =
            api.post(
                app.server().baseUrl() + "/api/incidents",
                RequestOptions.create()
                    .setHeader("Authorization", "Basic " + basic)
                    .setData(
                        Map.of(
                            "shortDescription",
                            "Story " + incident[0],
                            "category",
                            incident[1],
                            "impact",
                            "MEDIUM",
                            "urgency",
                            "MEDIUM")));
        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
      }
    } finally {
      api.dispose();
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (app != null) {
      app.close();
    }
  }

  private static boolean fitsThePhone(final Page page) {
    page.setViewportSize(390, 844);
    final Object fits =
        page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth");
    page.setViewportSize(1280, 900);
    return Boolean.TRUE.equals(fits);
  }

  @Test
  void aManagerReadsTheReportsAndAnAgentFiltersTheList() throws Exception {
    final String today = LocalDate.now(ZoneOffset.UTC).toString();
    final Page maria = app.signedIn("manager.maria");
    maria.click("#more-menu > summary"); // Reports waits behind More in the desktop header
    maria.click("nav >> text=Reports");
    assertThat(maria.locator("h1")).hasText("Reports");
    assertThat(maria.locator("#report-daily svg.fd-chart-svg circle").first()).isVisible();
    assertThat(maria.locator("#report-categories svg rect")).hasCount(2);

    maria.click("#report-daily summary");
    final var todayRow = maria.locator("#report-daily tbody tr").last();
    assertThat(todayRow.locator("td").nth(0)).hasText(today);
    assertThat(todayRow.locator("td").nth(1)).hasText("3");
    maria.click("#report-categories summary");
    assertThat(maria.locator("#report-categories tbody tr").nth(0)).hasText("software 2");
    assertThat(maria.locator("#report-categories tbody tr").nth(1)).hasText("network 1");
    shoot(maria, "reports");
    assertThat(fitsThePhone(maria)).as("nothing wider than a phone").isTrue();
    // Each day of the daily table on one line, on the desktop and on a phone (the cells keep their
    // dates unbroken with fd-nowrap; a date may break after its hyphens otherwise).
    final String days = "#report-daily tbody td:first-child";
    assertThat(maria.locator(days).first()).isVisible();
    assertThat(maria.locator(days).count()).isGreaterThan(1);
    for (final int width : new int[] {1280, 390}) {
      maria.setViewportSize(width, 900);
      assertThat(wrappedTexts(maria, days)).as("days broken over lines at %d px", width).isEmpty();
    }
    maria.setViewportSize(1280, 900);

    final Download download = maria.waitForDownload(() -> maria.click("#csv-categories"));
    final String csv = Files.readString(download.path(), StandardCharsets.UTF_8);
    assertThat(csv)
        .isEqualTo("\"Category\",\"Incidents\"\r\n\"software\",\"2\"\r\n\"network\",\"1\"\r\n");

    final Page anna = app.signedIn("agent.anna");
    anna.click("nav >> text=Incidents");
    anna.fill("#f-q", "Story Mail");
    anna.click("#apply-filters");
    // Anna sees the incidents of her groups only; the manager's list is the yardstick.
    maria.navigate("/incidents?q=Story+Mail&group=service-desk");
    final int serviceDesk = maria.locator("#incidents tbody tr").count();
    assertThat(anna.locator("#incidents tbody tr")).hasCount(serviceDesk);
    shoot(anna, "incident-list");
    assertThat(fitsThePhone(anna)).isTrue();
    if (serviceDesk > 0) {
      anna.locator("#incidents tbody tr a").first().click();
      assertThat(anna.locator("h1")).containsText("INC");
    }

    final Page alice = app.signedIn("alice");
    assertThat(alice.locator("nav >> text=Reports")).hasCount(0);
    assertThat(alice.navigate("/reports").status()).isEqualTo(403);
    assertThat(alice.navigate("/incidents").status()).isEqualTo(403);
  }
}
