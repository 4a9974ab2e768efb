package io.flowdesk.app.mail;

import java.util.Locale;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Whether Flowdesk runs its own local mail server. Like the embedded PostgreSQL, it is a default
 * for a local installation: with {@code flowdesk.mail.local-server=auto} (the default) it runs only
 * when neither a mail server ({@code flowdesk.connectors.mail.host}) nor an external database is
 * configured, so a production installation that forgot its mail server never swallows mail
 * silently. {@code true} runs it although the database is external (a start with a mail host as
 * well is refused), {@code false} never.
 */
public final class LocalMailServerCondition extends SpringBootCondition {

  static final String PROPERTY = "flowdesk.mail.local-server";

  @Override
  public ConditionOutcome getMatchOutcome(
      final ConditionContext context, final AnnotatedTypeMetadata metadata) {
    final Environment environment = context.getEnvironment();
    final String setting =
        environment.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
    final boolean mailHost = hasText(environment, "flowdesk.connectors.mail.host");
    final boolean externalDatabase =
        hasText(environment, "flowdesk.db.url") || hasText(environment, "spring.datasource.url");
    return switch (setting) {
      case "false" -> ConditionOutcome.noMatch(PROPERTY + " is false");
      case "true" -> {
        if (mailHost) {
          throw new IllegalStateException(
              PROPERTY
                  + " is true, but flowdesk.connectors.mail.host is set too: mail goes either to"
                  + " the local server or to the configured one; drop one of the two settings");
        }
        yield ConditionOutcome.match(PROPERTY + " is true and no mail host is set");
      }
      case "auto", "" ->
          mailHost || externalDatabase
              ? ConditionOutcome.noMatch("a mail host or an external database is configured")
              : ConditionOutcome.match("local default: no mail host, embedded database");
      default ->
          throw new IllegalStateException(
              PROPERTY + " is '" + setting + "'; expected auto, true or false");
    };
  }

  private static boolean hasText(final Environment environment, final String key) {
    final String value = environment.getProperty(key);
    return value != null && !value.isBlank();
  }
}
