package io.flowdesk.app.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowdesk.app.StandaloneApp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Under each forward-headers strategy a client that claims to be this machine in {@code
 * X-Forwarded-For} gets nothing from the engine's API, and the local opt-out refuses to start
 * together with a strategy that would let every proxied request look local.
 */
class ForwardedHeadersEngineAccessTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @ParameterizedTest
  @ValueSource(strings = {"none", "native", "framework"})
  void aSpoofedForwardedForIsNoKey(final String strategy) throws Exception {
    try (StandaloneApp app = StandaloneApp.start("server.forward-headers-strategy=" + strategy)) {
      for (final String claimed : new String[] {"127.0.0.1", "::1", "10.0.0.1, 127.0.0.1"}) {
        final HttpResponse<String> answer =
            HTTP.send(
                HttpRequest.newBuilder(URI.create(app.baseUrl() + "/v2/variables/search"))
                    .header("X-Forwarded-For", claimed)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode())
            .as("%s: X-Forwarded-For %s", strategy, claimed)
            .isEqualTo(401);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"native", "framework"})
  void insecureLocalAccessRefusesToStartBehindForwardedHeaders(final String strategy) {
    assertThatThrownBy(
            () ->
                StandaloneApp.start(
                        "server.forward-headers-strategy=" + strategy,
                        "flowdesk.engine.security.insecure-local-access=true")
                    .close())
        .hasStackTraceContaining("insecure-local-access cannot be combined")
        .hasStackTraceContaining(strategy);
  }
}
