package io.flowdesk.app;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * A person's browser over real HTTP, without JavaScript: keeps cookies (a session on {@code
 * localhost} reaches every port, as a load balancer's would), follows no redirects, and posts forms
 * with the CSRF token of the page they are on.
 */
public final class Browser {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

  private final HttpClient client =
      HttpClient.newBuilder()
          .cookieHandler(new CookieManager())
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  public HttpResponse<String> get(final String url) throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Posts {@code form} (url-encoded pairs) to {@code action}, with the CSRF token of {@code page}.
   */
  public HttpResponse<String> submit(final String page, final String action, final String form)
      throws IOException, InterruptedException {
    final Matcher token = CSRF.matcher(get(page).body());
    assertThat(token.find()).as("a CSRF token on " + page).isTrue();
    return post(
        action,
        (form.isEmpty() ? "" : form + "&")
            + "_csrf="
            + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8));
  }

  public HttpResponse<String> post(final String url, final String form)
      throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Signs in on the server at {@code base}; fails unless the sign-in was accepted. */
  public void signIn(final String base, final String username, final String password)
      throws IOException, InterruptedException {
    final HttpResponse<String> signedIn =
        submit(
            base + "/login",
            base + "/login",
            "username="
                + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8));
    assertThat(signedIn.headers().firstValue("Location"))
        .as("where signing in as %s leads", username)
        .hasValueSatisfying(location -> assertThat(location).doesNotContain("error"));
  }

  /** The raw client, for requests of other kinds with this browser's cookies. */
  public HttpClient client() {
    return client;
  }
}
