package io.flowdesk.engine.test;

import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Points every Spring test context at the {@link SharedPostgres} server unless the test configured
 * a database itself, so no Spring test starts a PostgreSQL of its own.
 */
public final class SharedPostgresContextCustomizerFactory implements ContextCustomizerFactory {

  @Override
  public ContextCustomizer createContextCustomizer(
      final Class<?> testClass, final List<ContextConfigurationAttributes> configAttributes) {
    return new SharedPostgresCustomizer();
  }

  private static final class SharedPostgresCustomizer implements ContextCustomizer {

    @Override
    public void customizeContext(
        final ConfigurableApplicationContext context,
        final MergedContextConfiguration mergedConfig) {
      final ConfigurableEnvironment environment = context.getEnvironment();
      if (hasText(environment, "flowdesk.db.url")
          || hasText(environment, "spring.datasource.url")) {
        return;
      }
      // First, so that it wins over the application's own "no URL: start embedded" default.
      environment
          .getPropertySources()
          .addFirst(
              new MapPropertySource(
                  "sharedTestPostgres",
                  Map.of(
                      "flowdesk.db.url", SharedPostgres.jdbcUrl(),
                      "flowdesk.db.user", SharedPostgres.user(),
                      "flowdesk.db.password", SharedPostgres.password())));
    }

    private static boolean hasText(final ConfigurableEnvironment environment, final String key) {
      final String value = environment.getProperty(key);
      return value != null && !value.isBlank();
    }

    // Every instance is equal so that Spring's test context cache keeps reusing contexts.
    @Override
    public boolean equals(final Object other) {
      return other instanceof SharedPostgresCustomizer;
    }

    @Override
    public int hashCode() {
      return SharedPostgresCustomizer.class.hashCode();
    }
  }
}
