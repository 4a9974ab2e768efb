package io.flowdesk.engine.test;

import java.util.Locale;

/**
 * Which API the injected {@code CamundaClient} prefers for commands both APIs offer. Job streaming
 * always uses gRPC, as in camunda-client-java itself.
 */
public enum ClientProtocol {
  /** The system property {@value #PROPERTY} ({@code rest} or {@code grpc}); REST when absent. */
  CONFIGURED,
  /** The Camunda REST API ({@code /v2}), camunda-client-java's default. */
  REST,
  /** The Zeebe gateway gRPC API. */
  GRPC;

  /** The system property that chooses the protocol of {@link #CONFIGURED} tests. */
  public static final String PROPERTY = "flowdesk.engine.test.protocol";

  /** REST or GRPC: what this choice means in this test run. */
  public ClientProtocol resolve() {
    if (this != CONFIGURED) {
      return this;
    }
    final String configured = System.getProperty(PROPERTY, "rest").trim().toLowerCase(Locale.ROOT);
    return switch (configured) {
      case "rest" -> REST;
      case "grpc" -> GRPC;
      default ->
          throw new IllegalArgumentException(
              "-D" + PROPERTY + " must be rest or grpc, but was '" + configured + "'");
    };
  }
}
