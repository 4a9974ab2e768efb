package io.flowdesk.app.story;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.flowdesk.app.story.Chromium.shoot;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.flowdesk.app.database.ServerProcess;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21's notification templates in Debian's Chromium against the packaged app with its local
 * mail server: the admin opens Notifications, edits the resolution mail's template, is told at the
 * field about a variable that does not exist, previews it with sample values (the HTML part in a
 * sandboxed frame, values escaped), sends a test to herself, reads it from the local mailbox and
 * saves. An agent is refused the page. Screenshots at 1280 and 375 px.
 */
class NotificationTemplatesStoryIT {

  @TempDir static Path dataRoot;

  private static StoryApp app;
  private static int imapPort;

  @BeforeAll
  static void start() throws Exception {
    imapPort = ServerProcess.freePort();
    app =
        StoryApp.start(
            dataRoot.resolve("data"),
            "--flowdesk.security.mfa.required-roles=",
            "--flowdesk.mail.local-smtp-port=0",
            "--flowdesk.mail.local-imap-port=" + imapPort);
  }

  @AfterAll
  static void stop() throws Exception {
    if (app != null) {
      app.close();
    }
  }

  private static boolean fitsThePhone(final Page page) {
    page.setViewportSize(375, 812);
    final Object fits =
        page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth");
    page.setViewportSize(1280, 900);
    return Boolean.TRUE.equals(fits);
  }

  @Test
  void anAdminEditsPreviewsTestSendsAndSavesTheResolutionMail() throws Exception {
    final Page admin = app.signedIn("admin");
    admin.navigate("/admin");
    admin.click("#admin-pages >> text=Notifications");
    assertThat(admin.locator("h1")).hasText("Notifications");
    assertThat(admin.locator("#template-incident-resolved"))
        .containsText("Resolved: {{record.title}}");
    shoot(admin, "notification-templates", 375);
    assertThat(fitsThePhone(admin)).as("the list fits a phone").isTrue();

    admin.click("#template-incident-resolved a");
    assertThat(admin.locator("h1")).hasText("Incident resolved");
    assertThat(admin.locator("#variables")).containsText("{{resolution.notes}}");

    admin.fill("#subject", "Fixed: {{record.title}} ({{record.number}})");
    admin.fill(
        "#html",
        "<p>Hello {{person.name}}, <b>{{record.number}}</b> is fixed: {{resolution.note}}</p>");
    admin.click("#preview-button");
    assertThat(admin.locator("#html-error")).containsText("unknown variable {{resolution.note}}");
    assertThat(admin.locator("#preview")).hasCount(0);

    admin.fill(
        "#html",
        "<p>Hello {{person.name}}, <b>{{record.number}}</b> is fixed: {{resolution.notes}}</p>"
            + "<script>alert(1)</script>");
    admin.click("#preview-button");
    assertThat(admin.locator("#preview-subject"))
        .hasText("Fixed: VPN drops every few minutes (INC0001234)");
    assertThat(admin.locator("#preview-text")).containsText("Hello Alice Example,");
    final var frame = admin.frameLocator("#preview-html");
    assertThat(frame.locator("b")).hasText("INC0001234");
    assertThat(frame.locator("script")).hasCount(0);
    shoot(admin, "notification-template-preview", 375);
    assertThat(fitsThePhone(admin)).as("the editor fits a phone").isTrue();

    admin.click("#test-send");
    assertThat(admin.locator("#notice")).hasText("Test mail sent to admin@example.com.");
    final Message mail =
        StoryMail.awaitMail(imapPort, "admin@example.com", "[Test] Fixed: VPN drops");
    assertThat(mail.getContent()).isInstanceOf(Multipart.class);

    admin.click("#save");
    assertThat(admin.locator("#notice")).hasText("Incident resolved template saved.");
    assertThat(admin.locator("#subject")).hasValue("Fixed: {{record.title}} ({{record.number}})");
    admin.navigate("/admin/notifications");
    assertThat(admin.locator("#template-incident-resolved"))
        .containsText("Fixed: {{record.title}} ({{record.number}})");

    final Page anna = app.signedIn("agent.anna");
    assertThat(anna.navigate("/admin/notifications").status()).isEqualTo(403);
  }
}
