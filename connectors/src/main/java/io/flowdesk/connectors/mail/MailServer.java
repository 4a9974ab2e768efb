package io.flowdesk.connectors.mail;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import javax.net.ssl.SSLSocketFactory;

/**
 * Where and how to reach one SMTP or IMAP server. The password is asked for on each connect, so a
 * rotated secret takes effect without rebuilding the connector; it never appears in {@link
 * #toString()} or in an error message.
 *
 * @param username {@code null} when the server takes mail without authentication
 * @param password asked for on connect when {@code username} is set
 * @param sslSocketFactory {@code null} for the JVM's trust store; set it to trust a private CA. The
 *     server's host name is always checked against its certificate.
 */
public record MailServer(
    String host,
    int port,
    MailSecurity security,
    String username,
    Supplier<char[]> password,
    Duration connectTimeout,
    Duration readTimeout,
    SSLSocketFactory sslSocketFactory) {

  private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

  public MailServer {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("mail server host is missing");
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("mail server port " + port + " is not in 1..65535");
    }
    Objects.requireNonNull(security, "security");
    if (username != null && password == null) {
      throw new IllegalArgumentException(
          "mail server " + host + ":" + port + " has a username but no password supplier");
    }
    connectTimeout = positive(connectTimeout, DEFAULT_CONNECT_TIMEOUT, "connectTimeout");
    readTimeout = positive(readTimeout, DEFAULT_READ_TIMEOUT, "readTimeout");
  }

  /** A server without authentication and with default timeouts (10 s connect, 30 s read). */
  public static MailServer of(final String host, final int port, final MailSecurity security) {
    return new MailServer(host, port, security, null, null, null, null, null);
  }

  public MailServer withCredentials(final String username, final Supplier<char[]> password) {
    return new MailServer(
        host,
        port,
        security,
        Objects.requireNonNull(username, "username"),
        Objects.requireNonNull(password, "password"),
        connectTimeout,
        readTimeout,
        sslSocketFactory);
  }

  public MailServer withTimeouts(final Duration connectTimeout, final Duration readTimeout) {
    return new MailServer(
        host, port, security, username, password, connectTimeout, readTimeout, sslSocketFactory);
  }

  public MailServer withSslSocketFactory(final SSLSocketFactory sslSocketFactory) {
    return new MailServer(
        host, port, security, username, password, connectTimeout, readTimeout, sslSocketFactory);
  }

  /** {@code host:port}, the way error messages name the server. */
  public String address() {
    return host + ":" + port;
  }

  @Override
  public String toString() {
    return "MailServer[host="
        + host
        + ", port="
        + port
        + ", security="
        + security
        + ", username="
        + username
        + ", password="
        + (password == null ? "none" : "***")
        + ", connectTimeout="
        + connectTimeout
        + ", readTimeout="
        + readTimeout
        + "]";
  }

  private static Duration positive(
      final Duration value, final Duration fallback, final String name) {
    if (value == null) {
      return fallback;
    }
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
    return value;
  }
}
