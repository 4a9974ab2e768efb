package io.flowdesk.app.database;

import java.util.Optional;

/**
 * The database this server runs on, and the embedded server behind it if Flowdesk started one.
 * Closing it stops that server, after the connection pool (a bean created later) has closed.
 */
public final class DatabaseInUse implements AutoCloseable {

  private final String jdbcUrl;
  private final String user;
  private final String password;
  private final EmbeddedPostgresServer embedded;

  private DatabaseInUse(
      final String jdbcUrl,
      final String user,
      final String password,
      final EmbeddedPostgresServer embedded) {
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
    this.embedded = embedded;
  }

  static DatabaseInUse external(final String jdbcUrl, final String user, final String password) {
    return new DatabaseInUse(jdbcUrl, user, password, null);
  }

  static DatabaseInUse embedded(final EmbeddedPostgresServer server) {
    return new DatabaseInUse(server.jdbcUrl(), server.user(), "", server);
  }

  public String jdbcUrl() {
    return jdbcUrl;
  }

  String user() {
    return user;
  }

  String password() {
    return password;
  }

  public Optional<EmbeddedPostgresServer> embeddedServer() {
    return Optional.ofNullable(embedded);
  }

  /** A one-line description for operators, without credentials. */
  public String describe() {
    final String withoutQuery = jdbcUrl.replaceFirst("\\?.*$", "");
    return embeddedServer()
        .map(
            server ->
                "embedded PostgreSQL on port "
                    + server.port()
                    + ", data in "
                    + server.dataDirectory())
        .orElse("PostgreSQL at " + withoutQuery);
  }

  @Override
  public void close() {
    if (embedded != null) {
      embedded.close();
    }
  }
}
