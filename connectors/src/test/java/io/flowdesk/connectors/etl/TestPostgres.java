package io.flowdesk.connectors.etl;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * One real PostgreSQL per test JVM, started on first use; each test asks for a fresh database so
 * tests never see each other's tables.
 */
public final class TestPostgres {

  private static final AtomicInteger DATABASES = new AtomicInteger();

  private TestPostgres() {}

  /** Creates an empty database and answers a data source for it. */
  public static DataSource newDatabase() {
    final String name = "etl_" + DATABASES.incrementAndGet();
    try (Connection connection = Holder.SERVER.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create test database " + name, e);
    }
    return Holder.SERVER.getDatabase("postgres", name);
  }

  /** Lazy holder: the server starts on first use. */
  private static final class Holder {
    private static final EmbeddedPostgres SERVER = start();

    private static EmbeddedPostgres start() {
      try {
        // Speed over durability: a lost test database is worthless anyway.
        return EmbeddedPostgres.builder()
            .setServerConfig("fsync", "off")
            .setServerConfig("synchronous_commit", "off")
            .setServerConfig("full_page_writes", "off")
            .start();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot start the embedded test PostgreSQL", e);
      }
    }
  }
}
