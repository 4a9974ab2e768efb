package io.flowdesk.connectors.rpa;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.PlaywrightException;

/**
 * Exclusive use of one pooled browser by one run (one thread) until {@link #close()} gives it back.
 */
final class BrowserLease implements AutoCloseable {

  private final BrowserPool pool;
  private PooledBrowser browser;
  private boolean returned;

  BrowserLease(final BrowserPool pool, final PooledBrowser browser) {
    this.pool = pool;
    this.browser = browser;
  }

  /**
   * A fresh context. A browser that died while idle (crash, OOM kill) shows up here, before any
   * step ran: it is replaced by a new one and the context is opened there.
   */
  BrowserContext newContext() {
    try {
      return browser.newContext();
    } catch (PlaywrightException dead) {
      browser = pool.replace(browser);
      try {
        return browser.newContext();
      } catch (PlaywrightException e) {
        throw new BrowserUnavailableException(
            "a freshly started browser refused a new context: " + PlaywrightMessages.firstLine(e),
            e);
      }
    }
  }

  @Override
  public void close() {
    if (!returned) {
      returned = true;
      pool.giveBack(browser);
    }
  }
}
