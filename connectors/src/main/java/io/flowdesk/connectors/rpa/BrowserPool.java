package io.flowdesk.connectors.rpa;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A bounded set of headless Chromium browsers, each with its own Playwright driver, lent to one
 * script run at a time. Browsers start on demand (or all at once with {@link #warmUp()}), are
 * reused across runs (each run gets a fresh context, so nothing of one run is visible to the next)
 * and are replaced when they die. Thread-safe.
 */
public final class BrowserPool implements AutoCloseable {

  private final BrowserPoolConfig config;
  private final Semaphore permits;
  private final Deque<PooledBrowser> idle = new ArrayDeque<>();
  private boolean closed;

  /**
   * @throws BrowserUnavailableException when the configured Chromium executable is missing
   */
  public BrowserPool(final BrowserPoolConfig config) {
    PooledBrowser.requireExecutable(config.chromium());
    this.config = config;
    this.permits = new Semaphore(config.maxSize(), true);
  }

  public BrowserPoolConfig config() {
    return config;
  }

  /** Starts browsers until {@code maxSize} are alive, so the first runs do not pay for startup. */
  public void warmUp() {
    final List<BrowserLease> leases = new ArrayList<>();
    try {
      for (int i = 0; i < config.maxSize(); i++) {
        leases.add(borrow());
      }
    } finally {
      leases.forEach(BrowserLease::close);
    }
  }

  BrowserLease borrow() {
    requireOpen();
    try {
      if (!permits.tryAcquire(config.borrowTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
        throw new BrowserUnavailableException(
            "all "
                + config.maxSize()
                + " pooled browsers stayed busy for "
                + config.borrowTimeout().toMillis()
                + " ms");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BrowserUnavailableException("interrupted while waiting for a browser", e);
    }
    try {
      PooledBrowser browser;
      synchronized (this) {
        requireOpen();
        browser = idle.pollFirst();
      }
      if (browser != null && !browser.isConnected()) {
        browser.close();
        browser = null;
      }
      return new BrowserLease(
          this, browser != null ? browser : PooledBrowser.launch(config.chromium()));
    } catch (RuntimeException e) {
      permits.release();
      throw e;
    }
  }

  /** Closes a browser found dead and launches its replacement for the same lease. */
  PooledBrowser replace(final PooledBrowser dead) {
    dead.close();
    return PooledBrowser.launch(config.chromium());
  }

  void giveBack(final PooledBrowser browser) {
    try {
      boolean keep;
      synchronized (this) {
        keep = !closed && browser.isConnected();
        if (keep) {
          // Most recently used first: its pages and caches are warm.
          idle.addFirst(browser);
        }
      }
      if (!keep) {
        browser.close();
      }
    } finally {
      permits.release();
    }
  }

  /**
   * Closes every idle browser and its driver at once; browsers lent to runs still in progress are
   * closed when those runs end.
   */
  @Override
  public void close() {
    final List<PooledBrowser> toClose;
    synchronized (this) {
      closed = true;
      toClose = new ArrayList<>(idle);
      idle.clear();
    }
    toClose.forEach(PooledBrowser::close);
  }

  private synchronized void requireOpen() {
    if (closed) {
      throw new BrowserUnavailableException("the browser pool is closed");
    }
  }
}
