package io.flowdesk.connectors.rpa;

/**
 * No browser could be had: every pooled browser stayed busy for the whole borrow timeout, Chromium
 * could not be started, or the pool is closed. No step ran; the run may be retried.
 */
public final class BrowserUnavailableException extends RpaException {

  private static final long serialVersionUID = 1L;

  BrowserUnavailableException(final String message) {
    super(message);
  }

  BrowserUnavailableException(final String message, final Throwable cause) {
    super(message, cause);
  }
}
