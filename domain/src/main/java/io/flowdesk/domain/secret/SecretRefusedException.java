package io.flowdesk.domain.secret;

import java.net.URI;

/**
 * A connector asked for a secret its {@link SecretBinding} does not allow it to use or to send to
 * the destination. Trying again cannot help. The message names the secret, the connector and the
 * refused origin (never a path, query or the value) and how to fix it.
 */
public class SecretRefusedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String secretName;
  private final String connector;
  private final String destination;

  public SecretRefusedException(
      final String secretName,
      final String connector,
      final URI destination,
      final String message) {
    super(message);
    this.secretName = secretName;
    this.connector = connector;
    this.destination = SecretDestination.originOf(destination);
  }

  public String secretName() {
    return secretName;
  }

  public String connector() {
    return connector;
  }

  /** {@code scheme://host:port} of the refused destination. */
  public String destination() {
    return destination;
  }
}
