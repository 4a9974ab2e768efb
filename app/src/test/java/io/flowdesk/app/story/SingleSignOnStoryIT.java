package io.flowdesk.app.story;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.flowdesk.app.story.Chromium.shoot;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.flowdesk.app.database.ServerProcess;
import io.flowdesk.testing.sso.TestIdentityProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signing in with OpenID Connect as a person does it, in Debian's Chromium against the packaged
 * app: the button on Flowdesk's sign-in page, the provider's own sign-in page (a real Spring
 * Authorization Server started by the test), and back in Flowdesk as an agent of the service desk,
 * as the provider's role and group say. Screenshots (desktop 1280, phone 390) go to
 * target/screenshots/.
 */
class SingleSignOnStoryIT {

  @TempDir static Path dataRoot;

  private static StoryApp app;
  private static ServerProcess server;
  private static TestIdentityProvider provider;
  private static Playwright playwright;
  private static Browser browser;

  @BeforeAll
  static void startServersAndBrowser() throws Exception {
    final int providerPort = ServerProcess.freePort();
    final String oidc = "--flowdesk.security.oidc.";
    app =
        StoryApp.start(
            dataRoot.resolve("data"),
            // Patience for the engine on a loaded test machine (the default is 10 s).
            "--camunda.client.request-timeout=PT60S",
            oidc + "issuer-uri=http://127.0.0.1:" + providerPort,
            oidc + "client-id=" + TestIdentityProvider.CLIENT_ID,
            oidc + "client-secret=" + TestIdentityProvider.CLIENT_SECRET,
            oidc + "display-name=Example SSO",
            oidc + "role-mapping.flowdesk-agents=AGENT",
            oidc + "group-mapping.desk=service-desk");
    server = app.server();
    provider = TestIdentityProvider.start(server.baseUrl(), providerPort);
    provider.person(
        "olivia",
        "olivia-idp-password",
        Map.of(
            "preferred_username", "olivia",
            "name", "Olivia Oidc",
            "email", "olivia@idp.example.com",
            "roles", List.of("flowdesk-agents"),
            "groups", List.of("desk")));
    playwright = app.playwright();
    browser = app.browser();
  }

  @AfterAll
  static void stop() throws Exception {
    if (provider != null) {
      provider.close();
    }
    if (app != null) {
      app.close();
    }
  }

  @Test
  void aPersonSignsInWithTheProviderAndArrivesAsAnAgentOfTheirGroup() {
    final BrowserContext context =
        browser.newContext(new Browser.NewContextOptions().setBaseURL(server.baseUrl()));
    context.setDefaultTimeout(30_000);
    final Page page = context.newPage();

    page.navigate("/login");
    assertThat(page.locator("#sso-sign-in")).hasText("Sign in with Example SSO");
    assertThat(page.locator("#username")).isVisible();
    shoot(page, "sso-login");

    page.click("#sso-sign-in");
    page.waitForURL(provider.issuer() + "/login");
    shoot(page, "sso-provider-login");
    page.fill("#username", "olivia");
    page.fill("#password", "olivia-idp-password");
    page.click("button[type=submit]");

    // An agent lands on their inbox.
    page.waitForURL(server.baseUrl() + "/inbox");
    assertThat(page.locator("#signed-in-user")).hasText("Olivia Oidc");
    assertThat(page.locator("nav.fd-nav")).containsText("Inbox");
    shoot(page, "sso-signed-in");
    org.assertj.core.api.Assertions.assertThat(page.navigate("/inbox?view=groups").status())
        .as("the inbox, for an agent signed in by the provider")
        .isEqualTo(200);
  }
}
