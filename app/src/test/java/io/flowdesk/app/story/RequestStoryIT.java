package io.flowdesk.app.story;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.FilePayload;
import io.flowdesk.app.database.ServerProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request as people live it, in Debian's Chromium against the packaged app: alice orders
 * "Something else" for bob and attaches a file; the service desk's agent sees the request's context
 * in the inbox, opens the agents' request page, writes a work note and a comment; alice reads the
 * comment but never the work note. Desktop and phone screenshots go to target/screenshots/.
 */
class RequestStoryIT {

  private static final String PASSWORD = "demo-flowdesk-2025";
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @TempDir static Path dataRoot;

  private static ServerProcess server;
  private static Playwright playwright;
  private static Browser browser;

  @BeforeAll
  static void startServerAndBrowser() throws Exception {
    server =
        ServerProcess.start(
            dataRoot.resolve("data"),
            List.of("--flowdesk.engine.grpc-port=0", "--flowdesk.mail.local-server=false"));
    final Map<String, String> env = new HashMap<>(System.getenv());
    env.put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
    playwright = Playwright.create(new Playwright.CreateOptions().setEnv(env));
    browser =
        playwright
            .chromium()
            .launch(
                new BrowserType.LaunchOptions()
                    .setExecutablePath(CHROMIUM)
                    .setHeadless(true)
                    .setArgs(List.of("--no-sandbox", "--disable-gpu", "--no-first-run")));
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
    if (playwright != null) {
      playwright.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private static Page signedIn(final String username) {
    final BrowserContext context =
        browser.newContext(new Browser.NewContextOptions().setBaseURL(server.baseUrl()));
    context.setDefaultTimeout(20_000);
    final Page page = context.newPage();
    page.navigate("/login");
    page.fill("#username", username);
    page.fill("#password", PASSWORD);
    page.click("button:has-text('Sign in')");
    page.waitForURL("**/portal");
    return page;
  }

  private static FilePayload file(final String name, final String text) {
    return new FilePayload(name, "text/plain", text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void anOrderForAColleagueReachesTheInboxWithItsContextAndWorkNotesStayInternal() {
    final Page alice = signedIn("alice");
    alice.navigate("/portal");
    alice.click("#item-something-else a");
    alice.fill("#requested-for", "nobody.here");
    alice.fill("[name=subject]", "A second monitor for room 4.12");
    alice.fill("[name=details]", "For the weekly planning meeting, by Friday.");
    alice.click("button:has-text('Send request')");
    assertThat(alice.locator("#requested-for-error")).containsText("nobody.here");
    assertThat(alice.locator("[name=subject]")).hasValue("A second monitor for room 4.12");
    Screenshots.shoot(alice, "request-item-error");
    alice.fill("#requested-for", "bob");
    alice.click("button:has-text('Send request')");
    alice.waitForURL("**/portal/requests/REQ*");
    final String number = alice.textContent("#request-number").strip();
    assertThat(alice.locator("#requested-for")).hasText("bob");
    alice.setInputFiles("#attachment-file", file("room-4.12-plan.txt", "Desk by the window"));
    alice.click("#attachment-file ~ button:has-text('Attach')");
    assertThat(alice.locator("#attachments")).containsText("room-4.12-plan.txt");

    final Page anna = signedIn("agent.anna");
    await("the task in the service desk's inbox")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              anna.navigate("/inbox?view=groups&sort=created");
              return anna.locator("tr:has-text('" + number + "')").count() == 1;
            });
    final Locator row = anna.locator("tr:has-text('" + number + "')");
    assertThat(row.locator(".fd-request-context")).containsText("by alice for bob");
    assertThat(row.locator(".fd-request-context")).containsText("A second monitor for room 4.12");
    Screenshots.shoot(anna, "inbox-request");

    row.locator(".fd-request-context a").click();
    anna.waitForURL("**/requests/" + number);
    anna.fill("#journal-text", "Monitor from stock, asset 4711");
    anna.click("button:has-text('Add work note')");
    assertThat(anna.locator(".fd-flash")).containsText("Work note added");
    anna.fill("#journal-text", "Your monitor arrives on Thursday.");
    anna.click("button:has-text('Add comment')");
    anna.setInputFiles("#attachment-file", file("delivery-note.txt", "Asset 4711"));
    anna.click("#attachment-file ~ button:has-text('Attach')");
    assertThat(anna.locator("#attachments")).containsText("delivery-note.txt");
    assertThat(anna.locator("#timeline")).containsText("Monitor from stock, asset 4711");
    assertThat(anna.locator("#process-diagram svg")).isVisible();
    Screenshots.shoot(anna, "agent-request");

    alice.navigate("/portal/requests/" + number);
    assertThat(alice.locator("#timeline")).containsText("Your monitor arrives on Thursday.");
    assertThat(alice.locator("body")).not().containsText("4711");
    assertThat(alice.locator("#attachments")).containsText("delivery-note.txt");
    Screenshots.shoot(alice, "portal-request");

    final Page bob = signedIn("bob");
    bob.navigate("/portal/items/something-else");
    Screenshots.shoot(bob, "request-item");
    assertThat(bob.navigate("/requests/" + number).status()).isEqualTo(403);
  }
}
