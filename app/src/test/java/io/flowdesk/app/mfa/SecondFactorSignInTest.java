package io.flowdesk.app.mfa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.flowdesk.app.TestClock;
import io.flowdesk.app.WebTestSupport;
import io.flowdesk.app.audit.AdminAction;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.Role;
import jakarta.servlet.http.Cookie;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Enrolment at /account/mfa and the code step of signing in, through the real filter chains. */
@RecordApplicationEvents
class SecondFactorSignInTest extends WebTestSupport {

  @Autowired Directory directory;
  @Autowired PasswordEncoder passwords;
  @Autowired TestClock clock;
  @Autowired ApplicationEvents events;

  @AfterEach
  void realTime() {
    clock.reset();
  }

  private String newPerson(final Role role) {
    final String username = "mfa." + UUID.randomUUID().toString().substring(0, 8);
    directory.addPerson(
        username,
        "Tess Tester",
        username + "@example.com",
        Set.of(role),
        passwords.encode(DEMO_PASSWORD));
    return username;
  }

  /** A person with two-factor sign-in on: their key and recovery codes. */
  private record Enrolled(String username, byte[] key, List<String> recoveryCodes) {}

  private Enrolled enrolled() throws Exception {
    final String username = newPerson(Role.END_USER);
    final MockHttpSession session = signIn(username);
    final Document page = html(get("/account/mfa").session(session));
    final byte[] key = Base32.decode(page.getElementById("secret").text());
    final MvcResult confirmed =
        mvc.perform(
                post("/account/mfa/confirm")
                    .session(session)
                    .param("code", currentCode(key))
                    .with(csrf()))
            .andExpect(status().isOk())
            .andReturn();
    final List<String> codes =
        org.jsoup.Jsoup.parse(confirmed.getResponse().getContentAsString())
            .select("#recovery-codes code")
            .eachText();
    // The code just used is spent: the next one is a step later.
    clock.stop();
    clock.advance(Totp.STEP);
    return new Enrolled(username, key, codes);
  }

  private String currentCode(final byte[] key) {
    return Totp.code(key, Totp.step(clock.instant()));
  }

  /** The password step: answers the session, which waits for the code. */
  private MockHttpSession password(final String username, final RequestPostProcessor address)
      throws Exception {
    return (MockHttpSession)
        mvc.perform(
                post("/login")
                    .param("username", username)
                    .param("password", DEMO_PASSWORD)
                    .with(csrf())
                    .with(address))
            .andExpect(redirectedUrl("/login/mfa"))
            .andReturn()
            .getRequest()
            .getSession(false);
  }

  private MvcResult code(
      final MockHttpSession session, final String code, final RequestPostProcessor address)
      throws Exception {
    return mvc.perform(
            post("/login/mfa").session(session).param("code", code).with(csrf()).with(address))
        .andReturn();
  }

  @Test
  void enrolmentShowsKeyAndQrCodeAndTakesEffectOnlyOnceConfirmedWithACode() throws Exception {
    final String username = newPerson(Role.END_USER);
    final MockHttpSession session = signIn(username);

    final MvcResult page = mvc.perform(get("/account/mfa").session(session)).andReturn();
    final Document enrolment = org.jsoup.Jsoup.parse(page.getResponse().getContentAsString());
    assertThat(page.getResponse().getHeader("Cache-Control")).isEqualTo("no-store");
    final String secret = enrolment.getElementById("secret").text();
    assertThat(secret.replace(" ", "")).matches("[A-Z2-7]{32}");
    assertThat(enrolment.getElementById("qr-code").attr("src"))
        .startsWith("data:image/svg+xml;base64,");
    // Reloading shows the same key: what the app scanned stays valid.
    assertThat(html(get("/account/mfa").session(session)).getElementById("secret").text())
        .isEqualTo(secret);

    final MvcResult wrong =
        mvc.perform(
                post("/account/mfa/confirm").session(session).param("code", "000000").with(csrf()))
            .andExpect(status().isBadRequest())
            .andReturn();
    assertThat(
            org.jsoup.Jsoup.parse(wrong.getResponse().getContentAsString())
                .getElementById("confirm-error")
                .text())
        .startsWith("That code does not match.");
    // Not confirmed: the password alone still signs in.
    signIn(username);

    final byte[] key = Base32.decode(secret);
    final Document confirmed =
        html(
            post("/account/mfa/confirm")
                .session(session)
                .param("code", currentCode(key))
                .with(csrf()));
    assertThat(confirmed.select("#recovery-codes code").eachText())
        .hasSize(10)
        .allMatch(code -> code.matches("[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}"));
    assertThat(html(get("/account/mfa").session(session)).getElementById("recovery-codes"))
        .as("recovery codes are shown once")
        .isNull();
    password(username, freshAddress());
  }

  @Test
  void afterThePasswordNothingOpensUntilTheCodeAndAWrongCodeIsToldInline() throws Exception {
    final Enrolled person = enrolled();
    final RequestPostProcessor address = freshAddress();
    final MockHttpSession waiting = password(person.username(), address);

    mvc.perform(get("/portal").session(waiting)).andExpect(redirectedUrl("http://localhost/login"));
    mvc.perform(get("/account/mfa").session(waiting))
        .andExpect(redirectedUrl("http://localhost/login"));
    mvc.perform(get("/api/incidents").session(waiting)).andExpect(status().isUnauthorized());

    final MvcResult wrong = code(waiting, "123456", address);
    assertThat(wrong.getResponse().getStatus()).isEqualTo(400);
    assertThat(
            org.jsoup.Jsoup.parse(wrong.getResponse().getContentAsString())
                .getElementById("code-error")
                .text())
        .isEqualTo(SecondFactorLoginController.WRONG_CODE);

    // The code step leads on to the page asked for before signing in.
    final MvcResult right = code(waiting, currentCode(person.key()), address);
    assertThat(right.getResponse().getRedirectedUrl())
        .isEqualTo("http://localhost/account/mfa?continue");
    final MockHttpSession signedIn = (MockHttpSession) right.getRequest().getSession(false);
    assertThat(html(get("/portal").session(signedIn)).getElementById("signed-in-user").text())
        .isEqualTo("Tess Tester");
  }

  @Test
  void aCodeIsAcceptedOnceEvenInAnotherSession() throws Exception {
    final Enrolled person = enrolled();
    final String code = currentCode(person.key());
    final RequestPostProcessor address = freshAddress();

    assertThat(
            code(password(person.username(), address), code, address)
                .getResponse()
                .getRedirectedUrl())
        .isEqualTo("/portal");
    assertThat(code(password(person.username(), address), code, address).getResponse().getStatus())
        .isEqualTo(400);

    clock.advance(Totp.STEP);
    assertThat(
            code(password(person.username(), address), currentCode(person.key()), address)
                .getResponse()
                .getRedirectedUrl())
        .isEqualTo("/portal");
  }

  @Test
  void aRecoveryCodeSignsInOnceAndSaysHowManyAreLeft() throws Exception {
    final Enrolled person = enrolled();
    final String recovery = person.recoveryCodes().get(3).toLowerCase();
    final RequestPostProcessor address = freshAddress();

    final MvcResult first = code(password(person.username(), address), recovery, address);
    assertThat(first.getResponse().getRedirectedUrl()).isEqualTo("/portal");
    final MockHttpSession signedIn = (MockHttpSession) first.getRequest().getSession(false);
    assertThat(html(get("/portal").session(signedIn)).select(".fd-flash").text())
        .contains("recovery code")
        .contains("9 recovery codes are left");

    assertThat(
            code(password(person.username(), address), recovery, address).getResponse().getStatus())
        .isEqualTo(400);
  }

  @Test
  void wrongCodesAreThrottledLikeWrongPasswordsAndTheRightPasswordDoesNotClearThem()
      throws Exception {
    final Enrolled person = enrolled();
    final RequestPostProcessor address = freshAddress();
    String error = "";
    for (int guess = 0; guess < 20 && !error.startsWith("Too many"); guess++) {
      // Typing the password again each time must not buy fresh guesses.
      final MvcResult answer =
          code(password(person.username(), address), String.format("%06d", guess), address);
      error =
          org.jsoup.Jsoup.parse(answer.getResponse().getContentAsString())
              .getElementById("code-error")
              .text();
    }

    assertThat(error)
        .matches("Too many failed sign-ins\\. Please wait \\d+ seconds? before trying again\\.");
  }

  @Test
  void basicCredentialsOfAnAccountWithTwoFactorSignInAreRefusedNamingTokens() throws Exception {
    final Enrolled person = enrolled();

    mvc.perform(get("/api/incidents").with(httpBasic(person.username(), DEMO_PASSWORD)))
        .andExpect(status().isUnauthorized())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(
            jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("personal API token")));
    mvc.perform(get("/api/incidents").with(httpBasic(newPerson(Role.END_USER), DEMO_PASSWORD)))
        .andExpect(status().isOk());
  }

  @Test
  void aRememberedDeviceSkipsTheCodeUntilForgottenOrThePasswordChanges() throws Exception {
    final Enrolled person = enrolled();
    final RequestPostProcessor address = freshAddress();
    final MvcResult remembered =
        mvc.perform(
                post("/login/mfa")
                    .session(password(person.username(), address))
                    .param("code", currentCode(person.key()))
                    .param("remember", "true")
                    .with(csrf())
                    .with(address))
            .andReturn();
    final Cookie device = remembered.getResponse().getCookie("FLOWDESK_DEVICE");
    assertThat(device.isHttpOnly()).isTrue();
    assertThat(device.getPath()).isEqualTo("/login");
    assertThat(device.getMaxAge()).isEqualTo((int) Duration.ofDays(30).toSeconds());

    assertThat(signInWith(person.username(), device)).isEqualTo("/portal");

    final MockHttpSession session = (MockHttpSession) remembered.getRequest().getSession(false);
    mvc.perform(post("/account/mfa/devices/forget").session(session).with(csrf()))
        .andExpect(redirectedUrl("/account/mfa"));
    assertThat(signInWith(person.username(), device)).isEqualTo("/login/mfa");

    final Cookie again =
        mvc.perform(
                post("/login/mfa")
                    .session(password(person.username(), address))
                    .param("code", person.recoveryCodes().get(0))
                    .param("remember", "true")
                    .with(csrf())
                    .with(address))
            .andReturn()
            .getResponse()
            .getCookie("FLOWDESK_DEVICE");
    assertThat(signInWith(person.username(), again)).isEqualTo("/portal");
    directory.changePasswordHash(person.username(), passwords.encode(DEMO_PASSWORD));
    assertThat(signInWith(person.username(), again)).isEqualTo("/login/mfa");
  }

  private String signInWith(final String username, final Cookie device) throws Exception {
    return mvc.perform(
            post("/login")
                .param("username", username)
                .param("password", DEMO_PASSWORD)
                .cookie(device)
                .with(csrf()))
        .andReturn()
        .getResponse()
        .getRedirectedUrl();
  }

  @Test
  void turningItOffTakesThePasswordAndACode() throws Exception {
    final Enrolled person = enrolled();
    final RequestPostProcessor address = freshAddress();
    final MockHttpSession session =
        (MockHttpSession)
            code(password(person.username(), address), currentCode(person.key()), address)
                .getRequest()
                .getSession(false);
    clock.advance(Totp.STEP);

    final MvcResult wrongPassword =
        mvc.perform(
                post("/account/mfa/disable")
                    .session(session)
                    .param("password", "not my password")
                    .param("code", currentCode(person.key()))
                    .with(csrf()))
            .andExpect(status().isBadRequest())
            .andReturn();
    assertThat(
            org.jsoup.Jsoup.parse(wrongPassword.getResponse().getContentAsString())
                .getElementById("disable-error")
                .text())
        .isEqualTo("The password is not right; nothing was changed.");
    mvc.perform(
            post("/account/mfa/disable")
                .session(session)
                .param("password", DEMO_PASSWORD)
                .param("code", "000000")
                .with(csrf()))
        .andExpect(status().isBadRequest());
    password(person.username(), freshAddress());

    mvc.perform(
            post("/account/mfa/disable")
                .session(session)
                .param("password", DEMO_PASSWORD)
                .param("code", currentCode(person.key()))
                .with(csrf()))
        .andExpect(redirectedUrl("/account/mfa"));
    signIn(person.username());
  }

  @Test
  void anAdminResetsSomeonesTwoFactorSignInAndTheTrailGetsIt() throws Exception {
    final Enrolled person = enrolled();
    final MockHttpSession admin = signIn("admin");

    mvc.perform(
            post("/admin/users/{username}/mfa/reset", person.username())
                .session(signIn("agent.anna"))
                .with(csrf()))
        .andExpect(status().isForbidden());
    mvc.perform(post("/admin/users/{username}/mfa/reset", person.username()).session(admin))
        .andExpect(status().isForbidden());
    password(person.username(), freshAddress());
    final String userPage = "/admin/users/" + person.username();
    final Document before = html(get(userPage).session(admin));
    assertThat(before.getElementById("user-mfa").text()).isEqualTo("On");
    assertThat(before.getElementById("reset-mfa").text()).isEqualTo("Reset two-factor");

    final MvcResult reset =
        mvc.perform(
                post("/admin/users/{username}/mfa/reset", person.username())
                    .session(admin)
                    .with(csrf()))
            .andExpect(redirectedUrl(userPage))
            .andReturn();
    assertThat((String) reset.getFlashMap().get("notice"))
        .startsWith("Two-factor sign-in of " + person.username() + " was reset");
    final Document after = html(get(userPage).session(admin));
    assertThat(after.getElementById("user-mfa").text()).isEqualTo("Off");
    assertThat(after.getElementById("reset-mfa")).isNull();

    signIn(person.username());
    assertThat(events.stream(AdminAction.class))
        .containsExactly(
            new AdminAction(
                "admin",
                "mfa.reset",
                "user:" + person.username(),
                Map.of("mfa", "enrolled"),
                Map.of("mfa", "none")));
  }

  @Test
  void theApiResetsForAdminsOnlyAndNamesWhatIsMissing() throws Exception {
    final Enrolled person = enrolled();
    final String url = "/api/admin/users/" + person.username() + "/mfa";

    mvc.perform(delete(url).with(httpBasic("agent.anna", DEMO_PASSWORD)))
        .andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    mvc.perform(delete(url).with(httpBasic("admin", DEMO_PASSWORD)))
        .andExpect(status().isNoContent());
    mvc.perform(delete(url).with(httpBasic("admin", DEMO_PASSWORD)))
        .andExpect(status().isNotFound())
        .andExpect(
            jsonPath("$.detail").value(person.username() + " has no two-factor sign-in to reset."));
    mvc.perform(
            delete("/api/admin/users/nobody.at.all/mfa").with(httpBasic("admin", DEMO_PASSWORD)))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.detail").value("There is no user 'nobody.at.all'."));

    signIn(person.username());
    assertThat(events.stream(AdminAction.class).map(AdminAction::action))
        .containsExactly("mfa.reset");
  }

  @Test
  void aSecondFactorLetsAPasswordOfTwelveCharactersThroughWhereOthersNeedFifteen()
      throws Exception {
    final String twelve = "amber tide 7";
    final Enrolled person = enrolled();
    final RequestPostProcessor address = freshAddress();
    final MockHttpSession withCode =
        (MockHttpSession)
            code(password(person.username(), address), currentCode(person.key()), address)
                .getRequest()
                .getSession(false);
    mvc.perform(changeOwnPassword(withCode, twelve)).andExpect(redirectedUrl("/account"));

    final String passwordOnly = newPerson(Role.END_USER);
    final MvcResult refused =
        mvc.perform(changeOwnPassword(signIn(passwordOnly), twelve))
            .andExpect(status().isUnprocessableEntity())
            .andReturn();
    assertThat(passwordProblems(refused))
        .contains("Minimum length: the password must have at least 15 characters");

    // A set-password link (the admin is handed it: no mail server here) follows the same rule.
    assertThat(setWithLink(person.username(), "coral dune 8").getResponse().getRedirectedUrl())
        .isEqualTo("/login");
    final MvcResult linkRefused = setWithLink(passwordOnly, "coral dune 8");
    assertThat(linkRefused.getResponse().getStatus()).isEqualTo(422);
    assertThat(passwordProblems(linkRefused))
        .contains("Minimum length: the password must have at least 15 characters");
  }

  private MockHttpServletRequestBuilder changeOwnPassword(
      final MockHttpSession session, final String password) {
    return post("/account/password")
        .session(session)
        .with(csrf())
        .param("currentPassword", DEMO_PASSWORD)
        .param("password", password)
        .param("repeatPassword", password);
  }

  private MvcResult setWithLink(final String username, final String password) throws Exception {
    final String link =
        com.jayway.jsonpath.JsonPath.read(
            mvc.perform(
                    post("/api/admin/users/{username}/password-reset", username)
                        .with(httpBasic("admin", DEMO_PASSWORD)))
                .andExpect(status().isAccepted())
                .andReturn()
                .getResponse()
                .getContentAsString(),
            "$.passwordLink");
    return mvc.perform(
            post(java.net.URI.create(link).getPath())
                .with(csrf())
                .param("password", password)
                .param("repeatPassword", password))
        .andReturn();
  }

  private static String passwordProblems(final MvcResult result) throws Exception {
    return org.jsoup.Jsoup.parse(result.getResponse().getContentAsString())
        .select("#password-problems")
        .text();
  }
}
