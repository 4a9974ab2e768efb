package io.flowdesk.engine;

import io.camunda.client.spring.properties.CamundaClientProperties;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.core.env.Environment;

/**
 * Points the application's camunda client at the embedded engine before the client is built: gRPC
 * at the port the gateway actually bound (also a free one), REST at the application's own port,
 * where the engine's {@code /v2} is served. When that port is chosen at random (tests) it is not
 * known yet, and a mock web environment has none: then the client prefers gRPC.
 */
final class CamundaClientTarget implements BeanPostProcessor, ApplicationContextAware {

  private static final Logger LOG = LoggerFactory.getLogger(CamundaClientTarget.class);

  private final ObjectProvider<Engine> engine;
  private final ObjectProvider<EngineProperties> properties;
  private final Environment environment;
  private boolean servesHttp;

  CamundaClientTarget(
      final ObjectProvider<Engine> engine,
      final ObjectProvider<EngineProperties> properties,
      final Environment environment) {
    this.engine = engine;
    this.properties = properties;
    this.environment = environment;
  }

  @Override
  public void setApplicationContext(final ApplicationContext context) {
    // Only a context with a real web server serves /v2; a mock web environment does not.
    servesHttp = context instanceof WebServerApplicationContext;
  }

  @Override
  public Object postProcessAfterInitialization(final Object bean, final String beanName) {
    if (bean instanceof CamundaClientProperties client) {
      final Engine running = engine.getIfAvailable();
      if (running != null) {
        aim(client, running);
      }
    }
    return bean;
  }

  private void aim(final CamundaClientProperties client, final Engine running) {
    final String grpcHost = reachable(properties.getObject().grpcHost());
    client.setGrpcAddress(URI.create("http://" + grpcHost + ":" + running.gatewayPort()));
    final int webPort = environment.getProperty("server.port", Integer.class, 8080);
    final boolean tls = environment.getProperty("server.ssl.enabled", Boolean.class, false);
    if (servesHttp && webPort > 0 && !tls) {
      final String webHost = reachable(environment.getProperty("server.address", "127.0.0.1"));
      final String contextPath = environment.getProperty("server.servlet.context-path", "");
      client.setRestAddress(URI.create("http://" + webHost + ":" + webPort + contextPath));
    } else {
      client.setPreferRestOverGrpc(false);
      LOG.info(
          "No web port known before start (random, mock or TLS): the camunda client uses gRPC"
              + " for the embedded engine");
    }
    LOG.info(
        "Camunda client -> embedded engine: gRPC {}, REST {}{}",
        client.getGrpcAddress(),
        client.getRestAddress(),
        client.getPreferRestOverGrpc() ? " (preferred)" : "");
  }

  // A wildcard bind address is reached through loopback; IPv6 literals need brackets in a URI.
  private static String reachable(final String host) {
    if (host == null
        || host.isBlank()
        || "0.0.0.0".equals(host)
        || "::".equals(host)
        || "[::]".equals(host)) {
      return "127.0.0.1";
    }
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }
}
