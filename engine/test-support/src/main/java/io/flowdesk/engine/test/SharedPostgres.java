package io.flowdesk.engine.test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL server per test JVM, started on first use and stopped when the JVM exits.
 *
 * <p>Starting PostgreSQL takes seconds, so every test class in a module shares this server. Tests
 * that need isolation ask for a {@linkplain #newDatabase() fresh database} instead of a fresh
 * server.
 */
public final class SharedPostgres {

  private static final String USER = "postgres";
  private static final AtomicInteger DATABASE_COUNTER = new AtomicInteger();

  private SharedPostgres() {}

  /** JDBC URL of the shared {@code postgres} database. */
  public static String jdbcUrl() {
    return Holder.SERVER.getJdbcUrl(USER, "postgres");
  }

  public static String user() {
    return USER;
  }

  /** The shared server has trust authentication: any password is accepted. */
  public static String password() {
    return "";
  }

  /** Creates an empty database on the shared server and answers its JDBC URL. */
  public static String newDatabase() {
    final String name =
        "test_" + ProcessHandle.current().pid() + "_" + DATABASE_COUNTER.incrementAndGet();
    try (Connection connection = Holder.SERVER.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create test database " + name, e);
    }
    return Holder.SERVER.getJdbcUrl(USER, name);
  }

  /** Lazy holder: the server starts on first use, from whichever thread asks first. */
  private static final class Holder {
    private static final EmbeddedPostgres SERVER = start();

    private static EmbeddedPostgres start() {
      try {
        // Tests favour speed over durability: a lost test database is worthless anyway.
        return EmbeddedPostgres.builder()
            .setServerConfig("fsync", "off")
            .setServerConfig("synchronous_commit", "off")
            .setServerConfig("full_page_writes", "off")
            .setServerConfig("max_connections", "300")
            .start();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot start the embedded test PostgreSQL", e);
      }
    }
  }
}
