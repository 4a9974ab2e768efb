package io.flowdesk.workers;

import io.flowdesk.engine.Engine;
import io.flowdesk.engine.EngineCredentialsProvider;
import io.flowdesk.engine.test.SharedPostgres;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The workers as the app runs them, in a Spring Boot context of their own on a fresh database, with
 * camunda-spring-boot-starter opening their @JobWorker methods on the test's engine and the
 * engine's clock as the application's {@link java.time.Clock}.
 */
public final class SpringWorkers {

  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  @Import(FlowdeskWorkersConfiguration.class)
  static class WorkersApp {}

  private SpringWorkers() {}

  /**
   * @param properties {@code name=value} settings on top of the test defaults
   */
  public static ConfigurableApplicationContext start(
      final Engine engine, final String... properties) {
    // As arguments: the starter's mode defaults would outrank default properties.
    final List<String> arguments =
        new ArrayList<>(
            List.of(
                "--spring.datasource.url=" + SharedPostgres.newDatabase(),
                "--spring.datasource.username=" + SharedPostgres.user(),
                "--spring.flyway.enabled=false",
                // The test's own engine serves the jobs; the context must not start a second one.
                "--flowdesk.engine.enabled=false",
                "--camunda.client.mode=self-managed",
                "--camunda.client.grpc-address=http://127.0.0.1:" + engine.gatewayPort(),
                "--camunda.client.rest-address=" + engine.restAddress().orElseThrow(),
                // Jobs over gRPC: a closed context cancels its long polls at once, whereas a REST
                // long poll of an earlier test's context is only noticed gone when the engine
                // writes jobs to it, and those jobs then wait for their timeout.
                "--camunda.client.prefer-rest-over-grpc=false",
                "--flowdesk.connectors.retry-backoff=PT0.1S"));
    for (final String property : properties) {
      arguments.add("--" + property);
    }
    return new SpringApplicationBuilder(WorkersApp.class)
        .web(org.springframework.boot.WebApplicationType.NONE)
        .initializers(
            context -> {
              // The test's engine serves only clients with credentials: its own client's.
              context
                  .getBeanFactory()
                  .registerSingleton("engineCredentials", EngineCredentialsProvider.of(engine));
              // The workers' now moves with the engine's timers when a test advances its clock.
              context
                  .getBeanFactory()
                  .registerSingleton("engineTime", new EngineTime(engine.clock()));
            })
        .run(arguments.toArray(String[]::new));
  }
}
