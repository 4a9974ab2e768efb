package io.flowdesk.domain.directory;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Which channels each person wants per {@link NotificationKind}, in {@code
 * domain.notification_preference}. Someone who never chose gets each channel's default ({@link
 * NotificationChannel#onByDefault()}), so existing people keep getting mail.
 */
public class NotificationPreferences {

  private final JdbcClient jdbc;

  public NotificationPreferences(final DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  /** The person's channels for every kind, defaults filled in. */
  public Map<NotificationKind, Set<NotificationChannel>> of(final String username) {
    final Map<NotificationKind, Set<NotificationChannel>> chosen =
        new EnumMap<>(NotificationKind.class);
    for (final NotificationKind kind : NotificationKind.values()) {
      final Set<NotificationChannel> defaults = EnumSet.noneOf(NotificationChannel.class);
      for (final NotificationChannel channel : NotificationChannel.values()) {
        if (channel.onByDefault()) {
          defaults.add(channel);
        }
      }
      chosen.put(kind, defaults);
    }
    jdbc.sql(
            "SELECT event_kind, channel, enabled FROM domain.notification_preference"
                + " WHERE username = :username")
        .param("username", username)
        .query(
            (row, n) -> {
              final NotificationKind kind = kindOf(row.getString("event_kind"));
              if (kind != null) {
                final NotificationChannel channel =
                    NotificationChannel.valueOf(row.getString("channel"));
                if (row.getBoolean("enabled")) {
                  chosen.get(kind).add(channel);
                } else {
                  chosen.get(kind).remove(channel);
                }
              }
              return kind;
            })
        .list();
    return chosen;
  }

  /** Whether the person wants {@code kind} by {@code channel}. */
  public boolean wants(
      final String username, final NotificationKind kind, final NotificationChannel channel) {
    return of(username).get(kind).contains(channel);
  }

  /**
   * Stores the person's choice for every kind and channel: a kind missing from {@code chosen} gets
   * no channel at all.
   */
  public void choose(
      final String username, final Map<NotificationKind, Set<NotificationChannel>> chosen) {
    for (final NotificationKind kind : NotificationKind.values()) {
      for (final NotificationChannel channel : NotificationChannel.values()) {
        final boolean enabled = chosen.getOrDefault(kind, Set.of()).contains(channel);
        jdbc.sql(
                """
                INSERT INTO domain.notification_preference (username, event_kind, channel, enabled)
                VALUES (:username, :kind, :channel, :enabled)
                ON CONFLICT (username, event_kind, channel) DO UPDATE SET enabled = EXCLUDED.enabled
                """)
            .param("username", username)
            .param("kind", kind.name())
            .param("channel", channel.name())
            .param("enabled", enabled)
            .update();
      }
    }
  }

  // Kinds stored by a newer version and since removed are ignored, not an error.
  private static NotificationKind kindOf(final String name) {
    for (final NotificationKind kind : NotificationKind.values()) {
      if (kind.name().equals(name)) {
        return kind;
      }
    }
    return null;
  }
}
