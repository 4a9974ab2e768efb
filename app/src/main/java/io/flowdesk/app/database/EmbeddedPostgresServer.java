package io.flowdesk.app.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server Flowdesk runs for itself when no database is configured. Its data directory
 * outlives the process; a crashed predecessor's leftovers are cleared before it starts.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

  static final String DATABASE = "flowdesk";
  private static final String SUPERUSER = "postgres";
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
  private static final Duration STARTUP_WAIT = Duration.ofMinutes(5);

  private final EmbeddedPostgres postgres;
  private final Path dataDirectory;

  private EmbeddedPostgresServer(final EmbeddedPostgres postgres, final Path dataDirectory) {
    this.postgres = postgres;
    this.dataDirectory = dataDirectory;
  }

  public static EmbeddedPostgresServer start(final Path dataDirectory, final int port) {
    try {
      Files.createDirectories(dataDirectory);
      new OrphanedPostmaster(dataDirectory).clear();
      final EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDirectory)
              .setCleanDataDirectory(false)
              // Spring closes this server after the connection pool; a JVM hook would race it.
              .setRegisterShutdownHook(false)
              .setPort(port)
              // After a crash PostgreSQL replays its WAL before it accepts connections; on a slow
              // disk that outlasts the library's 10 s, and giving up would make a recoverable
              // database look broken.
              .setPGStartupWait(STARTUP_WAIT)
              .setServerConfig("listen_addresses", "localhost")
              // The library's defaults (both off) suit throwaway test databases. This one holds
              // the engine's state and the business records: a commit the engine acknowledged must
              // survive a power loss, and an unflushed write must never corrupt the data.
              .setServerConfig("fsync", "on")
              .setServerConfig("synchronous_commit", "on")
              .start();
      final EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, dataDirectory);
      server.createDatabaseIfMissing();
      LOG.info("Embedded PostgreSQL on port {} with data in {}", postgres.getPort(), dataDirectory);
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start embedded PostgreSQL in " + dataDirectory, e);
    }
  }

  public String jdbcUrl() {
    return postgres.getJdbcUrl(SUPERUSER, DATABASE);
  }

  public String user() {
    return SUPERUSER;
  }

  public int port() {
    return postgres.getPort();
  }

  public Path dataDirectory() {
    return dataDirectory;
  }

  private void createDatabaseIfMissing() {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        PreparedStatement exists =
            connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, DATABASE);
      try (ResultSet result = exists.executeQuery()) {
        if (result.next()) {
          return;
        }
      }
      try (Statement create = connection.createStatement()) {
        create.execute("CREATE DATABASE " + DATABASE);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create database " + DATABASE, e);
    }
  }

  @Override
  public void close() {
    try {
      postgres.close();
      LOG.info("Embedded PostgreSQL stopped");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot stop embedded PostgreSQL in " + dataDirectory, e);
    }
  }
}
