package io.flowdesk.engine.gateway;

import io.flowdesk.engine.metrics.EngineMetrics;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/** Tells the engine's metrics of every gRPC call that passed access control, by method. */
final class CommandCounting implements ServerInterceptor {

  private final EngineMetrics metrics;

  CommandCounting(final EngineMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      final ServerCall<Q, R> call, final Metadata headers, final ServerCallHandler<Q, R> next) {
    metrics.commandReceived("grpc", call.getMethodDescriptor().getBareMethodName());
    return next.startCall(call, headers);
  }
}
