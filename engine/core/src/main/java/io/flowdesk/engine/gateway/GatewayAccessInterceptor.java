package io.flowdesk.engine.gateway;

import io.flowdesk.engine.access.ApiAccess;
import io.flowdesk.engine.access.ApiClient;
import io.flowdesk.engine.access.ApiRequest;
import io.flowdesk.engine.access.EnginePermission;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Set;

/**
 * Applies {@link ApiAccess} to every gRPC call, reading the {@code authorization} metadata that
 * camunda-client-java's credentials providers (Basic, OAuth bearer) send, then the permission the
 * called method needs. The authenticated client is in the call's {@link Context} for the handler
 * ({@link #caller()}).
 */
final class GatewayAccessInterceptor implements ServerInterceptor {

  private static final Set<String> DEPLOYING =
      Set.of("DeployResource", "DeployProcess", "DeleteResource");
  private static final Set<String> OPEN_TO_EVERY_CLIENT = Set.of("Topology");

  private static final Context.Key<ApiClient> CALLER = Context.key("flowdesk-engine-caller");

  private final ApiAccess access;

  GatewayAccessInterceptor(final ApiAccess access) {
    this.access = access;
  }

  /** The permission a gateway method needs: every other method changes running processes. */
  static EnginePermission needed(final String method) {
    if (OPEN_TO_EVERY_CLIENT.contains(method)) {
      return null;
    }
    return DEPLOYING.contains(method) ? EnginePermission.DEPLOY : EnginePermission.OPERATE;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      final ServerCall<Q, R> call, final Metadata headers, final ServerCallHandler<Q, R> next) {
    final SocketAddress peer = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
    final ApiRequest request =
        new ApiRequest(
            peer instanceof InetSocketAddress inet ? inet.getAddress() : null,
            name ->
                "host".equals(name)
                    ? call.getAuthority()
                    : headers.get(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER)));
    final ApiAccess.Outcome outcome = access.authenticate(request);
    if (outcome instanceof ApiAccess.Refused refused) {
      return refuse(call, Status.UNAUTHENTICATED.withDescription(refused.reason()));
    }
    final ApiClient client = ((ApiAccess.Granted) outcome).client();
    final String method = call.getMethodDescriptor().getBareMethodName();
    final EnginePermission permission = needed(method);
    if (!client.may(permission)) {
      return refuse(
          call,
          Status.PERMISSION_DENIED.withDescription(
              "Client '"
                  + client.name()
                  + "' lacks the engine permission '"
                  + permission.label()
                  + "' that "
                  + method
                  + " needs"));
    }
    return Contexts.interceptCall(Context.current().withValue(CALLER, client), call, headers, next);
  }

  /** The client of the gRPC call this thread is handling; every call through here has one. */
  static ApiClient caller() {
    final ApiClient client = CALLER.get();
    if (client == null) {
      throw new IllegalStateException("No authenticated client in this gRPC call's context");
    }
    return client;
  }

  private static <Q, R> ServerCall.Listener<Q> refuse(
      final ServerCall<Q, R> call, final Status status) {
    call.close(status, new Metadata());
    return new ServerCall.Listener<>() {};
  }
}
