package io.flowdesk.app.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.flowdesk.app.WebTestSupport;
import io.flowdesk.app.story.Chromium;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 23 in Debian's Chromium: each demo role signs in through the sign-in form and lands on its
 * work (end users the portal, agents and managers the inbox, process owners the operations console,
 * CAB members the changes awaiting them, admins the admin pages), and {@code /} shows where
 * Flowdesk keeps its state (database, engine addresses) to admins only. Every page is shot at 1280
 * and 375 px into target/screenshots/ for a person to look at, and must not stick out sideways.
 */
class LandingStoryTest extends WebTestSupport {

  private static final int PHONE = 375;

  /** Who signs in, where they land, and the heading that page shows. */
  private record Landing(String username, String role, String path, String heading) {}

  private static final List<Landing> LANDINGS =
      List.of(
          new Landing("alice", "end-user", "/portal", "How can we help?"),
          new Landing("agent.anna", "agent", "/inbox", "Inbox"),
          new Landing("manager.maria", "manager", "/inbox", "Inbox"),
          new Landing("owner.otto", "process-owner", "/operate", "Processes"),
          new Landing("cab.carl", "cab-member", "/changes/cab", "Changes awaiting the CAB"),
          new Landing("admin", "admin", "/admin", "Admin"));

  // What would tell a non-admin where and how Flowdesk keeps its state.
  private static final List<String> INFRASTRUCTURE =
      List.of("PostgreSQL", "jdbc:", "gRPC", "127.0.0.1", "localhost:", "first started");

  @Test
  void eachRoleLandsOnItsOwnWorkAfterSigningIn() {
    try (Playwright playwright = Chromium.playwright();
        Browser browser = Chromium.launch(playwright)) {
      for (final Landing landing : LANDINGS) {
        final Page page = signInThroughTheForm(browser, landing.username());

        assertThat(URI.create(page.url()).getPath())
            .as("where %s (%s) lands", landing.username(), landing.role())
            .isEqualTo(landing.path());
        assertThat(page.locator("main h1").first().textContent().trim())
            .as("the heading %s sees", landing.username())
            .isEqualTo(landing.heading());
        assertThat(page.locator("#signed-in-user").textContent()).isNotBlank();
        look(page, "landing-" + landing.role());
        page.context().close();
      }
    }
  }

  @Test
  void theStartPageShowsWhereFlowdeskKeepsItsStateToAdminsOnly() {
    try (Playwright playwright = Chromium.playwright();
        Browser browser = Chromium.launch(playwright)) {
      for (final Landing landing : LANDINGS) {
        final Page page = signInThroughTheForm(browser, landing.username());
        page.navigate("/");
        assertThat(page.locator("#version").isVisible()).isTrue();
        assertThat(page.locator("#signed-in-user").count())
            .as("the page frame with the menu and Sign out, as on every other page")
            .isEqualTo(1);

        if (landing.role().equals("admin")) {
          assertThat(page.locator("#database").textContent()).contains("PostgreSQL at jdbc:");
          assertThat(page.locator("#engine").textContent()).contains("gRPC");
          assertThat(page.locator("#installed").textContent()).contains("first started");
          look(page, "start-page-admin");
        } else {
          assertThat(page.locator("#database, #engine, #installed").count())
              .as("infrastructure fields %s sees on /", landing.username())
              .isZero();
          final String text = page.locator("body").innerText();
          for (final String detail : INFRASTRUCTURE) {
            assertThat(text).as("what %s sees on /", landing.username()).doesNotContain(detail);
          }
          if (landing.role().equals("agent")) {
            look(page, "start-page-agent");
          }
        }
        page.context().close();
      }
    }
  }

  /** Shoots what the page shows now, and checks it fits the phone and the desktop. */
  private static void look(final Page page, final String name) {
    Chromium.shoot(page, name, PHONE);
    for (final int width : new int[] {PHONE, 1280}) {
      page.setViewportSize(width, 900);
      assertThat(
              (Boolean)
                  page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"))
          .as("%s sticks out sideways at %d px", name, width)
          .isTrue();
      assertThat(Chromium.wrappedTexts(page, "time, .fd-nowrap, .fd-number"))
          .as("dates broken over lines on %s at %d px", name, width)
          .isEmpty();
    }
  }
}
