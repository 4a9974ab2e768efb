package io.flowdesk.app.security;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Whether demo people are seeded: {@code flowdesk.demo-data} ({@code FLOWDESK_DEMO_DATA}) when it
 * is {@code true} or {@code false}; when unset, only in the local default configuration, that is
 * when Flowdesk runs its own embedded PostgreSQL because no database ({@code FLOWDESK_DB_URL} or
 * {@code spring.datasource.url}) is configured. A production installation names its database, so it
 * never gets demo accounts by accident.
 */
public final class DemoDataCondition implements Condition {

  static final String PROPERTY = "flowdesk.demo-data";

  @Override
  public boolean matches(final ConditionContext context, final AnnotatedTypeMetadata metadata) {
    return enabled(context.getEnvironment());
  }

  /** The decision for {@code environment}. */
  public static boolean enabled(final Environment environment) {
    final String setting = environment.getProperty(PROPERTY, "").strip();
    if ("true".equalsIgnoreCase(setting)) {
      return true;
    }
    if ("false".equalsIgnoreCase(setting)) {
      return false;
    }
    if (!setting.isEmpty()) {
      throw new IllegalStateException(
          PROPERTY + " (FLOWDESK_DEMO_DATA) must be true, false or empty, not \"" + setting + "\"");
    }
    return blank(environment.getProperty("flowdesk.db.url"))
        && blank(environment.getProperty("spring.datasource.url"));
  }

  private static boolean blank(final String value) {
    return value == null || value.isBlank();
  }
}
