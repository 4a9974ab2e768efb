package io.flowdesk.engine.gateway;

import io.flowdesk.engine.access.ApiAccess;
import io.flowdesk.engine.metrics.EngineMetrics;
import io.flowdesk.engine.support.EngineLimits;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The gRPC endpoint clients connect to (26500 by default, like a Zeebe gateway). */
public final class GatewayServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);
  // Zeebe's default maximum message size; larger payloads are refused with RESOURCE_EXHAUSTED.
  private static final int MAX_MESSAGE_BYTES = EngineLimits.MAX_MESSAGE_BYTES;

  private final Server server;

  private GatewayServer(final Server server) {
    this.server = server;
  }

  /**
   * Opens the gateway; refuses a host other machines can reach when no credentials are configured,
   * since it would let none of them in.
   */
  public static GatewayServer start(
      final String host,
      final int port,
      final ZeebeGatewayService service,
      final ApiAccess access,
      final EngineMetrics metrics) {
    access.requireCredentialsForRemoteListener("gRPC gateway", host, "flowdesk.engine.grpc-host");
    // Calls run on grpc-java's own executor, a thread per concurrent call: a fixed pool of 8 call
    // threads made job-driven instances 5-20 % slower (bench/) for 5-9 % more message publications.
    final Server server =
        NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
            .maxInboundMessageSize(MAX_MESSAGE_BYTES)
            .addService(
                // The last interceptor runs first: only calls that passed access are counted.
                ServerInterceptors.intercept(
                    service, new CommandCounting(metrics), new GatewayAccessInterceptor(access)))
            .build();
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot start the engine's gRPC gateway on " + host + ":" + port, e);
    }
    LOG.info("Zeebe gateway API listening on {}:{}", host, server.getPort());
    return new GatewayServer(server);
  }

  public int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    server.shutdown();
    try {
      if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
        server.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.shutdownNow();
    }
  }
}
