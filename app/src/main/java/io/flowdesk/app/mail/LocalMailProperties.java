package io.flowdesk.app.mail;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The local mail server (GreenMail) that takes Flowdesk's mail when no mail server is configured.
 *
 * @param localServer {@code auto} (the default: on when neither {@code
 *     flowdesk.connectors.mail.host} nor an external database is configured), {@code true} (on
 *     whenever no mail host is configured) or {@code false}
 * @param localSmtpPort SMTP port on 127.0.0.1; 0 picks a free one
 * @param localImapPort IMAP port on 127.0.0.1; 0 picks a free one
 */
@ConfigurationProperties("flowdesk.mail")
public record LocalMailProperties(
    @DefaultValue("auto") String localServer,
    @DefaultValue("3025") int localSmtpPort,
    @DefaultValue("3143") int localImapPort) {

  public LocalMailProperties {
    requirePort(localSmtpPort, "flowdesk.mail.local-smtp-port");
    requirePort(localImapPort, "flowdesk.mail.local-imap-port");
  }

  private static void requirePort(final int port, final String property) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException(
          property + " is " + port + ", not a port (0..65535, 0 picks a free one)");
    }
  }
}
