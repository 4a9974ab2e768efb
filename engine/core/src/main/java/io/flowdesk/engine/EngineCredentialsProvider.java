package io.flowdesk.engine;

import io.camunda.client.CredentialsProvider;
import java.util.function.Supplier;

/**
 * The application's camunda client presents the embedded engine's own-client token (gRPC metadata
 * and REST header alike), so that the app's workers and inbox need no configured credentials while
 * every other client does.
 */
public final class EngineCredentialsProvider implements CredentialsProvider {

  private final Supplier<String> authorization;

  /**
   * @param authorization the header value, read when a request is sent (the engine may start later)
   */
  public EngineCredentialsProvider(final Supplier<String> authorization) {
    this.authorization = authorization;
  }

  /** Credentials for a client of {@code engine}. */
  public static EngineCredentialsProvider of(final Engine engine) {
    return new EngineCredentialsProvider(engine::ownClientAuthorization);
  }

  @Override
  public void applyCredentials(final CredentialsApplier applier) {
    applier.put("Authorization", authorization.get());
  }

  @Override
  public boolean shouldRetryRequest(final StatusCode statusCode) {
    return false;
  }
}
