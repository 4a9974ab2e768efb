package io.flowdesk.domain.secret;

import java.net.URI;
import java.util.Arrays;

/**
 * A secret handed to a connector that learns its destinations only while it runs (RPA types into
 * whatever page a script has reached; a chat webhook's URL is the value itself). The connector was
 * checked when it opened the secret; it must {@link #checkDestination(URI) check} every destination
 * before the value goes there. {@link #close()} wipes the value.
 */
public final class BoundSecret implements AutoCloseable {

  private final String name;
  private final String connector;
  private final SecretBinding binding;
  private final char[] value;

  BoundSecret(
      final String name, final String connector, final SecretBinding binding, final char[] value) {
    this.name = name;
    this.connector = connector;
    this.binding = binding;
    this.value = value;
  }

  public String name() {
    return name;
  }

  /** A fresh copy of the value, which the caller wipes after use. */
  public char[] value() {
    return value.clone();
  }

  /**
   * @throws SecretRefusedException when the binding does not allow {@code destination}
   */
  public void checkDestination(final URI destination) {
    binding.check(name, connector, destination);
  }

  @Override
  public void close() {
    Arrays.fill(value, '\0');
  }

  @Override
  public String toString() {
    return "BoundSecret[" + name + " for " + connector + ", value=***]";
  }
}
