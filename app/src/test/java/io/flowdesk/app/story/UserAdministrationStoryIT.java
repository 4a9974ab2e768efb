package io.flowdesk.app.story;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.flowdesk.app.story.Chromium.shoot;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.flowdesk.app.database.ServerProcess;
import io.flowdesk.app.mfa.Base32;
import io.flowdesk.app.mfa.SecondFactors;
import io.flowdesk.app.mfa.Totp;
import jakarta.mail.Message;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * User administration as people live it, in Debian's Chromium against the packaged app in its local
 * default (embedded PostgreSQL, demo people, local mail server): an admin creates a user, the user
 * gets the set-password mail, sets a password through the link (a too-short one first, refused
 * inline), signs in, turns on two-factor sign-in, signs out and in again with a code from their
 * app, the admin sees it on and disables them, and their open session ends at once.
 */
class UserAdministrationStoryIT {

  private static final String ADMIN_PASSWORD = "demo-flowdesk-2025";
  private static final String PASSWORD = "copper kettle on the windowsill";
  private static final Pattern LINK = Pattern.compile("http://localhost:\\d+(/password/[\\w-]+)");

  @TempDir static Path dataRoot;

  private static StoryApp app;
  private static ServerProcess server;
  private static int imapPort;
  private static Playwright playwright;
  private static Browser browser;

  @BeforeAll
  static void startServerAndBrowser() throws Exception {
    imapPort = ServerProcess.freePort();
    app =
        StoryApp.start(
            dataRoot.resolve("data"),
            "--flowdesk.mail.local-smtp-port=0",
            "--flowdesk.mail.local-imap-port=" + imapPort);
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

  /** A fresh browser with its own cookies. */
  private static Page newBrowser() {
    final BrowserContext context =
        browser.newContext(new Browser.NewContextOptions().setBaseURL(server.baseUrl()));
    context.setDefaultTimeout(20_000);
    return context.newPage();
  }

  private static void signIn(final Page page, final String username, final String password) {
    page.navigate("/login");
    page.fill("#username", username);
    page.fill("#password", password);
    page.click("button:has-text('Sign in')");
    // Each lands on their work (admins /admin, agents their inbox).
    page.waitForURL(url -> !url.contains("/login"));
  }

  /**
   * Turns on two-factor sign-in on {@code /account/mfa}, reading the key shown on the page as an
   * authenticator app would; answers the key and the time step of the code used.
   */
  private static Enrolment enrol(final Page page) {
    final byte[] key = Base32.decode(page.textContent("#secret"));
    final long step = Totp.step(Instant.now());
    page.fill("#confirm-code", Totp.code(key, step));
    page.click("button:has-text('Turn on')");
    assertThat(page.locator("#recovery-codes li")).hasCount(SecondFactors.RECOVERY_CODES);
    return new Enrolment(key, step);
  }

  private record Enrolment(byte[] key, long step) {}

  @Test
  void aCreatedUserSetsTheirPasswordEnrolsTotpSignsInWithACodeAndIsSignedOutWhenDisabled()
      throws Exception {
    final Page admin = newBrowser();
    // Admins must use a second factor (the default): the first sign-in leads to enrolment.
    admin.navigate("/login");
    admin.fill("#username", "admin");
    admin.fill("#password", ADMIN_PASSWORD);
    admin.click("button:has-text('Sign in')");
    admin.waitForURL("**/account/mfa**");
    enrol(admin);
    admin.navigate("/admin/users/new");
    admin.fill("#username", "nora.new");
    admin.fill("#displayName", "Nora New");
    admin.fill("#email", "nora@example.com");
    admin.fill("#phone", "+41 44 555 01 02");
    admin.check("input[name=group][value=service-desk]");
    admin.click("button:has-text('Create user')");
    admin.waitForURL("**/admin/users/nora.new");
    assertThat(admin.locator("#notice")).containsText("mailed to nora@example.com");
    shoot(admin, "admin-user");

    final Message mail =
        StoryMail.awaitMail(imapPort, "nora@example.com", "Choose your Flowdesk password");
    final Matcher link = LINK.matcher(mail.getContent().toString());
    assertThat(link.find()).as("the set-password link in the mail").isTrue();

    final Page nora = newBrowser();
    nora.navigate(link.group(1));
    assertThat(nora.locator("#link-username")).hasText("nora.new");
    nora.fill("#password", "too short pw");
    nora.fill("#repeatPassword", "too short pw");
    nora.click("button:has-text('Set password')");
    assertThat(nora.locator("#password-problems")).containsText("Minimum length");
    shoot(nora, "set-password-refused");
    nora.fill("#password", PASSWORD);
    nora.fill("#repeatPassword", PASSWORD);
    nora.click("button:has-text('Set password')");
    nora.waitForURL("**/login");
    assertThat(nora.locator(".fd-flash")).containsText("Your password is set");
    signIn(nora, "nora.new", PASSWORD);
    nora.navigate("/account");
    assertThat(nora.locator("#phone")).hasValue("+41 44 555 01 02");
    shoot(nora, "account");

    nora.navigate("/account/mfa");
    final Enrolment enrolment = enrol(nora);
    nora.click("button:has-text('Sign out')");
    nora.waitForURL("**/login?logout");
    nora.fill("#username", "nora.new");
    nora.fill("#password", PASSWORD);
    nora.click("button:has-text('Sign in')");
    nora.waitForURL("**/login/mfa");
    // The code used to enrol is spent: the app's next one comes with the next step.
    while (Totp.step(Instant.now()) <= enrolment.step()) {
      Thread.sleep(500);
    }
    nora.fill("#code", Totp.code(enrolment.key(), Totp.step(Instant.now())));
    shoot(nora, "user-story-mfa-code");
    nora.click("button:has-text('Verify')");
    nora.waitForURL(Pattern.compile(".*/portal(\\?continue)?$"));
    assertThat(nora.locator("#signed-in-user")).hasText("Nora New");

    admin.navigate("/admin/users?q=nora");
    assertThat(admin.locator("#users")).containsText("nora.new");
    shoot(admin, "admin-users");
    admin.click("#users a:has-text('nora.new')");
    assertThat(admin.locator("#user-mfa")).hasText("On");
    assertThat(admin.locator("#reset-mfa")).isVisible();
    shoot(admin, "admin-user-mfa-on");
    admin.click("#disable-user");
    assertThat(admin.locator("#user-status")).hasText("Disabled");

    nora.navigate("/portal");
    assertThat(URI.create(nora.url()).getPath()).isEqualTo("/login");
    assertThat(nora.locator("#signed-in-user")).hasCount(0);

    admin.navigate("/admin/groups/service-desk");
    shoot(admin, "admin-group");
    admin.navigate("/admin/groups");
    shoot(admin, "admin-groups");
    final Page anonymous = newBrowser();
    anonymous.navigate("/login");
    anonymous.click("#forgot-password-link");
    anonymous.fill("#account", "nobody@example.com");
    anonymous.click("button:has-text('Mail me a link')");
    assertThat(anonymous.locator("#reset-requested")).containsText("If an account");
    shoot(anonymous, "forgot-password");
  }
}
