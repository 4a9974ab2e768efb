package io.flowdesk.app.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import io.flowdesk.app.Browser;
import io.flowdesk.app.WebTestSupport;
import io.flowdesk.app.apitoken.PersonalTokens;
import io.flowdesk.app.apitoken.TokenScope;
import io.flowdesk.app.mfa.SecondFactors;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.Role;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Over real HTTP, with sessions in PostgreSQL (Spring Session) as in production: disabling a user
 * ends their open sessions at once and refuses their API tokens and Basic credentials; changing
 * one's own password needs the current one and signs out one's other sessions.
 */
class SignOutEverywhereTest extends WebTestSupport {

  private static final String PASSWORD = "amber lighthouse morning";

  @Autowired Directory directory;
  @Autowired PasswordEncoder passwords;
  @Autowired PersonalTokens tokens;
  @Autowired SecondFactors secondFactors;

  private String base() {
    return "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
  }

  private String person() {
    final String username = UserAdministrationTest.unique("everywhere");
    directory.addPerson(
        username,
        "Everywhere",
        username + "@example.com",
        Set.of(Role.END_USER),
        passwords.encode(PASSWORD));
    return username;
  }

  private Browser signedIn(final String username, final String password) throws Exception {
    final Browser browser = new Browser();
    browser.signIn(base(), username, password);
    assertThat(browser.get(base() + "/portal").statusCode()).isEqualTo(200);
    return browser;
  }

  private int api(final String authorization) throws Exception {
    return new Browser()
        .client()
        .send(
            HttpRequest.newBuilder(URI.create(base() + "/api/incidents"))
                .header("Authorization", authorization)
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static String basic(final String username, final String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void disablingAUserEndsTheirSessionsAtOnceAndRefusesTheirTokenAndBasicCredentials()
      throws Exception {
    final String username = person();
    final Browser laptop = signedIn(username, PASSWORD);
    final Browser phone = signedIn(username, PASSWORD);
    final String token =
        tokens.issue(username, "script", Set.of(TokenScope.READ), Duration.ofDays(1)).text();
    assertThat(api("Bearer " + token)).isEqualTo(200);
    assertThat(api(basic(username, PASSWORD))).isEqualTo(200);

    mvc.perform(post("/admin/users/" + username + "/disable").session(signIn("admin")).with(csrf()))
        .andExpect(redirectedUrl("/admin/users/" + username));

    for (final Browser browser : new Browser[] {laptop, phone}) {
      final HttpResponse<String> next = browser.get(base() + "/portal");
      assertThat(next.statusCode()).isEqualTo(302);
      assertThat(next.headers().firstValue("Location"))
          .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }
    assertThat(api("Bearer " + token)).isEqualTo(401);
    assertThat(api(basic(username, PASSWORD))).isEqualTo(401);
  }

  @Test
  void resettingSomeonesTwoFactorSignInEndsTheirSessionsAsDisablingDoes() throws Exception {
    final String username = person();
    final Browser laptop = signedIn(username, PASSWORD);
    secondFactors.pendingKey(username);

    mvc.perform(
            post("/admin/users/" + username + "/mfa/reset").session(signIn("admin")).with(csrf()))
        .andExpect(redirectedUrl("/admin/users/" + username));

    final HttpResponse<String> next = laptop.get(base() + "/portal");
    assertThat(next.statusCode()).isEqualTo(302);
    assertThat(next.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    signedIn(username, PASSWORD);
  }

  @Test
  void changingOnesPasswordNeedsTheCurrentOneAppliesThePolicyAndSignsOutTheOtherSessions()
      throws Exception {
    final String username = person();
    final Browser here = signedIn(username, PASSWORD);
    final Browser elsewhere = signedIn(username, PASSWORD);
    final String account = base() + "/account";

    final HttpResponse<String> wrongCurrent =
        here.submit(
            account, account + "/password", form("not my password", "sea glass orchard path"));
    assertThat(wrongCurrent.statusCode()).isEqualTo(422);
    assertThat(wrongCurrent.body()).contains("that is not your current password");

    final HttpResponse<String> tooShort =
        here.submit(account, account + "/password", form(PASSWORD, "sea glass"));
    assertThat(tooShort.statusCode()).isEqualTo(422);
    assertThat(tooShort.body()).contains("Minimum length");
    assertThat(elsewhere.get(base() + "/portal").statusCode())
        .as("nothing changed yet")
        .isEqualTo(200);

    final HttpResponse<String> changed =
        here.submit(account, account + "/password", form(PASSWORD, "sea glass orchard path"));
    assertThat(changed.statusCode()).isEqualTo(302);
    assertThat(here.get(account).statusCode()).as("this session stays").isEqualTo(200);
    assertThat(elsewhere.get(base() + "/portal").statusCode()).as("the other ends").isEqualTo(302);
    signedIn(username, "sea glass orchard path");
  }

  private static String form(final String current, final String next) {
    return "currentPassword="
        + URLEncoder.encode(current, StandardCharsets.UTF_8)
        + "&password="
        + URLEncoder.encode(next, StandardCharsets.UTF_8)
        + "&repeatPassword="
        + URLEncoder.encode(next, StandardCharsets.UTF_8);
  }
}
