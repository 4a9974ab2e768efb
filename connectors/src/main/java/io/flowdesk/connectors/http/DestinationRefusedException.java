package io.flowdesk.connectors.http;

import io.flowdesk.connectors.ConnectorException;

/**
 * The HTTP connector will not call this destination: its host is not on the allow-list, or it
 * resolves to an address the SSRF guard keeps out (loopback, private, link-local, metadata, ...).
 * Never retryable; the message names the host and the rule.
 */
public class DestinationRefusedException extends ConnectorException {

  private static final long serialVersionUID = 1L;

  private final String host;
  private final String rule;

  public DestinationRefusedException(final String host, final String rule, final String message) {
    super(message, false);
    this.host = host;
    this.rule = rule;
  }

  public String host() {
    return host;
  }

  /** The rule that refused it, e.g. {@code allow-list} or {@code loopback 127.0.0.0/8}. */
  public String rule() {
    return rule;
  }
}
