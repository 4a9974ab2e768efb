package io.flowdesk.connectors.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback relay in front of an IMAP server that notes every command line a client sends (the
 * round trips a poll costs), so a test can say how a poll talks to the server, not only what it
 * did. Commands are counted from the client's lines that begin with a tag, over all its
 * connections.
 */
final class ImapCommandCounter implements AutoCloseable {

  private final ServerSocket listener;
  private final int serverPort;
  private final List<String> commands = new ArrayList<>();
  private final Thread acceptor;

  ImapCommandCounter(final int serverPort) throws IOException {
    this.serverPort = serverPort;
    this.listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::accept, "imap-command-counter");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  /** The commands sent so far (tag dropped), e.g. {@code FETCH 1:3 (FLAGS RFC822.SIZE)}. */
  synchronized List<String> commands() {
    return List.copyOf(commands);
  }

  synchronized void clear() {
    commands.clear();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        final Socket client = listener.accept();
        final Thread session = new Thread(() -> relay(client), "imap-command-counter-session");
        session.setDaemon(true);
        session.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void relay(final Socket client) {
    try (client;
        Socket server = new Socket(InetAddress.getLoopbackAddress(), serverPort)) {
      client.setTcpNoDelay(true);
      server.setTcpNoDelay(true);
      final Thread answers =
          new Thread(() -> pump(server, client, false), "imap-command-counter-answers");
      answers.setDaemon(true);
      answers.start();
      pump(client, server, true);
      answers.join();
    } catch (IOException closed) {
      // The test is over or a side hung up.
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void pump(final Socket from, final Socket to, final boolean count) {
    final StringBuilder line = new StringBuilder();
    try {
      final InputStream in = from.getInputStream();
      final OutputStream out = to.getOutputStream();
      final byte[] buffer = new byte[8192];
      int read;
      while ((read = in.read(buffer)) != -1) {
        // Noted before it is passed on, so a command is counted before its answer can arrive.
        if (count) {
          note(line, new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
        }
        out.write(buffer, 0, read);
        out.flush();
      }
      to.shutdownOutput();
    } catch (IOException closed) {
      // One side hung up: the session is over.
    }
  }

  private void note(final StringBuilder line, final String text) {
    for (int i = 0; i < text.length(); i++) {
      final char c = text.charAt(i);
      if (c == '\n') {
        final String[] tagged = line.toString().strip().split(" ", 2);
        if (tagged.length == 2 && tagged[0].matches("[A-Za-z]+[0-9]+")) {
          synchronized (this) {
            commands.add(tagged[1]);
          }
        }
        line.setLength(0);
      } else {
        line.append(c);
      }
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }
}
