package io.flowdesk.app.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowdesk.app.FlowdeskApplication;
import io.flowdesk.engine.test.SharedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Under each forward-headers strategy a client that claims to be this machine in {@code
 * X-Forwarded-For} gets nothing from the engine's API, and the local opt-out refuses to start
 * together with a strategy that would let every proxied request look local.
 */
class ForwardedHeadersEngineAccessTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  // Command-line arguments, so they win over application.yml as an operator's settings do.
  private static ConfigurableApplicationContext start(final String... properties) {
    final java.util.List<String> arguments =
        new java.util.ArrayList<>(
            java.util.List.of(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--flowdesk.engine.grpc-port=0",
                "--flowdesk.mail.local-server=false",
                "--flowdesk.demo-data=false",
                "--flowdesk.deployment.packaged-resources=false",
                "--spring.datasource.url=" + SharedPostgres.newDatabase(),
                "--spring.datasource.username=" + SharedPostgres.user()));
    for (final String property : properties) {
      arguments.add("--" + property);
    }
    return new SpringApplicationBuilder(FlowdeskApplication.class)
        .run(arguments.toArray(String[]::new));
  }

  @ParameterizedTest
  @ValueSource(strings = {"none", "native", "framework"})
  void aSpoofedForwardedForIsNoKey(final String strategy) throws Exception {
    try (ConfigurableApplicationContext app =
        start("server.forward-headers-strategy=" + strategy)) {
      final int port = ((WebServerApplicationContext) app).getWebServer().getPort();
      for (final String claimed : new String[] {"127.0.0.1", "::1", "10.0.0.1, 127.0.0.1"}) {
        final HttpResponse<String> answer =
            HTTP.send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/v2/variables/search"))
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
                start(
                        "server.forward-headers-strategy=" + strategy,
                        "flowdesk.engine.security.insecure-local-access=true")
                    .close())
        .hasStackTraceContaining("insecure-local-access cannot be combined")
        .hasStackTraceContaining(strategy);
  }
}
