package io.flowdesk.app.setup;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowdesk.app.Browser;
import io.flowdesk.app.StandaloneApp;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.Role;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * An installation on an external database starts with nobody: the log offers a one-time address
 * that creates the first administrator, refuses weak passwords inline, and works only once.
 */
@ExtendWith(OutputCaptureExtension.class)
class FirstAdministratorSetupTest {

  // Not "correct horse battery staple": that one is on every breached-password list.
  private static final String STRONG = "plum tractor under seven lanterns";

  @Test
  void theLoggedOneTimeAddressCreatesTheFirstAdministratorOnce(final CapturedOutput output)
      throws Exception {
    try (StandaloneApp app = StandaloneApp.start()) {
      final Matcher logged =
          Pattern.compile("at (/setup/[A-Za-z0-9_-]+) ").matcher(output.getOut());
      assertThat(logged.find()).as("the setup address in the log").isTrue();
      final String setup = app.baseUrl() + logged.group(1);
      final Browser browser = new Browser();

      final HttpResponse<String> guessed = browser.get(app.baseUrl() + "/setup/guess");
      final HttpResponse<String> weak =
          browser.submit(
              setup,
              setup,
              "username=root&displayName=Root&email=root%40example.com"
                  + "&password=short-one&repeatPassword=short-one");
      final HttpResponse<String> created =
          browser.submit(
              setup,
              setup,
              "username=root&displayName=Root+Admin&email=root%40example.com&password="
                  + STRONG.replace(' ', '+')
                  + "&repeatPassword="
                  + STRONG.replace(' ', '+'));

      assertThat(guessed.statusCode()).isEqualTo(404);
      assertThat(weak.statusCode()).isEqualTo(422);
      assertThat(weak.body()).contains("at least 15 characters").contains("value=\"root\"");
      assertThat(created.headers().firstValue("Location"))
          .hasValueSatisfying(location -> assertThat(location).endsWith("/login"));
      assertThat(app.bean(Directory.class).people())
          .singleElement()
          .satisfies(root -> assertThat(root.roles()).containsExactly(Role.ADMIN));
      assertThat(browser.get(setup).statusCode()).isEqualTo(404);

      final Browser admin = new Browser();
      admin.signIn(app.baseUrl(), "root", STRONG);
      assertThat(admin.get(app.baseUrl() + "/admin/secrets").statusCode()).isEqualTo(200);
      // The trail names the one-time setup as the actor of the first account.
      assertThat(admin.get(app.baseUrl() + "/admin/audit?action=user.created&actor=setup").body())
          .contains("<td class=\"fd-audit-target fd-wrap\">user:root</td>");
    }
  }

  @Test
  void theEnvironmentNamesTheFirstAdministratorOfAnEmptyInstallation(final CapturedOutput output)
      throws Exception {
    try (StandaloneApp app =
        StandaloneApp.start(
            "flowdesk.setup.admin.username=root",
            "flowdesk.setup.admin.password=" + STRONG,
            "flowdesk.setup.admin.email=root@example.com")) {
      assertThat(app.bean(Directory.class).people())
          .singleElement()
          .satisfies(
              root -> {
                assertThat(root.username()).isEqualTo("root");
                assertThat(root.email()).isEqualTo("root@example.com");
                assertThat(root.roles()).containsExactly(Role.ADMIN);
              });
      assertThat(output.getOut()).doesNotContain("/setup/").doesNotContain(STRONG);
      final Browser admin = new Browser();
      admin.signIn(app.baseUrl(), "root", STRONG);
      // Held to the change-password page: see FirstAdministratorPasswordChangeTest.
      assertThat(admin.get(app.baseUrl() + "/admin/secrets").headers().firstValue("Location"))
          .hasValueSatisfying(location -> assertThat(location).endsWith("/account/password"));
    }
  }

  @Test
  void aWeakPasswordFromTheEnvironmentCreatesNobodyAndTheSetupAddressIsOffered(
      final CapturedOutput output) {
    try (StandaloneApp app =
        StandaloneApp.start(
            "flowdesk.setup.admin.username=root", "flowdesk.setup.admin.password=short-one")) {
      assertThat(app.bean(Directory.class).people()).isEmpty();
      assertThat(output.getOut())
          .contains("FLOWDESK_ADMIN_PASSWORD is refused")
          .contains("at least 15 characters")
          .doesNotContain("short-one")
          .contains("/setup/");
    }
  }

  @Test
  void anInstallationWithPeopleOffersNoSetup(final CapturedOutput output) {
    try (StandaloneApp app = StandaloneApp.start("flowdesk.demo-data=true")) {
      assertThat(output.getOut()).doesNotContain("/setup/");
    }
  }
}
