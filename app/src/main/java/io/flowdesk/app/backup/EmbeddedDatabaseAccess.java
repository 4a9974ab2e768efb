package io.flowdesk.app.backup;

import io.flowdesk.app.database.EmbeddedPostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * A connection to the embedded PostgreSQL of a data directory: the one a running Flowdesk started
 * (found through the port PostgreSQL writes into its pid file), else one started here for as long
 * as the backup takes.
 */
final class EmbeddedDatabaseAccess implements AutoCloseable {

  private static final String DATABASE = "flowdesk";
  private static final String SUPERUSER = "postgres";

  private final String jdbcUrl;
  private final EmbeddedPostgresServer startedHere;

  private EmbeddedDatabaseAccess(final String jdbcUrl, final EmbeddedPostgresServer startedHere) {
    this.jdbcUrl = jdbcUrl;
    this.startedHere = startedHere;
  }

  static EmbeddedDatabaseAccess open(final DataDirectory data) {
    if (!data.hasDatabase()) {
      throw new BackupProblem(
          "no Flowdesk database in "
              + data.postgres()
              + ": nothing to back up (set FLOWDESK_DATA_DIR or --data-dir to the server's data"
              + " directory)");
    }
    final Optional<String> running = runningServer(data.postgres());
    if (running.isPresent()) {
      return new EmbeddedDatabaseAccess(running.get(), null);
    }
    final EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data.postgres(), 0);
    return new EmbeddedDatabaseAccess(server.jdbcUrl(), server);
  }

  /** Whether a PostgreSQL serves this directory right now. */
  static boolean isServing(final Path postgres) {
    return runningServer(postgres).isPresent();
  }

  Connection connect() throws SQLException {
    final Properties properties = new Properties();
    properties.setProperty("user", SUPERUSER);
    return DriverManager.getConnection(jdbcUrl, properties);
  }

  /**
   * The URL of the PostgreSQL serving this directory right now. Its pid file's fourth line is the
   * port; the server there must say it serves this very directory (the pid file may be stale and
   * the port reused).
   */
  private static Optional<String> runningServer(final Path postgres) {
    final Path pidFile = postgres.resolve("postmaster.pid");
    final List<String> lines;
    try {
      lines = Files.exists(pidFile) ? Files.readAllLines(pidFile) : List.of();
    } catch (IOException e) {
      return Optional.empty();
    }
    if (lines.size() < 4 || !lines.get(3).trim().matches("\\d+")) {
      return Optional.empty();
    }
    final String url =
        "jdbc:postgresql://localhost:" + lines.get(3).trim() + "/" + DATABASE + "?connectTimeout=5";
    final Properties properties = new Properties();
    properties.setProperty("user", SUPERUSER);
    try (Connection connection = DriverManager.getConnection(url, properties);
        Statement statement = connection.createStatement();
        ResultSet directory = statement.executeQuery("SHOW data_directory")) {
      directory.next();
      return Path.of(directory.getString(1)).toRealPath().equals(postgres.toRealPath())
          ? Optional.of(url)
          : Optional.empty();
    } catch (SQLException | IOException e) {
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    if (startedHere != null) {
      startedHere.close();
    }
  }
}
