package io.flowdesk.connectors.rpa;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.PlaywrightException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pool slot: a Playwright driver of its own (Playwright objects must not be shared between
 * threads) and the headless Chromium it launched.
 */
final class PooledBrowser {

  private static final Logger LOG = LoggerFactory.getLogger(PooledBrowser.class);

  /**
   * Quiet, self-contained Chromium: no sandbox (CI runs as root in a container), no GPU, and none
   * of the background traffic (updates, sync, QUIC probes) a server process should not make.
   */
  static final List<String> CHROMIUM_ARGS =
      List.of(
          "--no-sandbox",
          "--disable-gpu",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--disable-quic",
          "--no-first-run");

  private final Playwright playwright;
  private final Browser browser;

  private PooledBrowser(final Playwright playwright, final Browser browser) {
    this.playwright = playwright;
    this.browser = browser;
  }

  static void requireExecutable(final Path chromium) {
    if (!Files.isRegularFile(chromium) || !Files.isExecutable(chromium)) {
      throw new BrowserUnavailableException(
          "Chromium executable "
              + chromium
              + " does not exist or is not executable; install Debian's chromium package"
              + " (apt-get install chromium) or configure the path of an installed Chromium");
    }
  }

  static PooledBrowser launch(final Path chromium) {
    requireExecutable(chromium);
    final Playwright playwright;
    try {
      playwright = Playwright.create(new Playwright.CreateOptions().setEnv(driverEnvironment()));
    } catch (PlaywrightException e) {
      throw new BrowserUnavailableException("the Playwright driver did not start", e);
    }
    try {
      final Browser browser =
          playwright
              .chromium()
              .launch(
                  new BrowserType.LaunchOptions()
                      .setExecutablePath(chromium)
                      .setHeadless(true)
                      .setArgs(CHROMIUM_ARGS));
      LOG.debug("launched {} {}", chromium, browser.version());
      return new PooledBrowser(playwright, browser);
    } catch (PlaywrightException e) {
      playwright.close();
      throw new BrowserUnavailableException("Chromium " + chromium + " did not start", e);
    }
  }

  private static Map<String, String> driverEnvironment() {
    final Map<String, String> env = new HashMap<>(System.getenv());
    env.put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
    // Driver debug logging would print every action's parameters, filled secrets included.
    env.remove("DEBUG");
    env.remove("PWDEBUG");
    return env;
  }

  /** A fresh context: its own cookies, storage and cache, gone when it closes. */
  BrowserContext newContext() {
    return browser.newContext(new Browser.NewContextOptions().setAcceptDownloads(false));
  }

  boolean isConnected() {
    return browser.isConnected();
  }

  /** Ends the browser and the driver; safe on a browser that already died. */
  void close() {
    try {
      browser.close();
    } catch (PlaywrightException e) {
      LOG.debug("closing a browser that already failed: {}", e.getMessage());
    } finally {
      try {
        playwright.close();
      } catch (PlaywrightException e) {
        LOG.debug("closing a Playwright driver that already failed: {}", e.getMessage());
      }
    }
  }
}
