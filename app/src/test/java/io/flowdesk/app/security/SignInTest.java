package io.flowdesk.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.flowdesk.app.WebTestSupport;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.Role;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

class SignInTest extends WebTestSupport {

  @Autowired Directory directory;
  @Autowired PasswordEncoder passwords;

  private MvcResult attempt(
      final String username, final String password, final RequestPostProcessor address)
      throws Exception {
    return mvc.perform(
            post("/login")
                .param("username", username)
                .param("password", password)
                .with(csrf())
                .with(address))
        .andReturn();
  }

  private Document loginPageAfter(final MvcResult failed) throws Exception {
    assertThat(failed.getResponse().getRedirectedUrl()).isEqualTo("/login?error");
    return html(get("/login?error").session((MockHttpSession) failed.getRequest().getSession()));
  }

  private String newPerson() {
    final String username = "tester." + UUID.randomUUID().toString().substring(0, 8);
    directory.addPerson(
        username,
        "Tester",
        username + "@example.com",
        Set.of(Role.END_USER),
        passwords.encode(DEMO_PASSWORD));
    return username;
  }

  @Test
  void aDemoUserSignsInAndLandsOnThePortalWithTheirNameInTheHeader() throws Exception {
    final MockHttpSession session = signIn("alice");

    final Document portal = html(get("/portal").session(session));

    assertThat(portal.getElementById("signed-in-user").text()).isEqualTo("Alice Andersen");
    assertThat(portal.select("nav a").eachText())
        .containsExactly("Portal", "My requests", "My approvals");
    assertThat(portal.selectFirst("form[action=/logout] input[name=_csrf]")).isNotNull();
  }

  @Test
  void navigationFollowsTheRoles() throws Exception {
    assertThat(html(get("/portal").session(signIn("agent.anna"))).select("nav a").eachText())
        .containsExactly(
            "Portal",
            "My requests",
            "My approvals",
            "Inbox",
            "Incidents",
            "Requests",
            "Changes",
            "Problems",
            "Knowledge",
            "CMDB",
            "Reports");
    // Agents find the calendar, the CAB view and blackout windows in the change pages' own
    // navigation; CAB members, who see no change list, have the first two in the main one.
    assertThat(
            html(get("/changes/calendar").session(signIn("agent.anna")))
                .select(".fd-section-nav a")
                .eachText())
        .containsExactly("All changes", "Calendar", "Blackout windows");
    assertThat(html(get("/portal").session(signIn("cab.carl"))).select("nav.fd-nav a").eachText())
        .containsExactly("Portal", "My requests", "My approvals", "Change calendar", "CAB");
    assertThat(
            html(get("/changes/cab").session(signIn("cab.carl")))
                .select(".fd-section-nav a")
                .eachText())
        .containsExactly("Calendar", "CAB");
    assertThat(html(get("/portal").session(signIn("admin"))).select("nav a").eachText())
        .containsExactly(
            "Portal",
            "My requests",
            "My approvals",
            "Inbox",
            "Incidents",
            "Requests",
            "Changes",
            "Problems",
            "Knowledge",
            "CMDB",
            "Reports",
            "Operate",
            "Admin");
  }

  @Test
  void eachPersonLandsOnTheirWorkUnlessTheyAskedForAPage() throws Exception {
    for (final var landing :
        Map.of(
                "alice", "/portal",
                "agent.anna", "/inbox",
                "manager.maria", "/inbox",
                "cab.carl", "/changes/cab",
                "owner.otto", "/operate",
                "admin", "/admin")
            .entrySet()) {
      mvc.perform(
              post("/login")
                  .param("username", landing.getKey())
                  .param("password", DEMO_PASSWORD)
                  .with(csrf()))
          .andExpect(redirectedUrl(landing.getValue()));
    }
    final MockHttpSession asked =
        (MockHttpSession)
            mvc.perform(get("/changes/calendar")).andReturn().getRequest().getSession();
    mvc.perform(
            post("/login")
                .session(asked)
                .param("username", "agent.anna")
                .param("password", DEMO_PASSWORD)
                .with(csrf()))
        .andExpect(redirectedUrl("http://localhost/changes/calendar?continue"));
  }

  @Test
  void aWrongPasswordAndAnUnknownUserGetTheSameMessage() throws Exception {
    final Document wrongPassword =
        loginPageAfter(attempt("alice", "not-the-password", freshAddress()));
    final Document unknownUser =
        loginPageAfter(attempt("nobody.here", DEMO_PASSWORD, freshAddress()));

    assertThat(wrongPassword.getElementById("login-error").text())
        .isEqualTo("Wrong username or password.");
    assertThat(unknownUser.getElementById("login-error").text())
        .isEqualTo("Wrong username or password.");
  }

  @Test
  void aDisabledPersonCannotSignInAndIsToldNothingMore() throws Exception {
    final String username = newPerson();
    directory.setEnabled(username, false);

    final Document page = loginPageAfter(attempt(username, DEMO_PASSWORD, freshAddress()));

    assertThat(page.getElementById("login-error").text()).isEqualTo("Wrong username or password.");
  }

  /**
   * Guesses from one address until a guess is refused unread. Failures during a delay do not count,
   * so on a slow machine a few more guesses than the free ones may be needed.
   */
  private String refusalAfterGuessing(final String username, final RequestPostProcessor address)
      throws Exception {
    for (int guess = 0; guess < 20; guess++) {
      final String error =
          loginPageAfter(attempt(username, "wrong guess " + guess, address))
              .getElementById("login-error")
              .text();
      if (!error.equals(LoginController.BAD_CREDENTIALS)) {
        return error;
      }
    }
    throw new AssertionError("twenty failed guesses were never throttled");
  }

  @Test
  void guessesFromOneAddressAreDelayedAndTheRefusalNamesTheWait() throws Exception {
    final String username = newPerson();
    final RequestPostProcessor attacker = freshAddress();
    for (int i = 0; i < 4; i++) {
      assertThat(
              loginPageAfter(attempt(username, "wrong guess " + i, attacker))
                  .getElementById("login-error")
                  .text())
          .isEqualTo(LoginController.BAD_CREDENTIALS);
    }

    assertThat(refusalAfterGuessing(username, attacker))
        .matches("Too many failed sign-ins\\. Please wait \\d+ seconds? before trying again\\.");
  }

  @Test
  void anAttackerFailingTenTimesFromOneAddressDoesNotStopTheOwnerSigningInFromAnother()
      throws Exception {
    final String username = newPerson();
    final RequestPostProcessor attacker = freshAddress();
    for (int i = 0; i < 10; i++) {
      attempt(username, "wrong guess " + i, attacker);
    }

    assertThat(attempt(username, DEMO_PASSWORD, freshAddress()).getResponse().getRedirectedUrl())
        .isEqualTo("/portal");
  }

  @Test
  void anUnknownUsernameIsThrottledTheSameWaySoThrottlingRevealsNothing() throws Exception {
    assertThat(refusalAfterGuessing("ghost.user", freshAddress()))
        .startsWith("Too many failed sign-ins.");
  }

  @Test
  void guessingManyUsernamesFromOneAddressDoesNotKeepOutThoseWhoSignInThere() throws Exception {
    final RequestPostProcessor office = freshAddress();
    final String username = newPerson();
    assertThat(attempt(username, DEMO_PASSWORD, office).getResponse().getRedirectedUrl())
        .isEqualTo("/portal");
    for (int i = 0; i < 40; i++) {
      attempt("sprayed.user" + i, "Summer2025!", office);
    }

    assertThat(attempt(username, DEMO_PASSWORD, office).getResponse().getRedirectedUrl())
        .isEqualTo("/portal");
  }

  @Test
  void signingInWithoutACsrfTokenIsForbidden() throws Exception {
    mvc.perform(post("/login").param("username", "alice").param("password", DEMO_PASSWORD))
        .andExpect(status().isForbidden());
  }

  @Test
  void aPostWithoutCsrfTokenIsForbiddenEvenWhenSignedIn() throws Exception {
    final MockHttpSession session = signIn("alice");

    mvc.perform(
            post("/portal/report").session(session).param("shortDescription", "Printer is on fire"))
        .andExpect(status().isForbidden());
  }

  @Test
  void signingOutIsAPostAndEndsTheSession() throws Exception {
    final MockHttpSession session = signIn("bob");

    mvc.perform(post("/logout").session(session).with(csrf()))
        .andExpect(redirectedUrl("/login?logout"));

    mvc.perform(get("/portal").session(session)).andExpect(redirectedUrl("http://localhost/login"));
  }

  @Test
  void anonymousVisitorsAreSentToTheLoginPage() throws Exception {
    mvc.perform(get("/portal/requests")).andExpect(redirectedUrl("http://localhost/login"));
    mvc.perform(get("/")).andExpect(redirectedUrl("http://localhost/login"));
    mvc.perform(get("/login")).andExpect(status().isOk());
  }

  @Test
  void withoutSingleSignOnConfiguredTheSignInPageOffersOnlyThePasswordForm() throws Exception {
    final Document login = html(get("/login"));

    assertThat(login.getElementById("sso-sign-in")).isNull();
    assertThat(login.getElementById("username")).isNotNull();
    mvc.perform(get("/oauth2/authorization/oidc"))
        .andExpect(status().is3xxRedirection())
        .andExpect(redirectedUrl("http://localhost/login"));
  }

  @Test
  void healthAndStylesAreOpenToEveryone() throws Exception {
    mvc.perform(get("/actuator/health")).andExpect(status().isOk());
    mvc.perform(get("/css/layout.css")).andExpect(status().isOk());
  }

  @Test
  void anEndUserCannotOpenTheAgentOrAdminPages() throws Exception {
    final MockHttpSession alice = signIn("alice");

    for (final String page :
        new String[] {"/inbox", "/incidents/INC0000001", "/admin", "/admin/outbox", "/forms"}) {
      mvc.perform(get(page).session(alice)).andExpect(status().isForbidden());
    }
  }

  @Test
  void anAgentMayNotOpenAdminPagesButAnAdminMay() throws Exception {
    mvc.perform(get("/forms").session(signIn("agent.nils"))).andExpect(status().isForbidden());
    mvc.perform(get("/forms").session(signIn("admin"))).andExpect(status().isOk());
  }

  @Test
  void pagesCarryTheSecurityHeaders() throws Exception {
    final MvcResult page =
        mvc.perform(get("/login"))
            .andExpect(header().string("X-Frame-Options", "DENY"))
            .andExpect(header().string("X-Content-Type-Options", "nosniff"))
            .andReturn();

    final String policy = page.getResponse().getHeader("Content-Security-Policy");
    assertThat(policy)
        .contains("default-src 'self';", "script-src 'self';", "frame-ancestors 'none'")
        .doesNotContain("script-src 'self' 'unsafe-inline'", "unsafe-eval");
  }

  @Test
  void theDemoPeopleHaveTheirRolesAndGroups() {
    assertThat(directory.person("agent.anna").orElseThrow().groups())
        .containsExactly("service-desk");
    assertThat(directory.person("manager.maria").orElseThrow().roles())
        .containsExactly(Role.MANAGER);
    assertThat(directory.group("network-team").orElseThrow().manager()).isEqualTo("manager.maria");
  }
}
