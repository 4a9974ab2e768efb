package io.flowdesk.app.mail;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.imap.ImapHandler;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.server.ProtocolHandler;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.Socket;
import java.net.SocketException;
import java.util.HashMap;
import java.util.Map;

/**
 * GreenMail (SMTP and IMAP only) whose servers send every answer at once.
 *
 * <p>GreenMail writes an answer line by line and flushes each line. With Nagle's algorithm on (the
 * socket default), a line written while the previous one is not yet acknowledged waits for that
 * acknowledgement, and the client delays it (40 ms on Linux) because it is itself waiting for the
 * rest of the answer. So nearly every IMAP command (an untagged line, then the tagged one) and
 * every multi-line SMTP reply took 40 ms: reading the service desk's mailbox cost about a quarter
 * of a second per mail, whatever the machine. With {@code TCP_NODELAY} on the accepted sockets the
 * lines go out as they are written.
 */
final class NoDelayGreenMail extends GreenMail {

  NoDelayGreenMail(final ServerSetup[] setups) {
    super(setups);
  }

  @Override
  protected Map<String, AbstractServer> createServices(
      final ServerSetup[] setups, final Managers managers) {
    final Map<String, AbstractServer> services = new HashMap<>();
    for (final ServerSetup setup : setups) {
      final String protocol = setup.getProtocol();
      if (services.containsKey(protocol)) {
        throw new IllegalArgumentException("two local " + protocol + " servers");
      }
      if (protocol.startsWith(ServerSetup.PROTOCOL_SMTP)) {
        services.put(protocol, new NoDelaySmtp(setup, managers));
      } else if (protocol.startsWith(ServerSetup.PROTOCOL_IMAP)) {
        services.put(protocol, new NoDelayImap(setup, managers));
      } else {
        throw new IllegalArgumentException("no local " + protocol + " server");
      }
    }
    return services;
  }

  private static final class NoDelaySmtp extends SmtpServer {
    NoDelaySmtp(final ServerSetup setup, final Managers managers) {
      super(setup, managers);
    }

    @Override
    protected void handleClientSocket(final Socket client) throws SocketException {
      client.setTcpNoDelay(true);
      super.handleClientSocket(client);
    }
  }

  @Override
  public NoDelayGreenMail withConfiguration(final GreenMailConfiguration configuration) {
    super.withConfiguration(configuration);
    return this;
  }

  /** The port a server of this protocol listens on. */
  int port(final String protocol) {
    return services.get(protocol).getPort();
  }

  /** GreenMail's IMAP server (a final class) with {@code TCP_NODELAY}. */
  private static final class NoDelayImap extends AbstractServer {
    NoDelayImap(final ServerSetup setup, final Managers managers) {
      super(setup, managers);
    }

    @Override
    protected ProtocolHandler createProtocolHandler(final Socket client) {
      return new ImapHandler(managers.getUserManager(), managers.getImapHostManager(), client);
    }

    @Override
    protected void handleClientSocket(final Socket client) throws SocketException {
      client.setTcpNoDelay(true);
      super.handleClientSocket(client);
    }
  }
}
