package io.flowdesk.app.setup;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.flowdesk.app.Browser;
import io.flowdesk.app.StandaloneApp;
import io.flowdesk.app.passwordchange.RequiredPasswordChanges;
import io.flowdesk.app.story.Chromium;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * The first administrator from FLOWDESK_ADMIN_USERNAME / _PASSWORD must choose a password of their
 * own before anything else: a password given in an environment variable sits in a compose file or a
 * shell's history. Pages lead to the change-password page, the API answers a problem document
 * naming why (by HTTP Basic and by session), and after the change everything opens.
 */
class FirstAdministratorPasswordChangeTest {

  private static final String GIVEN = "plum tractor under seven lanterns";
  private static final String CHOSEN = "violet harbour keeps nine quiet ferries";

  @Test
  void theAdministratorFromTheEnvironmentChangesThePasswordBeforeAnythingElse() throws Exception {
    try (StandaloneApp app =
        StandaloneApp.start(
            "flowdesk.setup.admin.username=root",
            "flowdesk.setup.admin.password=" + GIVEN,
            "flowdesk.setup.admin.email=root@example.com")) {
      final String base = app.baseUrl();

      final HttpResponse<String> basic = basic(base + "/api/incidents", "root", GIVEN);
      assertThat(basic.statusCode()).isEqualTo(403);
      assertThat(basic.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
      assertThat(basic.body())
          .contains("\"status\":403")
          .contains("must change its password")
          .contains("FLOWDESK_ADMIN_PASSWORD")
          .contains("/account/password");
      // A wrong password learns nothing about the hold.
      final HttpResponse<String> wrong = basic(base + "/api/incidents", "root", GIVEN + "x");
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(wrong.body()).doesNotContain("change its password");

      final Browser admin = new Browser();
      admin.signIn(base, "root", GIVEN);
      for (final String page : new String[] {"/admin", "/admin/users", "/account", "/portal"}) {
        assertThat(admin.get(base + page).headers().firstValue("Location"))
            .as("where %s leads", page)
            .hasValueSatisfying(location -> assertThat(location).endsWith("/account/password"));
      }
      final HttpResponse<String> held = admin.get(base + "/api/incidents");
      assertThat(held.statusCode()).isEqualTo(403);
      assertThat(held.body()).contains("must change its password");
      final HttpResponse<String> page = admin.get(base + "/account/password");
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("id=\"password-required\"", "FLOWDESK_ADMIN_PASSWORD");

      final HttpResponse<String> withoutToken =
          admin.post(base + "/account/password", change(GIVEN, CHOSEN, CHOSEN));
      assertThat(withoutToken.statusCode()).isEqualTo(403);
      final HttpResponse<String> same =
          admin.submit(
              base + "/account/password", base + "/account/password", change(GIVEN, GIVEN, GIVEN));
      assertThat(same.statusCode()).isEqualTo(422);
      assertThat(same.body())
          .contains("choose a password other than the one you were given")
          .contains("id=\"password-required\"");
      final HttpResponse<String> wrongCurrent =
          admin.submit(
              base + "/account/password",
              base + "/account/password",
              change(CHOSEN, CHOSEN, CHOSEN));
      assertThat(wrongCurrent.statusCode()).isEqualTo(422);
      assertThat(app.bean(RequiredPasswordChanges.class).reason("root")).isPresent();

      final HttpResponse<String> changed =
          admin.submit(
              base + "/account/password",
              base + "/account/password",
              change(GIVEN, CHOSEN, CHOSEN));
      assertThat(changed.headers().firstValue("Location"))
          .as("on to the administrator's home page")
          .hasValueSatisfying(location -> assertThat(location).endsWith("/admin"));
      assertThat(app.bean(RequiredPasswordChanges.class).reason("root")).isEmpty();
      assertThat(admin.get(base + "/admin/users").statusCode()).isEqualTo(200);
      assertThat(admin.get(base + "/api/incidents").statusCode()).isEqualTo(200);
      assertThat(basic(base + "/api/incidents", "root", CHOSEN).statusCode()).isEqualTo(200);
      assertThat(basic(base + "/api/incidents", "root", GIVEN).statusCode()).isEqualTo(401);

      // A later sign-in goes straight on.
      final Browser later = new Browser();
      later.signIn(base, "root", CHOSEN);
      assertThat(later.get(base + "/admin/users").statusCode()).isEqualTo(200);
    }
  }

  /** As the administrator sees it in Debian's Chromium, shot into target/screenshots/. */
  @Test
  void inTheBrowserTheFirstSignInLeadsToTheChangeAndThenToAdministration() {
    try (StandaloneApp app =
            StandaloneApp.start(
                "flowdesk.setup.admin.username=root",
                "flowdesk.setup.admin.password=" + GIVEN,
                "flowdesk.setup.admin.email=root@example.com");
        Playwright playwright = Chromium.playwright();
        com.microsoft.playwright.Browser chromium = Chromium.launch(playwright)) {
      final Page page =
          chromium
              .newContext(
                  new com.microsoft.playwright.Browser.NewContextOptions()
                      .setBaseURL(app.baseUrl()))
              .newPage();
      page.setDefaultTimeout(60_000);
      page.navigate("/login");
      page.fill("#username", "root");
      page.fill("#password", GIVEN);
      page.click("button:has-text('Sign in')");
      page.waitForURL(url -> url.endsWith("/account/password"));
      assertThat(page.locator("#password-required").textContent())
          .contains("Choose your own password", "FLOWDESK_ADMIN_PASSWORD");
      Chromium.shoot(page, "first-admin-password-required");

      page.navigate("/admin/users");
      page.waitForURL(url -> url.endsWith("/account/password"));

      page.fill("#currentPassword", GIVEN);
      page.fill("#password", GIVEN);
      page.fill("#repeatPassword", GIVEN);
      page.click("#change-password button[type=submit]");
      assertThat(page.locator("#password-problems").textContent())
          .contains("other than the one you were given");
      Chromium.shoot(page, "first-admin-password-same");

      page.fill("#currentPassword", GIVEN);
      page.fill("#password", CHOSEN);
      page.fill("#repeatPassword", CHOSEN);
      page.click("#change-password button[type=submit]");
      page.waitForURL(url -> url.endsWith("/admin"));
      assertThat(page.content()).contains("Your password is changed");
      Chromium.shoot(page, "first-admin-password-changed");
      page.navigate("/admin/users");
      assertThat(page.url()).endsWith("/admin/users");
    }
  }

  private static String change(final String current, final String password, final String again) {
    return "currentPassword="
        + URLEncoder.encode(current, StandardCharsets.UTF_8)
        + "&password="
        + URLEncoder.encode(password, StandardCharsets.UTF_8)
        + "&repeatPassword="
        + URLEncoder.encode(again, StandardCharsets.UTF_8);
  }

  private static HttpResponse<String> basic(
      final String url, final String username, final String password)
      throws IOException, InterruptedException {
    final String credentials =
        Base64.getEncoder()
            .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + credentials)
                .header("Accept", "application/json")
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
