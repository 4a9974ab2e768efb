package io.flowdesk.connectors;

import java.time.Duration;
import java.util.Optional;

/**
 * A call to an outside system failed. {@link #retryable()} tells the caller whether the same call
 * may succeed later (peer unreachable, rate limited, 5xx) or will fail again until someone changes
 * the input or the configuration (bad credentials, rejected recipient, refused destination).
 *
 * <p>Messages name the peer (host, port) and the cause, never a secret. Connectors may subclass it
 * to mark failures a caller wants to tell apart.
 */
public class ConnectorException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final boolean retryable;
  private final Duration retryAfter;

  public ConnectorException(final String message, final boolean retryable) {
    this(message, retryable, null, null);
  }

  public ConnectorException(final String message, final boolean retryable, final Throwable cause) {
    this(message, retryable, null, cause);
  }

  /**
   * @param retryAfter how long the peer asked us to wait before the next try, or {@code null}; only
   *     meaningful when {@code retryable}
   */
  public ConnectorException(
      final String message,
      final boolean retryable,
      final Duration retryAfter,
      final Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
    this.retryAfter = retryable ? retryAfter : null;
  }

  /** Whether the same call may succeed if tried again later. */
  public boolean retryable() {
    return retryable;
  }

  /** The wait the peer asked for (e.g. an HTTP {@code Retry-After}), when it said one. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
