package io.flowdesk.domain.secret;

/** No secret of the asked name is stored. The message names the secret, never a value. */
public class MissingSecretException extends RuntimeException {

  private final String secretName;

  public MissingSecretException(final String secretName) {
    super("secret '" + secretName + "' is not defined in the secret store");
    this.secretName = secretName;
  }

  public String secretName() {
    return secretName;
  }
}
