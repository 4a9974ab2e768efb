package io.flowdesk.engine;

import io.flowdesk.engine.access.ApiCredentials;
import io.flowdesk.engine.access.ApiSecurity;
import io.flowdesk.engine.feel.FeelLimits;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded engine's settings ({@code flowdesk.engine.*}).
 *
 * @param enabled false when the workers use an external Camunda 8 cluster instead
 * @param grpcHost address the gateway binds to; loopback unless workers run elsewhere (then
 *     credentials are required)
 * @param grpcPort gateway port; 0 picks a free one (tests)
 * @param restHost address the engine's own REST listener binds to
 * @param restPort port of the engine's own REST listener ({@code /v2}); 0 picks a free one, {@link
 *     #NO_LISTENER} (the default) opens none, because a Spring Boot web application serves {@code
 *     /v2} on its own port
 * @param jobTimeoutScanMillis how often timed-out jobs and ended back-offs are looked for
 * @param historyRetention how long the record log and rows of ended process instances are kept
 * @param credentials Basic user and static token other clients may present; without them (and
 *     without OAuth) only the engine's own client is served
 * @param security OAuth 2 tokens, cross-origin rules and the local opt-out
 * @param feel bounds of each FEEL evaluation ({@code feel.timeout}, {@code feel.max-items}, {@code
 *     feel.max-string-length}); unset ones take {@link FeelLimits#DEFAULT}'s
 */
@ConfigurationProperties("flowdesk.engine")
public record EngineProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("127.0.0.1") String grpcHost,
    @DefaultValue("26500") int grpcPort,
    @DefaultValue("127.0.0.1") String restHost,
    @DefaultValue("-1") int restPort,
    @DefaultValue("500") long jobTimeoutScanMillis,
    @DefaultValue("P30D") Duration historyRetention,
    @DefaultValue ApiCredentials credentials,
    @DefaultValue ApiSecurity security,
    @DefaultValue FeelLimits feel) {

  /** {@link #restPort()} value for "no REST listener of the engine's own". */
  public static final int NO_LISTENER = -1;

  public EngineProperties {
    if (credentials == null) {
      credentials = ApiCredentials.NONE;
    }
    if (security == null) {
      security = ApiSecurity.DEFAULT;
    }
    if (feel == null) {
      feel = FeelLimits.DEFAULT;
    }
  }

  /**
   * An engine for tests and benchmarks: gRPC and REST on free loopback ports, no credentials but
   * the engine's own client's, a short timeout scan.
   */
  public static EngineProperties loopback() {
    return new EngineProperties(
        true,
        "127.0.0.1",
        0,
        "127.0.0.1",
        0,
        100,
        Duration.ofDays(30),
        ApiCredentials.NONE,
        ApiSecurity.DEFAULT,
        FeelLimits.DEFAULT);
  }

  public EngineProperties withGrpc(final String host, final int port) {
    return new EngineProperties(
        enabled,
        host,
        port,
        restHost,
        restPort,
        jobTimeoutScanMillis,
        historyRetention,
        credentials,
        security,
        feel);
  }

  public EngineProperties withRest(final String host, final int port) {
    return new EngineProperties(
        enabled,
        grpcHost,
        grpcPort,
        host,
        port,
        jobTimeoutScanMillis,
        historyRetention,
        credentials,
        security,
        feel);
  }

  public EngineProperties withCredentials(final ApiCredentials newCredentials) {
    return new EngineProperties(
        enabled,
        grpcHost,
        grpcPort,
        restHost,
        restPort,
        jobTimeoutScanMillis,
        historyRetention,
        newCredentials,
        security,
        feel);
  }

  public EngineProperties withJobTimeoutScanMillis(final long millis) {
    return new EngineProperties(
        enabled,
        grpcHost,
        grpcPort,
        restHost,
        restPort,
        millis,
        historyRetention,
        credentials,
        security,
        feel);
  }

  public EngineProperties withSecurity(final ApiSecurity newSecurity) {
    return new EngineProperties(
        enabled,
        grpcHost,
        grpcPort,
        restHost,
        restPort,
        jobTimeoutScanMillis,
        historyRetention,
        credentials,
        newSecurity,
        feel);
  }
}
