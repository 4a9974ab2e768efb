package io.flowdesk.app.story;

import com.microsoft.playwright.APIRequest;
import com.microsoft.playwright.APIRequestContext;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.flowdesk.app.database.ServerProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * One story's stage: the packaged app in its local default (own data directory, demo people, an
 * engine gRPC port of its own) and Debian's Chromium, started together and closed together.
 */
final class StoryApp implements AutoCloseable {

  static final String PASSWORD = "demo-flowdesk-2025";

  private final ServerProcess server;
  private final Playwright playwright;
  private final Browser browser;

  private StoryApp(final ServerProcess server, final Playwright playwright, final Browser browser) {
    this.server = server;
    this.playwright = playwright;
    this.browser = browser;
  }

  /** Starts the app with {@code settings} ({@code --name=value}) beside the story defaults. */
  static StoryApp start(final Path dataDir, final String... settings) throws Exception {
    final List<String> arguments = new ArrayList<>(List.of("--flowdesk.engine.grpc-port=0"));
    arguments.addAll(List.of(settings));
    final ServerProcess server = ServerProcess.start(dataDir, arguments);
    final Playwright playwright = Chromium.playwright();
    return new StoryApp(server, playwright, Chromium.launch(playwright));
  }

  ServerProcess server() {
    return server;
  }

  Playwright playwright() {
    return playwright;
  }

  Browser browser() {
    return browser;
  }

  /**
   * The REST API as the demo person {@code username}: HTTP Basic sent with every request (a POST
   * without credentials is refused with 403, not challenged), for the data a story starts from.
   */
  APIRequestContext api(final String username) {
    final String credentials = username + ":" + PASSWORD;
    return playwright
        .request()
        .newContext(
            new APIRequest.NewContextOptions()
                .setBaseURL(server.baseUrl())
                .setExtraHTTPHeaders(
                    Map.of(
                        "Authorization",
                        "Basic "
                            + Base64.getEncoder()
                                .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))));
  }

  /** A fresh browser (own cookies) at the app's address, patient with a loaded machine. */
  Page newPage() {
    final BrowserContext context =
        browser.newContext(new Browser.NewContextOptions().setBaseURL(server.baseUrl()));
    context.setDefaultTimeout(30_000);
    return context.newPage();
  }

  /** A fresh browser signed in as the demo person {@code username}. */
  Page signedIn(final String username) {
    final Page page = newPage();
    page.navigate("/login");
    page.fill("#username", username);
    page.fill("#password", PASSWORD);
    page.click("button:has-text('Sign in')");
    page.waitForURL(url -> !url.contains("/login"));
    return page;
  }

  @Override
  public void close() throws Exception {
    try {
      browser.close();
      playwright.close();
    } finally {
      server.close();
    }
  }
}
