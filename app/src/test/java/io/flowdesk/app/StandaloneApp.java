package io.flowdesk.app;

import io.flowdesk.engine.test.SharedPostgres;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The app started in the test JVM as an operator starts it, outside Spring's test context cache: on
 * a fresh database of the shared test PostgreSQL, a free port, without demo data, with the given
 * settings as command-line arguments (so they win over application.yml).
 */
public final class StandaloneApp implements AutoCloseable {

  private final ConfigurableApplicationContext context;

  private StandaloneApp(final ConfigurableApplicationContext context) {
    this.context = context;
  }

  /**
   * @param properties {@code name=value} pairs, replacing the defaults of the same name
   */
  public static StandaloneApp start(final String... properties) {
    final Map<String, String> settings = new LinkedHashMap<>();
    settings.put("server.port", "0");
    settings.put("server.address", "127.0.0.1");
    settings.put("flowdesk.engine.grpc-port", "0");
    settings.put("flowdesk.mail.local-server", "false");
    settings.put("flowdesk.demo-data", "false");
    settings.put("flowdesk.deployment.packaged-resources", "false");
    settings.put("spring.datasource.url", SharedPostgres.newDatabase());
    settings.put("spring.datasource.username", SharedPostgres.user());
    for (final String property : properties) {
      final int equals = property.indexOf('=');
      settings.put(property.substring(0, equals), property.substring(equals + 1));
    }
    return new StandaloneApp(
        new SpringApplicationBuilder(FlowdeskApplication.class)
            .run(
                settings.entrySet().stream()
                    .map(setting -> "--" + setting.getKey() + "=" + setting.getValue())
                    .toArray(String[]::new)));
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  public <T> T bean(final Class<T> type) {
    return context.getBean(type);
  }

  @Override
  public void close() {
    context.close();
  }
}
