package io.flowdesk.connectors.mail;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import java.time.Duration;

/**
 * GreenMail with SMTP, SMTPS, IMAP and IMAPS on free loopback ports, and two accounts; started once
 * per test class, so tests empty the mailboxes before they run ({@link #purge}).
 */
final class TestMailServers {

  static final String DESK = "desk@flowdesk.test";
  static final String DESK_PASSWORD = "desk-Pa55word!";
  static final String ALICE = "alice@example.test";
  static final String ALICE_PASSWORD = "alice-Pa55word!";
  static final String DOMAIN = "flowdesk.test";

  private TestMailServers() {}

  static GreenMailExtension greenMail() {
    return new GreenMailExtension(
            new ServerSetup[] {
              setup(ServerSetup.PROTOCOL_SMTP),
              setup(ServerSetup.PROTOCOL_SMTPS),
              setup(ServerSetup.PROTOCOL_IMAP),
              setup(ServerSetup.PROTOCOL_IMAPS)
            })
        .withConfiguration(
            GreenMailConfiguration.aConfig()
                .withUser(DESK, DESK, DESK_PASSWORD)
                .withUser(ALICE, ALICE, ALICE_PASSWORD))
        .withPerMethodLifecycle(false);
  }

  static void purge(final GreenMailExtension greenMail) {
    try {
      greenMail.purgeEmailFromAllMailboxes();
    } catch (Exception e) {
      throw new IllegalStateException("cannot empty the test mailboxes", e);
    }
  }

  private static ServerSetup setup(final String protocol) {
    final ServerSetup setup = new ServerSetup(0, "127.0.0.1", protocol).dynamicPort();
    // TLS servers take a while to come up on a busy two-core machine.
    setup.setServerStartupTimeout(15_000);
    return setup;
  }

  static MailServer server(final int port, final MailSecurity security) {
    return MailServer.of("localhost", port, security)
        .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5));
  }

  static MailServer deskLogin(final int port, final MailSecurity security) {
    return server(port, security).withCredentials(DESK, DESK_PASSWORD::toCharArray);
  }
}
