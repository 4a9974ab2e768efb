package io.flowdesk.bench.web;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One signed-in browser: its own cookie jar, the login form with its CSRF token. */
final class WebSession {

  private static final Pattern CSRF =
      Pattern.compile(
          "name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"");

  private final HttpClient http;
  private final URI base;
  private final String username;

  private WebSession(final URI base, final String username) {
    this.base = base;
    this.username = username;
    this.http =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  /** Signs in through the login form as a browser does; fails naming the user when refused. */
  static WebSession signIn(final URI base, final String username, final String password)
      throws IOException, InterruptedException {
    final WebSession session = new WebSession(base, username);
    final String form = session.get("/login").body();
    final String token = csrf(form);
    final HttpResponse<String> answer =
        session.post(
            "/login",
            "username="
                + encode(username)
                + "&password="
                + encode(password)
                + "&_csrf="
                + encode(token));
    final String location = answer.headers().firstValue("Location").orElse("");
    if (answer.statusCode() != 302 || location.contains("error")) {
      throw new IllegalStateException(
          "sign-in of " + username + " refused: " + answer.statusCode() + " " + location);
    }
    return session;
  }

  /**
   * Signs in with password and then a code from the person's authenticator app, as a person with
   * two-factor sign-in does; fails naming the user when either step is refused.
   */
  static WebSession signInWithCode(
      final URI base, final String username, final String password, final String code)
      throws IOException, InterruptedException {
    final WebSession session = signIn(base, username, password);
    final String page = session.get("/login/mfa").body();
    final HttpResponse<String> answer =
        session.post("/login/mfa", "code=" + encode(code) + "&_csrf=" + encode(csrf(page)));
    final String location = answer.headers().firstValue("Location").orElse("");
    if (answer.statusCode() != 302 || !location.endsWith("/portal")) {
      throw new IllegalStateException(
          "code of " + username + " refused: " + answer.statusCode() + " " + location);
    }
    return session;
  }

  String username() {
    return username;
  }

  HttpResponse<String> get(final String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> postJson(final String path, final String json, final String csrfToken)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("X-CSRF-TOKEN", csrfToken)
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(final String path, final String form)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The CSRF token a page's forms carry. */
  static String csrf(final String page) {
    final Matcher matcher = CSRF.matcher(page);
    if (!matcher.find()) {
      throw new IllegalStateException("no CSRF token in the page");
    }
    return matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
  }

  static String encode(final String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
