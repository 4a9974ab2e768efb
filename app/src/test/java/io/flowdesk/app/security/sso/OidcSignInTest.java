package io.flowdesk.app.security.sso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.flowdesk.app.Browser;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.Person;
import io.flowdesk.domain.directory.Role;
import io.flowdesk.testing.sso.TestIdentityProvider;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * OpenID Connect sign-in against a real provider started in the test, over real HTTP: the whole
 * authorization code flow as a browser without JavaScript walks it (the provider's sign-in form,
 * redirects, the code sent back to Flowdesk).
 */
class OidcSignInTest extends SingleSignOnTestSupport {

  @Autowired Directory directory;
  @Autowired JdbcClient jdbc;

  /** A person at the provider with a fresh name, and the claims the provider sends for them. */
  private static String personAtProvider(
      final String name, final List<String> roles, final List<String> groups) {
    final String username = "sso." + UUID.randomUUID().toString().substring(0, 8);
    provider.person(username, "idp-password", claims(username, name, roles, groups));
    return username;
  }

  private static Map<String, Object> claims(
      final String username,
      final String name,
      final List<String> roles,
      final List<String> groups) {
    return Map.of(
        "preferred_username", username,
        "name", name,
        "email", username + "@idp.example.com",
        "roles", roles,
        "groups", groups);
  }

  /**
   * Clicks the button and walks the flow: the provider's sign-in form, then back to Flowdesk.
   *
   * @return where Flowdesk sends the browser after the provider's answer
   */
  private static String signInThroughProvider(final Browser browser, final String username)
      throws Exception {
    URI at = URI.create(app() + OidcSignIn.START);
    HttpResponse<String> answer = browsing(browser, at);
    for (int hop = 0; hop < 10; hop++) {
      final String location = answer.headers().firstValue("Location").orElse(null);
      assertThat(location).as("a redirect from " + at + ": " + answer.body()).isNotNull();
      final URI next = at.resolve(location);
      if (at.getPath().startsWith("/login/oauth2/code/")) {
        return next.getPath() + (next.getQuery() == null ? "" : "?" + next.getQuery());
      }
      if (next.toString().startsWith(provider.issuer() + "/login")) {
        answer =
            browser.submit(
                next.toString(),
                provider.issuer() + "/login",
                "username="
                    + URLEncoder.encode(username, StandardCharsets.UTF_8)
                    + "&password=idp-password");
        at = URI.create(provider.issuer() + "/login");
      } else {
        answer = browsing(browser, next);
        at = next;
      }
    }
    throw new AssertionError("the flow did not come back to Flowdesk");
  }

  /** A page visit as a browser makes it: providers send only those to their sign-in page. */
  private static HttpResponse<String> browsing(final Browser browser, final URI page)
      throws Exception {
    return browser
        .client()
        .send(
            HttpRequest.newBuilder(page).header("Accept", "text/html").build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private String flowdeskUsername(final String subjectAtProvider) {
    return jdbc.sql(
            "SELECT username FROM flowdesk.external_identity WHERE issuer = :issuer"
                + " AND subject = :subject")
        .param("issuer", provider.issuer())
        .param("subject", subjectAtProvider)
        .query(String.class)
        .single();
  }

  private static Document page(final Browser browser, final String path) throws Exception {
    final HttpResponse<String> answer = browser.get(app() + path);
    assertThat(answer.statusCode()).as(path).isEqualTo(200);
    return Jsoup.parse(answer.body());
  }

  @Test
  void theSignInPageOffersTheProviderAndLocalAccountsStillSignIn() throws Exception {
    final Document login = html(get("/login"));

    assertThat(login.getElementById("sso-sign-in").text()).isEqualTo("Sign in with Test IdP");
    assertThat(login.getElementById("sso-sign-in").attr("href"))
        .isEqualTo("/oauth2/authorization/oidc");
    assertThat(login.getElementById("username")).isNotNull();
    signIn("agent.anna");
  }

  @Test
  void theFirstSignInCreatesThePersonWithMappedRolesAndGroupsAndOpensTheirPages() throws Exception {
    final String username =
        personAtProvider("Olga Oidc", List.of("flowdesk-agents", "unmapped"), List.of("network"));
    final Browser browser = new Browser();

    assertThat(signInThroughProvider(browser, username)).isEqualTo("/inbox");

    final Person person = directory.person(flowdeskUsername(username)).orElseThrow();
    assertThat(person.username()).isEqualTo(username);
    assertThat(person.displayName()).isEqualTo("Olga Oidc");
    assertThat(person.email()).isEqualTo(username + "@idp.example.com");
    assertThat(person.roles()).containsExactly(Role.AGENT);
    assertThat(person.groups()).containsExactly("network-team");
    final Document portal = page(browser, "/portal");
    assertThat(portal.getElementById("signed-in-user").text()).isEqualTo("Olga Oidc");
    assertThat(portal.select("nav a").eachText()).contains("Inbox");
    page(browser, "/inbox?view=groups");
  }

  @Test
  void aLaterSignInFollowsTheProviderAndKeepsWhatFlowdeskGrantedOutsideTheMapping()
      throws Exception {
    final String username =
        personAtProvider("Piet Provider", List.of("flowdesk-agents"), List.of("network", "desk"));
    signInThroughProvider(new Browser(), username);
    final String flowdesk = flowdeskUsername(username);
    final Person first = directory.person(flowdesk).orElseThrow();
    directory.updatePerson(
        flowdesk, first.displayName(), first.email(), Set.of(Role.AGENT, Role.CAB_MEMBER));

    provider.person(
        username,
        "idp-password",
        claims(username, "Piet P. Provider", List.of("flowdesk-admins"), List.of("desk")));
    final Browser browser = new Browser();
    assertThat(signInThroughProvider(browser, username)).isEqualTo("/admin");

    final Person person = directory.person(flowdesk).orElseThrow();
    assertThat(person.displayName()).isEqualTo("Piet P. Provider");
    assertThat(person.roles()).containsExactlyInAnyOrder(Role.ADMIN, Role.CAB_MEMBER);
    assertThat(person.groups()).containsExactly("service-desk");
    page(browser, "/admin/secrets");
  }

  @Test
  void aProviderUserNamedLikeALocalPersonGetsTheirOwnAccountNotTheLocalOne() throws Exception {
    final String subject = "sso." + UUID.randomUUID().toString().substring(0, 8);
    provider.person(
        subject,
        "idp-password",
        Map.of(
            "preferred_username", "admin",
            "name", "Not The Admin",
            "email", "mallory@idp.example.com",
            "roles", List.of(),
            "groups", List.of()));
    final Browser browser = new Browser();

    signInThroughProvider(browser, subject);

    assertThat(flowdeskUsername(subject)).startsWith("admin-");
    assertThat(directory.person("admin").orElseThrow().displayName()).isEqualTo("Administrator");
    assertThat(directory.person(flowdeskUsername(subject)).orElseThrow().roles())
        .containsExactly(Role.END_USER);
    assertThat(browser.get(app() + "/admin/secrets").statusCode()).isEqualTo(403);
  }

  @Test
  void aPersonDisabledInFlowdeskIsRefusedWithAClearMessage() throws Exception {
    final String username = personAtProvider("Dora Disabled", List.of(), List.of());
    signInThroughProvider(new Browser(), username);
    directory.setEnabled(flowdeskUsername(username), false);
    final Browser browser = new Browser();

    assertThat(signInThroughProvider(browser, username)).isEqualTo("/login?error");

    assertThat(page(browser, "/login?error").getElementById("login-error").text())
        .isEqualTo("Your Flowdesk account is disabled. Please ask a Flowdesk administrator.");
    assertThat(browser.get(app() + "/portal").statusCode()).isEqualTo(302);
  }

  @Test
  void anIdTokenFromAnotherIssuerIsRefusedAndCreatesNobody() throws Exception {
    final String username = "sso." + UUID.randomUUID().toString().substring(0, 8);
    provider.person(
        username,
        "idp-password",
        Map.of(
            "preferred_username",
            username,
            "email",
            username + "@idp.example.com",
            TestIdentityProvider.FOREIGN_ISSUER,
            "https://login.evil.example.com"));
    final Browser browser = new Browser();

    assertThat(signInThroughProvider(browser, username)).isEqualTo("/login?error");

    assertThat(page(browser, "/login?error").getElementById("login-error").text())
        .startsWith("The sign-in provider's answer could not be verified");
    assertThat(directory.person(username)).isEmpty();
    assertThat(browser.get(app() + "/portal").statusCode()).isEqualTo(302);
  }

  @Test
  void aCodeWithAStateThisBrowserNeverSentIsRefused() throws Exception {
    final Browser browser = new Browser();
    browser.get(app() + OidcSignIn.START);

    final HttpResponse<String> forged =
        browser.get(app() + "/login/oauth2/code/oidc?code=stolen-code&state=forged-state");

    assertThat(forged.headers().firstValue("Location"))
        .hasValueSatisfying(location -> assertThat(location).endsWith("/login?error"));
    assertThat(page(browser, "/login?error").getElementById("login-error").text())
        .startsWith("Single sign-on was not started from this browser");
    assertThat(browser.get(app() + "/portal").statusCode()).isEqualTo(302);
  }
}
