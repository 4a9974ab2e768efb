package io.flowdesk.app.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowdesk.app.FlowdeskApplication;
import io.flowdesk.domain.incident.IncidentQuery;
import io.flowdesk.domain.incident.IncidentRecords;
import java.util.List;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.data.domain.Pageable;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

@SpringBootTest(
    classes = FlowdeskApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LandingPageTest {

  private TestRestTemplate http;

  @Autowired IncidentRecords records;

  // Redirects are answered, not followed: the tests check where they lead and which cookie comes.
  @Autowired
  void http(final TestRestTemplate template) {
    this.http = template.withRedirects(ClientHttpRequestFactorySettings.Redirects.DONT_FOLLOW);
  }

  /**
   * Signs in as the demo admin over real HTTP, as a browser does: the login page's session cookie
   * and CSRF token, then the form post; answers the post's response (its new session cookie).
   */
  private ResponseEntity<String> signIn() {
    return signIn("admin", new HttpHeaders());
  }

  /** Signs in as {@code username}, every request carrying {@code proxyHeaders} too. */
  private ResponseEntity<String> signIn(final String username, final HttpHeaders proxyHeaders) {
    final ResponseEntity<String> loginPage =
        http.exchange("/login", HttpMethod.GET, new HttpEntity<>(proxyHeaders), String.class);
    final String cookie = loginPage.getHeaders().getFirst(HttpHeaders.SET_COOKIE).split(";")[0];
    final String token =
        Jsoup.parse(loginPage.getBody()).selectFirst("input[name=_csrf]").attr("value");
    final HttpHeaders headers = new HttpHeaders();
    headers.addAll(proxyHeaders);
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    headers.add(HttpHeaders.COOKIE, cookie);
    final MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("username", username);
    form.add("password", "demo-flowdesk-2025");
    form.add("_csrf", token);
    return http.postForEntity("/login", new HttpEntity<>(form, headers), String.class);
  }

  private HttpHeaders signedIn() {
    return signedIn("admin");
  }

  private HttpHeaders signedIn(final String username) {
    final HttpHeaders headers = new HttpHeaders();
    headers.add(
        HttpHeaders.COOKIE,
        signIn(username, new HttpHeaders())
            .getHeaders()
            .getFirst(HttpHeaders.SET_COOKIE)
            .split(";")[0]);
    return headers;
  }

  @Test
  void landingPageSaysWhatIsRunning() {
    final ResponseEntity<String> page =
        http.exchange("/", HttpMethod.GET, new HttpEntity<>(signedIn()), String.class);

    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getBody())
        .contains("<dd id=\"version\">")
        .contains("PostgreSQL at jdbc:postgresql://localhost:")
        .contains("embedded Flowdesk engine (gRPC http://127.0.0.1:")
        .containsPattern("first started \\d{4}-\\d\\d-\\d\\dT[0-9:]+Z, started \\d+ times?");
  }

  @Test
  void whereFlowdeskKeepsItsStateIsShownToAdminsOnly() {
    for (final String username : new String[] {"alice", "agent.anna", "manager.maria"}) {
      final ResponseEntity<String> page =
          http.exchange("/", HttpMethod.GET, new HttpEntity<>(signedIn(username)), String.class);

      assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
      assertThat(page.getBody())
          .as(username)
          .contains("<dd id=\"version\">")
          .doesNotContain("PostgreSQL", "jdbc:", "127.0.0.1", "gRPC", "id=\"database\"")
          .doesNotContain("id=\"engine\"", "first started");
    }
  }

  @Test
  void theLandingPageAsksStrangersToSignIn() {
    final ResponseEntity<String> page = http.getForEntity("/", String.class);

    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.FOUND);
    assertThat(page.getHeaders().getLocation().getPath()).isEqualTo("/login");
  }

  @Test
  void theSessionCookieIsHttpOnlyAndSameSiteLaxAndNotSecureOnPlainHttp() {
    final ResponseEntity<String> signedIn = signIn();

    assertThat(signedIn.getStatusCode()).isEqualTo(HttpStatus.FOUND);
    assertThat(signedIn.getHeaders().getLocation().getPath()).isEqualTo("/admin");
    final String cookie = signedIn.getHeaders().getFirst(HttpHeaders.SET_COOKIE);
    assertThat(cookie).startsWith("JSESSIONID=").contains("HttpOnly", "SameSite=Lax");
    assertThat(cookie).doesNotContain("Secure");
  }

  @Test
  void behindATlsProxyTheSessionCookieIsSecure() {
    final HttpHeaders proxy = new HttpHeaders();
    proxy.add("X-Forwarded-Proto", "https");
    final HttpHeaders standardProxy = new HttpHeaders();
    standardProxy.add("Forwarded", "for=192.0.2.60;proto=https;by=203.0.113.43");

    for (final HttpHeaders headers : List.of(proxy, standardProxy)) {
      final ResponseEntity<String> signedIn = signIn("bob", headers);

      assertThat(signedIn.getHeaders().getLocation().getPath()).isEqualTo("/portal");
      assertThat(signedIn.getHeaders().getFirst(HttpHeaders.SET_COOKIE))
          .startsWith("JSESSIONID=")
          .contains("Secure", "HttpOnly", "SameSite=Lax");
    }
  }

  @Test
  void anOversizedFormPostIsRefusedWith413AndRecordsNothing() {
    final long before = records.search(IncidentQuery.all(), Pageable.ofSize(1)).getTotalElements();
    final HttpHeaders headers = signedIn("alice");
    final ResponseEntity<String> reportPage =
        http.exchange(
            "/portal/items/incident", HttpMethod.GET, new HttpEntity<>(headers), String.class);
    final String token =
        Jsoup.parse(reportPage.getBody()).selectFirst("input[name=_csrf]").attr("value");
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    headers.add("X-CSRF-TOKEN", token);
    final String form =
        "_csrf="
            + token
            + "&shortDescription=Printer&impact=low&urgency=low&category=hardware&description="
            + "x".repeat(1_500_000);

    final ResponseEntity<String> answer =
        http.exchange(
            "/portal/items/incident",
            HttpMethod.POST,
            new HttpEntity<>(form, headers),
            String.class);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
    assertThat(answer.getBody()).contains("The form is too large", "Nothing was saved");
    assertThat(records.search(IncidentQuery.all(), Pageable.ofSize(1)).getTotalElements())
        .isEqualTo(before);
  }

  @Test
  void healthIsUpOnRealPostgres() {
    final ResponseEntity<String> health = http.getForEntity("/actuator/health", String.class);

    assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(health.getBody()).contains("\"status\":\"UP\"");
  }

  @Test
  void requestIdFromAProxyIsEchoed() {
    final HttpHeaders headers = signedIn();
    headers.set("X-Request-Id", "proxy-42");

    final ResponseEntity<String> page =
        http.exchange("/", HttpMethod.GET, new HttpEntity<>(headers), String.class);

    assertThat(page.getHeaders().getFirst("X-Request-Id")).isEqualTo("proxy-42");
  }

  @Test
  void unsafeRequestIdIsReplacedNotLogged() {
    final HttpHeaders headers = signedIn();
    headers.set("X-Request-Id", "evil\u0000id with spaces");

    final ResponseEntity<String> page =
        http.exchange("/", HttpMethod.GET, new HttpEntity<>(headers), String.class);

    assertThat(page.getHeaders().getFirst("X-Request-Id")).matches("[0-9a-f-]{36}");
  }
}
