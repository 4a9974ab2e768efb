package io.flowdesk.engine;

import io.camunda.client.CredentialsProvider;
import io.flowdesk.engine.access.ApiCredentials;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The engine's own credentials for the application's camunda client (gRPC metadata and REST header
 * alike): HTTP Basic when a user is configured, else the bearer token, else nothing.
 */
final class EngineCredentialsProvider implements CredentialsProvider {

  private final String authorization;

  EngineCredentialsProvider(final ApiCredentials credentials) {
    if (credentials.hasBasic()) {
      authorization =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString(
                      (credentials.username() + ":" + credentials.password())
                          .getBytes(StandardCharsets.UTF_8));
    } else if (credentials.hasToken()) {
      authorization = "Bearer " + credentials.token();
    } else {
      authorization = null;
    }
  }

  @Override
  public void applyCredentials(final CredentialsApplier applier) {
    if (authorization != null) {
      applier.put("Authorization", authorization);
    }
  }

  @Override
  public boolean shouldRetryRequest(final StatusCode statusCode) {
    return false;
  }
}
