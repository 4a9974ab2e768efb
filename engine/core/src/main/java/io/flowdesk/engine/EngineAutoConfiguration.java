package io.flowdesk.engine;

import io.camunda.client.CredentialsProvider;
import io.flowdesk.engine.deployment.DeploymentListener;
import io.flowdesk.engine.metrics.EngineMetrics;
import io.flowdesk.engine.rest.RestApiServlet;
import io.flowdesk.engine.support.EngineClock;
import io.flowdesk.engine.support.EngineLimits;
import jakarta.servlet.MultipartConfigElement;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Starts the embedded engine in a Spring Boot application that has a PostgreSQL data source, unless
 * {@code flowdesk.engine.enabled=false} (workers then use an external Camunda 8). In a servlet web
 * application the REST API ({@code /v2}) is served on the application's own port, as Camunda 8.8
 * serves it on its web port; the application's camunda client is pointed at the engine. Beans of
 * type {@link DeploymentListener} hear of every deployment and resource deletion; an {@link
 * EngineMetrics} bean hears of the engine's work.
 */
@AutoConfiguration(
    after = DataSourceAutoConfiguration.class,
    beforeName = "io.camunda.client.spring.configuration.CamundaAutoConfiguration")
@ConditionalOnProperty(
    name = "flowdesk.engine.enabled",
    havingValue = "true",
    matchIfMissing = true)
@EnableConfigurationProperties(EngineProperties.class)
public class EngineAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  EngineClock engineClock() {
    return new EngineClock();
  }

  @Bean
  @ConditionalOnBean(DataSource.class)
  Engine flowdeskEngine(
      final DataSource dataSource,
      final EngineProperties properties,
      final EngineClock clock,
      final ObjectProvider<DeploymentListener> deploymentListeners,
      final ObjectProvider<EngineMetrics> metrics) {
    return EngineBootstrap.start(
        dataSource,
        properties,
        clock,
        deploymentListeners.orderedStream().toList(),
        metrics.getIfUnique(() -> EngineMetrics.NONE));
  }

  /** {@code /v2/*} on the web application's own port. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnBean(DataSource.class)
  static class RestApiOnWebPort {

    @Bean
    ServletRegistrationBean<RestApiServlet> flowdeskRestApi(
        final Engine engine, final EngineProperties properties, final Environment environment) {
      refuseLocalAccessBehindForwardedHeaders(properties, environment);
      final ServletRegistrationBean<RestApiServlet> registration =
          new ServletRegistrationBean<>(engine.restApiServlet(), RestApiServlet.MAPPING);
      registration.setName("flowdeskRestApi");
      registration.setAsyncSupported(true);
      registration.setLoadOnStartup(1);
      registration.setMultipartConfig(
          new MultipartConfigElement(
              null, EngineLimits.MAX_MESSAGE_BYTES, EngineLimits.MAX_MESSAGE_BYTES + 65_536L, 0));
      return registration;
    }
  }

  /**
   * With a forward-headers strategy, the servlet container replaces the client address with the one
   * a header names and hides the header: no request could be told from a local one any more.
   */
  static void refuseLocalAccessBehindForwardedHeaders(
      final EngineProperties properties, final Environment environment) {
    final String strategy = environment.getProperty("server.forward-headers-strategy", "none");
    if (properties.security().insecureLocalAccess() && !"none".equalsIgnoreCase(strategy)) {
      throw new IllegalStateException(
          "flowdesk.engine.security.insecure-local-access cannot be combined with"
              + " server.forward-headers-strategy="
              + strategy
              + ": behind a proxy every request would look local. Configure engine credentials"
              + " instead (flowdesk.engine.credentials.* or flowdesk.engine.security.oauth.*).");
    }
  }

  /** The application's own camunda client talks to this engine, with its own-client token. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.camunda.client.spring.properties.CamundaClientProperties")
  @ConditionalOnBean(DataSource.class)
  static class CamundaClientToEngine {

    @Bean
    static BeanPostProcessor flowdeskCamundaClientTarget(
        final ObjectProvider<Engine> engine,
        final ObjectProvider<EngineProperties> properties,
        final Environment environment) {
      return new CamundaClientTarget(engine, properties, environment);
    }

    @Bean
    @ConditionalOnMissingBean
    CredentialsProvider flowdeskEngineCredentials(final Engine engine) {
      // The engine itself, not a lookup at request time: the client's I/O threads must never wait
      // for the bean factory while the main thread, still starting the context, waits for them.
      return EngineCredentialsProvider.of(engine);
    }
  }
}
