package io.flowdesk.connectors.mail;

import jakarta.mail.Session;
import java.util.Properties;

/** Builds the Jakarta Mail session properties for one server and protocol. */
final class MailSessions {

  private MailSessions() {}

  /**
   * @param protocol {@code smtp} or {@code imap}; implicit TLS is switched on by property rather
   *     than by the {@code smtps}/{@code imaps} protocol names so that one set of keys serves all
   *     three security modes
   */
  static Session session(final MailServer server, final String protocol) {
    final String p = "mail." + protocol + ".";
    final Properties props = new Properties();
    props.put(p + "host", server.host());
    props.put(p + "port", Integer.toString(server.port()));
    props.put(p + "connectiontimeout", Long.toString(server.connectTimeout().toMillis()));
    props.put(p + "timeout", Long.toString(server.readTimeout().toMillis()));
    props.put(p + "auth", Boolean.toString(server.username() != null));
    props.put(p + "ssl.checkserveridentity", "true");
    switch (server.security()) {
      case NONE -> props.put(p + "starttls.enable", "false");
      case STARTTLS -> {
        props.put(p + "starttls.enable", "true");
        props.put(p + "starttls.required", "true");
      }
      case TLS -> props.put(p + "ssl.enable", "true");
      default -> throw new IllegalStateException("unknown security " + server.security());
    }
    if (server.sslSocketFactory() != null) {
      props.put(p + "ssl.socketFactory", server.sslSocketFactory());
    }
    if ("imap".equals(protocol)) {
      // Reading a body must not set \Seen: a mail whose handler fails stays as it was.
      props.put("mail.imap.peek", "true");
    } else {
      props.put(p + "writetimeout", Long.toString(server.readTimeout().toMillis()));
    }
    props.put("mail.mime.decodefilename", "true");
    props.put("mail.mime.encodefilename", "true");
    return Session.getInstance(props);
  }

  /** The password as a String for the one connect call that needs it. */
  static String password(final MailServer server) {
    if (server.username() == null) {
      return null;
    }
    final char[] secret = server.password().get();
    if (secret == null) {
      throw new IllegalStateException(
          "password supplier for mail server " + server.address() + " returned null");
    }
    return new String(secret);
  }
}
