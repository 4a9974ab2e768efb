package io.flowdesk.engine;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded engine's settings ({@code flowdesk.engine.*}).
 *
 * @param enabled false when the workers use an external Camunda 8 cluster instead
 * @param grpcHost address the gateway binds to; loopback unless workers run elsewhere
 * @param grpcPort gateway port; 0 picks a free one (tests)
 * @param jobTimeoutScanMillis how often timed-out jobs and ended back-offs are looked for
 * @param historyRetention how long the record log and rows of ended process instances are kept
 */
@ConfigurationProperties("flowdesk.engine")
public record EngineProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("127.0.0.1") String grpcHost,
    @DefaultValue("26500") int grpcPort,
    @DefaultValue("500") long jobTimeoutScanMillis,
    @DefaultValue("P30D") Duration historyRetention) {}
