package io.flowdesk.app.story;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.flowdesk.app.story.Chromium.shoot;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIRequest;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.RequestOptions;
import io.flowdesk.app.database.ServerProcess;
import io.flowdesk.app.mfa.Base32;
import io.flowdesk.app.mfa.Totp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two-factor sign-in as people live it, in Debian's Chromium against the packaged app with its
 * default settings (admins and managers must have a second factor): a person enrols an
 * authenticator app by the key the page shows, signs out, is asked for a code after the password (a
 * wrong one is told inline), and signs in with a recovery code once; a manager is held to
 * enrolment. Desktop and phone screenshots go to target/screenshots/.
 */
class MfaStoryIT {

  private static final String PASSWORD = "demo-flowdesk-2025";

  @TempDir static Path dataRoot;

  private static StoryApp app;
  private static ServerProcess server;
  private static Playwright playwright;
  private static Browser browser;

  @BeforeAll
  static void startServerAndBrowser() throws Exception {
    app = StoryApp.start(dataRoot.resolve("data"), "--flowdesk.mail.local-server=false");
    server = app.server();
    playwright = app.playwright();
    browser = app.browser();
  }

  @AfterAll
  static void stop() throws Exception {
    if (app != null) {
      app.close();
    }
  }

  private static Page newPage() {
    final BrowserContext context =
        browser.newContext(new Browser.NewContextOptions().setBaseURL(server.baseUrl()));
    context.setDefaultTimeout(20_000);
    return context.newPage();
  }

  /** Types username and password; the page then shows whatever comes next. */
  private static void password(final Page page, final String username) {
    page.navigate("/login");
    page.fill("#username", username);
    page.fill("#password", PASSWORD);
    page.click("button:has-text('Sign in')");
  }

  private static void signOut(final Page page) {
    page.click("button:has-text('Sign out')");
    page.waitForURL("**/login?logout");
  }

  @Test
  void aPersonEnrolsSignsInWithACodeAndUsesARecoveryCodeOnce() throws Exception {
    final Page alice = newPage();
    password(alice, "alice");
    alice.waitForURL("**/portal");
    alice.click("#signed-in-user");
    alice.click("#account-mfa-link");
    alice.waitForURL("**/account/mfa");
    assertThat(alice.locator("#qr-code")).isVisible();
    shoot(alice, "mfa-enrol");
    final byte[] key = Base32.decode(alice.textContent("#secret"));

    alice.fill("#confirm-code", "000000");
    alice.click("button:has-text('Turn on')");
    assertThat(alice.locator("#confirm-error")).containsText("That code does not match.");
    shoot(alice, "mfa-enrol-error");
    final long enrolledStep = Totp.step(Instant.now());
    alice.fill("#confirm-code", Totp.code(key, enrolledStep));
    alice.click("button:has-text('Turn on')");
    assertThat(alice.locator("#recovery-codes li")).hasCount(10);
    shoot(alice, "mfa-recovery-codes");
    final List<String> recoveryCodes = alice.locator("#recovery-codes code").allTextContents();
    signOut(alice);

    password(alice, "alice");
    alice.waitForURL("**/login/mfa");
    alice.navigate("/portal");
    alice.waitForURL("**/login");
    password(alice, "alice");
    alice.waitForURL("**/login/mfa");
    shoot(alice, "mfa-code");
    alice.fill("#code", "123456");
    alice.click("button:has-text('Verify')");
    assertThat(alice.locator("#code-error")).containsText("That code is not right");
    shoot(alice, "mfa-code-error");
    // The code used to enrol is spent: the app's next one comes with the next step.
    while (Totp.step(Instant.now()) <= enrolledStep) {
      Thread.sleep(500);
    }
    alice.fill("#code", Totp.code(key, Totp.step(Instant.now())));
    alice.click("button:has-text('Verify')");
    // On to the page asked for before signing in (the portal, "?continue" marks it).
    alice.waitForURL(java.util.regex.Pattern.compile(".*/portal(\\?continue)?$"));
    assertThat(alice.locator("#signed-in-user")).hasText("Alice Andersen");
    alice.navigate("/account/mfa");
    assertThat(alice.locator("#mfa-status")).containsText("10 of 10 recovery codes left");
    signOut(alice);

    password(alice, "alice");
    alice.waitForURL("**/login/mfa");
    alice.fill("#code", recoveryCodes.get(0));
    alice.check("#remember");
    alice.click("button:has-text('Verify')");
    alice.waitForURL("**/portal");
    assertThat(alice.locator(".fd-flash")).containsText("9 recovery codes are left");
    shoot(alice, "mfa-recovery-sign-in");
    alice.navigate("/account/mfa");
    assertThat(alice.locator("#devices")).isVisible();
    shoot(alice, "mfa-status");
    alice.click("button:has-text('Forget all devices')");
    assertThat(alice.locator("#no-devices")).isVisible();
    signOut(alice);

    password(alice, "alice");
    alice.waitForURL("**/login/mfa");
    alice.fill("#code", recoveryCodes.get(0));
    alice.click("button:has-text('Verify')");
    assertThat(alice.locator("#code-error")).containsText("used already");
  }

  @Test
  void aManagerWithoutASecondFactorIsHeldToEnrolmentByDefault() {
    final Page maria = newPage();
    password(maria, "manager.maria");
    maria.waitForURL("**/account/mfa");
    assertThat(maria.locator("#enrol-required")).containsText("Your role requires");
    shoot(maria, "mfa-required");

    maria.navigate("/inbox");
    assertThat(maria).hasURL(java.util.regex.Pattern.compile(".*/account/mfa$"));
    assertThat(maria.request().get("/api/incidents").status()).isEqualTo(403);
    final APIResponse basic =
        playwright
            .request()
            .newContext(new APIRequest.NewContextOptions().setBaseURL(server.baseUrl()))
            .get(
                "/api/incidents",
                RequestOptions.create()
                    .setHeader(
                        "Authorization",
                        "Basic "
                            + Base64.getEncoder()
                                .encodeToString(
                                    ("manager.maria:" + PASSWORD)
                                        .getBytes(StandardCharsets.UTF_8))));
    assertThat(basic.status()).isEqualTo(401);
    assertThat(basic.text()).contains("personal API token");

    final byte[] key = Base32.decode(maria.textContent("#secret"));
    maria.fill("#confirm-code", Totp.code(key, Totp.step(Instant.now())));
    maria.click("button:has-text('Turn on')");
    assertThat(maria.locator("#recovery-codes li")).hasCount(10);
    maria.navigate("/inbox");
    assertThat(maria).hasURL(java.util.regex.Pattern.compile(".*/inbox$"));
  }
}
