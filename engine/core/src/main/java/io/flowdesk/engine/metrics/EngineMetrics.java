package io.flowdesk.engine.metrics;

import java.time.Duration;

/**
 * What the engine tells its host about its work, for monitoring: the host binds it to its metrics
 * library (the Flowdesk app to Micrometer), so the engine needs none. Everything but {@link
 * #commandReceived} is told after the transaction that did it committed, once per occurrence;
 * implementations must be quick and thread-safe, and must not throw.
 */
public interface EngineMetrics {

  /** Tells nothing. */
  EngineMetrics NONE = new EngineMetrics() {};

  /**
   * A client called the engine: {@code api} is {@code grpc} or {@code rest}, {@code command} the
   * gRPC method ({@code CreateProcessInstance}) or the REST route ({@code POST
   * /process-instances}).
   */
  default void commandReceived(final String api, final String command) {}

  default void processInstanceCreated(final String bpmnProcessId) {}

  default void processInstanceCompleted(final String bpmnProcessId) {}

  default void jobActivated(final String jobType) {}

  default void jobCompleted(final String jobType) {}

  /** A worker reported a failure (with or without retries left). */
  default void jobFailed(final String jobType) {}

  /** A timer fired {@code lateness} after its due date. */
  default void timerTriggered(final Duration lateness) {}

  default void messageCorrelated(final String messageName) {}
}
