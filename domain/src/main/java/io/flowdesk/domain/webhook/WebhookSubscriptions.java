package io.flowdesk.domain.webhook;

import io.flowdesk.domain.secret.SecretBinding;
import io.flowdesk.domain.secret.SecretStore;
import java.net.URI;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Table {@code domain.webhook_subscription}. Each subscription's signing secret is generated here
 * and kept in the {@link SecretStore} under {@code webhook-<id>}, bound to the {@code http}
 * connector and the subscription URL's origin, so it can only ever be used to sign what goes there.
 * The secret is answered once, when created or rotated, and never again.
 */
public final class WebhookSubscriptions {

  /** A new subscription or a rotated secret: the only time the secret is handed out. */
  public record WithSecret(WebhookSubscription subscription, String secret) {}

  private static final String COLUMNS =
      "id, url, event_types, active, secret_name, created_by, created_at";
  private static final int MAX_URL = 2000;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final SecretStore secrets;

  public WebhookSubscriptions(
      final DataSource dataSource,
      final PlatformTransactionManager transactionManager,
      final SecretStore secrets) {
    this.jdbc = JdbcClient.create(dataSource);
    this.tx = new TransactionTemplate(transactionManager);
    this.secrets = secrets;
  }

  /**
   * Subscribes {@code url} to {@code eventTypes}.
   *
   * @throws IllegalArgumentException naming the problem: not an http(s) URL, too long, no or
   *     unknown event types
   */
  public WithSecret create(final URI url, final List<String> eventTypes, final String createdBy) {
    requireUrl(url);
    final List<String> types = requireEventTypes(eventTypes);
    return tx.execute(
        status -> {
          final long id =
              jdbc.sql("SELECT nextval('domain.webhook_subscription_id_seq')")
                  .query(Long.class)
                  .single();
          final String secretName = "webhook-" + id;
          jdbc.sql(
                  """
                  INSERT INTO domain.webhook_subscription
                    (id, url, event_types, secret_name, created_by)
                  VALUES (:id, :url, :types, :secretName, :createdBy)
                  """)
              .param("id", id)
              .param("url", url.toString())
              .param("types", types.toArray(String[]::new))
              .param("secretName", secretName)
              .param("createdBy", createdBy)
              .update();
          final String secret = storeNewSecret(secretName, url);
          return new WithSecret(find(id).orElseThrow(), secret);
        });
  }

  /** Replaces the signing secret; the old one no longer verifies what is sent from now on. */
  public WithSecret rotateSecret(final long id) {
    return tx.execute(
        status -> {
          final WebhookSubscription subscription = require(id);
          return new WithSecret(
              subscription, storeNewSecret(subscription.secretName(), subscription.url()));
        });
  }

  /** Pauses or resumes a subscription; a paused one gets no new deliveries. */
  public WebhookSubscription setActive(final long id, final boolean active) {
    return tx.execute(
        status -> {
          require(id);
          jdbc.sql("UPDATE domain.webhook_subscription SET active = :active WHERE id = :id")
              .param("active", active)
              .param("id", id)
              .update();
          return require(id);
        });
  }

  public Optional<WebhookSubscription> find(final long id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM domain.webhook_subscription WHERE id = :id")
        .param("id", id)
        .query(WebhookSubscriptions::map)
        .optional();
  }

  /** All subscriptions, oldest first. */
  public List<WebhookSubscription> list() {
    return jdbc.sql("SELECT " + COLUMNS + " FROM domain.webhook_subscription ORDER BY id")
        .query(WebhookSubscriptions::map)
        .list();
  }

  /** Active subscriptions that asked for {@code eventType}. */
  List<WebhookSubscription> activeFor(final String eventType) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM domain.webhook_subscription"
                + " WHERE active AND :type = ANY (event_types) ORDER BY id")
        .param("type", eventType)
        .query(WebhookSubscriptions::map)
        .list();
  }

  private WebhookSubscription require(final long id) {
    return find(id)
        .orElseThrow(() -> new IllegalArgumentException("there is no webhook subscription " + id));
  }

  private String storeNewSecret(final String name, final URI url) {
    final byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    final String secret = "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    final char[] chars = secret.toCharArray();
    try {
      secrets.put(name, chars, SecretBinding.of(List.of("http"), List.of(origin(url))));
    } finally {
      Arrays.fill(chars, '\0');
    }
    return secret;
  }

  private static String origin(final URI url) {
    return url.getScheme().toLowerCase(Locale.ROOT)
        + "://"
        + url.getHost()
        + (url.getPort() == -1 ? "" : ":" + url.getPort());
  }

  private static void requireUrl(final URI url) {
    if (url == null
        || !url.isAbsolute()
        || url.getHost() == null
        || !List.of("http", "https").contains(url.getScheme().toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException(
          "URL '" + url + "' is not a web address: it must start with https:// and name a host");
    }
    if (url.toString().length() > MAX_URL) {
      throw new IllegalArgumentException("URL is longer than " + MAX_URL + " characters");
    }
  }

  private static List<String> requireEventTypes(final List<String> eventTypes) {
    final LinkedHashSet<String> types = new LinkedHashSet<>();
    if (eventTypes != null) {
      eventTypes.stream().filter(type -> !type.isBlank()).map(String::strip).forEach(types::add);
    }
    if (types.isEmpty()) {
      throw new IllegalArgumentException("choose at least one event type");
    }
    for (final String type : types) {
      if (!WebhookEventTypes.ALL.contains(type) && !type.equals(WebhookEventTypes.TEST)) {
        throw new IllegalArgumentException("'" + type + "' is not an event type");
      }
    }
    return List.copyOf(types);
  }

  private static WebhookSubscription map(final ResultSet row, final int rowNum)
      throws SQLException {
    final Array types = row.getArray("event_types");
    return new WebhookSubscription(
        row.getLong("id"),
        URI.create(row.getString("url")),
        Arrays.asList((String[]) types.getArray()),
        row.getBoolean("active"),
        row.getString("secret_name"),
        row.getString("created_by"),
        row.getTimestamp("created_at").toInstant());
  }
}
