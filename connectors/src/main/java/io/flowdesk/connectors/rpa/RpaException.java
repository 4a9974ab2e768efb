package io.flowdesk.connectors.rpa;

/**
 * Why a browser RPA run did not happen or did not finish. Messages never contain secret values.
 * Subtypes tell the caller what to do: fix the script ({@link RpaScriptException}), retry later
 * ({@link BrowserUnavailableException}) or look at the artifacts of a failed step ({@link
 * RpaStepException}).
 */
public class RpaException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  RpaException(final String message) {
    super(message);
  }

  RpaException(final String message, final Throwable cause) {
    super(message, cause);
  }
}
