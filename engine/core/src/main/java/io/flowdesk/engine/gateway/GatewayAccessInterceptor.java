package io.flowdesk.engine.gateway;

import io.flowdesk.engine.access.ApiAccess;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Applies {@link ApiAccess} to every gRPC call, reading the {@code authorization} metadata that
 * camunda-client-java's credentials providers (Basic, OAuth bearer) send.
 */
final class GatewayAccessInterceptor implements ServerInterceptor {

  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final ApiAccess access;

  GatewayAccessInterceptor(final ApiAccess access) {
    this.access = access;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      final ServerCall<Q, R> call, final Metadata headers, final ServerCallHandler<Q, R> next) {
    final SocketAddress peer = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
    final ApiAccess.Verdict verdict =
        access.check(
            peer instanceof InetSocketAddress inet ? inet.getAddress() : null,
            headers.get(AUTHORIZATION));
    if (verdict != ApiAccess.Verdict.GRANTED) {
      call.close(Status.UNAUTHENTICATED.withDescription(verdict.explanation()), new Metadata());
      return new ServerCall.Listener<>() {};
    }
    return next.startCall(call, headers);
  }
}
